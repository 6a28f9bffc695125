import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSharded, recommendedShardCount, shardEntry } from '../../src/discord/sharding.js';
import { parseDiscordConfig } from '../../src/discord/config.js';
import { FakeDiscord } from '../support/fake-discord/index.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ shards: 3 });
});
afterAll(() => fake?.stop());

describe('SHARD_COUNT and the recommended shard count', () => {
  it.each([
    [undefined, 'auto'],
    ['', 'auto'],
    ['auto', 'auto'],
    ['AUTO', 'auto'],
    ['1', 1],
    [' 4 ', 4],
  ] as const)('reads SHARD_COUNT=%j as %j', (value, expected) => {
    expect(parseDiscordConfig(value === undefined ? {} : { SHARD_COUNT: value }).shardCount).toBe(expected);
  });

  it.each(['0', '-2', '2.5', 'two', '10001'])('refuses SHARD_COUNT=%j, naming the value', (value) => {
    expect(() => parseDiscordConfig({ SHARD_COUNT: value })).toThrow(`SHARD_COUNT="${value}": must be auto or a whole number of shards from 1 to 10000`);
  });

  it('asks DISCORD_API_URL (not discord.com) for the recommended count', async () => {
    expect(await recommendedShardCount(fake.token, fake.apiUrl)).toBe(3);
    expect(fake.requests.filter((r) => r.path === '/gateway/bot').at(-1)?.authorization).toBe(`Bot ${fake.token}`);
  });

  it('exits 2 before starting any shard when SHARD_COUNT is bad, the token is rejected or Discord cannot be reached', async () => {
    const base = { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    let stderr = '';
    expect(await launchSharded({ ...base, SHARD_COUNT: 'lots' }, { stderr: (t) => (stderr += t) })).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toMatch(/^error: Bad configuration[\s\S]*SHARD_COUNT="lots": must be auto or a whole number of shards from 1 to 10000\n$/);
    stderr = '';
    expect(await launchSharded({ ...base, DISCORD_TOKEN: 'wrong-token' }, { stderr: (t) => (stderr += t), writeLog: () => {} })).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toContain('Discord rejected DISCORD_TOKEN');
    stderr = '';
    const nowhere = 'http://discord.invalid/api';
    expect(await launchSharded({ ...base, DISCORD_API_URL: nowhere }, { stderr: (t) => (stderr += t), writeLog: () => {} })).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toMatch(/^error: Could not reach Discord at http:\/\/discord\.invalid\/api \(getaddrinfo (ENOTFOUND|EAI_AGAIN) discord\.invalid\): no network route to Discord; check DISCORD_API_URL or the network\.\n$/);
    stderr = '';
    expect(await launchSharded({}, { stderr: (t) => (stderr += t) })).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toContain('DISCORD_TOKEN is not set');
  });

  it('runs the bot entry in each shard process: the build in dist, the source under tsx', () => {
    const { file, execArgv } = shardEntry();
    expect(file).toMatch(/[/\\]discord[/\\]main\.(js|ts)$/);
    expect(execArgv).toEqual(process.execArgv);
  });
});

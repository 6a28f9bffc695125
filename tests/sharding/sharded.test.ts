import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry, type Spawned } from '../discord/process.js';
import { alive, fakeDiscordEnv, processLogLines as lines } from '../support/bot-process.js';
import { FakeDiscord, PERMISSIONS } from '../support/fake-discord/index.js';
import { tempDir } from '../support/fixtures.js';

/** A guild id whose events Discord routes to `shard` of `count`: `(id >> 22) % count`. */
const guildOnShard = (shard: number, count = 2) => String((1_000_000n * BigInt(count) + BigInt(shard)) << 22n);
const MODERATOR = String(BigInt(PERMISSIONS.member) | BigInt(PERMISSIONS.manageGuild));
const SEED = '2014-03-30-kerry-lavrov-paris.txt';
const BREEDLOVE = "What is Philip Breedlove's job?";

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number, run: Spawned): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not seen in ${timeoutMs} ms:\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run start:sharded: two shard processes under ShardingManager', () => {
  let fake: FakeDiscord;
  let run: Spawned;
  let seeds: string;
  const [g0, g1] = [guildOnShard(0), guildOnShard(1)];
  const shardPids = (shard: number) => lines(run).filter((l) => l.msg === 'Shard process started' && l.shard === shard).map((l) => l.pid as number);

  beforeAll(async () => {
    fake = await FakeDiscord.start({ shards: 2, guilds: [{ id: g0, name: 'On shard 0' }, { id: g1, name: 'On shard 1' }] });
    const env = await fakeDiscordEnv(fake); // SHARD_COUNT unset: auto, from the fake's /gateway/bot
    seeds = env.SEEDS_DIR;
    run = runEntry('src/discord/sharded-main.ts', env, await tempDir());
    await run.waitForStderr('"msg":"All shards ready"', 150_000);
    // The manager counts a shard ready at discord.js's ready event; the bot logs its own line just after.
    await until('both shards ready', () => (lines(run).filter((l) => l.msg === 'Discord bot ready').length === 2 ? true : undefined), 10_000, run);
  }, 160_000);

  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill('SIGTERM');
      await run.exit;
    }
    await fake?.stop();
  });

  it('asks Discord for the shard count, identifies each shard once and routes each guild to its shard', () => {
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    expect(fake.identifiesFor(0).map((d) => d.shard)).toEqual([[0, 2]]);
    expect(fake.identifiesFor(1).map((d) => d.shard)).toEqual([[1, 2]]);
    expect([fake.shardOfGuild(g0), fake.shardOfGuild(g1)]).toEqual([0, 1]);
    const ready = lines(run).filter((l) => l.msg === 'Discord bot ready');
    expect(ready.map((l) => l.shards).sort()).toEqual([[0], [1]]);
    expect(ready.every((l) => l.guilds === 1 && l.shardCount === 2)).toBe(true);
    // One shard built the index; the other loaded it.
    expect(lines(run).filter((l) => l.msg === 'Index built')).toHaveLength(1);
  });

  it('answers questions in guilds on both shards', async () => {
    for (const guildId of [g0, g1]) {
      const x = await fake.command('ask', { question: BREEDLOVE }, { guildId }).waitForMessages(1, 20_000);
      expect(x.messages()[0]!.data.content).toContain('Supreme Allied Commander Europe');
    }
  });

  it('/reindex on shard 0 rebuilds once and shard 1 then answers from the new index', async () => {
    await fs.appendFile(path.join(seeds, SEED), '\n\nThe hockey final ended four to two for the Zamboni Cats.\n');
    const x = await fake.command('reindex', {}, { guildId: g0, permissions: MODERATOR }).waitForMessages(1, 60_000);
    const text = x.messages().map((m) => m.data.content).join('\n');
    const generation = /All 2 shards serve (\S+)\./.exec(text)?.[1];
    expect(generation, text).toMatch(/^index-/);
    expect(text).toContain(`Shard 0: ${generation}`);
    expect(text).toContain(`Shard 1: ${generation}`);
    expect(lines(run).filter((l) => l.msg === 'Index built')).toHaveLength(1);
    expect(lines(run).filter((l) => l.msg === 'Index updated')).toHaveLength(1);
    const answer = await fake.command('ask', { question: 'Who won the hockey final?' }, { guildId: g1 }).waitForMessages(1, 20_000);
    expect(answer.messages()[0]!.data.content).toContain('Zamboni Cats');
  });

  it('respawns a killed shard process, which loads the newest index (rebuilt while it was down) and answers again', async () => {
    const [pid] = shardPids(1);
    process.kill(pid!, 'SIGKILL');
    await until('the death of shard 1', () => lines(run).find((l) => l.msg === 'Shard process exited; starting it again' && l.shard === 1), 20_000, run);
    // Rebuild while shard 1 is down or starting: the report says so, and shard 1 catches up when it starts.
    await fs.appendFile(path.join(seeds, SEED), '\n\nThe curling trophy went to the Granite Owls.\n');
    const x = await fake.command('reindex', {}, { guildId: g0, permissions: MODERATOR }).waitForMessages(1, 60_000);
    const text = x.messages().map((m) => m.data.content).join('\n');
    expect(text).toContain('Shard 0: index-');
    const newest = /Shard 0: (\S+)/.exec(text)![1]!;
    expect(text).toMatch(new RegExp(`Shard 1: (not reloaded \\(down or starting|${newest})`));
    await until('shard 1 ready again', () => lines(run).filter((l) => l.msg === 'Shard ready' && l.shard === 1)[1], 120_000, run);
    const [, respawned] = shardPids(1);
    expect(respawned).not.toBe(pid);
    expect(alive(pid!)).toBe(false);
    expect(fake.identifiesFor(1)).toHaveLength(2);
    // Shard 1 reloaded in the broadcast after the rebuild (it was ready by then), or when the manager saw it ready (after the rebuild).
    const caughtUp = await until('the manager bringing shard 1 up to date', () => lines(run).filter((l) => l.msg === 'Shard serves the newest index' && l.shard === 1)[1], 20_000, run);
    expect(text.includes(`Shard 1: ${newest}`) || caughtUp.generation === newest, `${text}\n${JSON.stringify(caughtUp)}`).toBe(true);
    const answer = await fake.command('ask', { question: 'Who won the curling trophy?' }, { guildId: g1 }).waitForMessages(1, 20_000);
    expect(answer.messages()[0]!.data.content).toContain('Granite Owls');
  }, 180_000);

  it('stops every shard process on SIGTERM and exits 0, logging each exit as a stop, not a restart', async () => {
    const pids = [shardPids(0).at(-1)!, shardPids(1).at(-1)!];
    expect(pids.every(alive)).toBe(true);
    const before = lines(run).length;
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(pids.some(alive)).toBe(false);
    const after = lines(run).slice(before);
    expect(after.at(-1)).toMatchObject({ msg: 'All shards stopped' });
    expect(after.filter((l) => l.msg === 'Shard process exited; starting it again')).toEqual([]);
    expect(after.filter((l) => l.msg === 'Shard process started')).toEqual([]);
    const stopped = after.filter((l) => l.msg === 'Shard process stopped').map((l) => ({ shard: l.shard, pid: l.pid, exitCode: l.exitCode, level: l.level }));
    expect(stopped.sort((a, b) => Number(a.shard) - Number(b.shard))).toEqual([
      { shard: 0, pid: pids[0], exitCode: 0, level: 30 },
      { shard: 1, pid: pids[1], exitCode: 0, level: 30 },
    ]);
    // Each shard drained and disconnected on its own (its log shares the manager's standard error).
    expect(after.filter((l) => l.msg === 'Discord bot stopped')).toHaveLength(2);
    expect(after.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBot } from '../../src/discord/launch.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { bundledEmbedder, seedsFolder, tempDir } from '../support/fixtures.js';
import { NO_IDENTIFY_WAIT } from './harness.js';
import { runEntry } from './process.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake?.stop());

async function launch(env: Record<string, string>) {
  let stderr = '';
  const logs: string[] = [];
  const result = await launchBot(env, { stderr: (t) => (stderr += t), writeLog: (l) => logs.push(l), context: { embedder: await bundledEmbedder() }, start: { clientOptions: NO_IDENTIFY_WAIT } });
  return { result, stderr, logs };
}

describe('starting the bot (npm start)', () => {
  it('exits 2 without DISCORD_TOKEN, naming it and pointing at .env.example and dateline ask', async () => {
    const { result, stderr } = await launch({});
    expect(result).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toContain('DISCORD_TOKEN is not set');
    expect(stderr).toContain('.env.example');
    expect(stderr).toContain('npx dateline ask');
  });

  it('runs as a process without DISCORD_CLIENT_ID (only deploy-commands and invite-url need it): logs in and answers', async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir(), DATA_DIR: await tempDir() };
    const bot = runEntry('src/discord/main.ts', env, await tempDir());
    try {
      await bot.waitForStderr('"msg":"Discord bot ready"');
      const x = await fake.command('ask', { question: "What is Philip Breedlove's job?" }).waitForMessages();
      expect(x.messages()[0]!.data.content).toContain('Supreme Allied Commander Europe');
      expect(bot.stderr()).not.toContain('DISCORD_CLIENT_ID');
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exit).toBe(0);
    }
  }, 30_000);

  it('warns when a configured DISCORD_CLIENT_ID is not the application of the token, and runs anyway', async () => {
    const other = '123456789012345678';
    const { result, logs } = await launch({ DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: other, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir(), DATA_DIR: await tempDir() });
    expect(result.ok).toBe(true);
    if (result.ok) await result.bot.stop();
    const warning = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'DISCORD_CLIENT_ID is not the application this token belongs to');
    expect(warning).toMatchObject({ level: 40, configured: other, actual: fake.applicationId });
  }, 30_000);

  it('exits the process with code 2 when started without settings', async () => {
    const run = runEntry('src/discord/main.ts', {}, await tempDir());
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toMatch(/^error: DISCORD_TOKEN is not set\. .*\.env\.example.*\n.*npx dateline ask/);
  });

  it('exits 2 naming a bad setting', async () => {
    const { result, stderr } = await launch({ DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: fake.applicationId, ASK_COOLDOWN: 'lots' });
    expect(result).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toMatch(/ASK_COOLDOWN="lots": must be N\/S/);
  });

  it('exits 2 when Discord rejects the token', async () => {
    const env = { DISCORD_TOKEN: 'not-the-token-x9', DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir() };
    const { result, stderr, logs } = await launch(env);
    expect(result).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toContain('Discord rejected DISCORD_TOKEN');
    expect(stderr + logs.join('')).not.toContain('not-the-token-x9');
  });

  it('runs as a process against DISCORD_API_URL alone: answers, logs JSON, and exits 0 on SIGTERM', async () => {
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      SEEDS_DIR: await seedsFolder(),
      INDEX_DIR: await tempDir(),
    };
    const bot = runEntry('src/discord/main.ts', env, await tempDir());
    await bot.waitForStderr('"msg":"Discord bot ready"');
    const x = await fake.command('ask', { question: "What is Philip Breedlove's job?" }).waitForMessages();
    expect(x.messages()[0]!.data.content).toContain('Supreme Allied Commander Europe');
    await bot.waitForStderr('"msg":"interaction"');
    bot.child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
    const lines = bot.stderr().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'interaction')).toMatchObject({ command: 'ask', result: 'answered', guild: fake.guilds[0]!.id });
    expect(lines.at(-1)).toMatchObject({ msg: 'Discord bot stopped' });
    expect(bot.stderr()).not.toContain(fake.token);
  }, 30_000);
});

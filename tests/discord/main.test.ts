import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBot } from '../../src/discord/launch.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { bundledEmbedder, seedsFolder, tempDir } from '../support/fixtures.js';
import { NO_IDENTIFY_WAIT } from './harness.js';
import { runEntry } from './process.js';

/** A preload that makes the child's standard error say it is a terminal, as it is when someone runs `npm start` there. */
const STDERR_IS_A_TERMINAL = '--import=data:text/javascript,process.stderr.isTTY=true';

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

  it('exits 2 when the gateway refuses the token (close code 4004) though the REST API took it', async () => {
    const gatewayInfo = { url: fake.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } };
    const remove = fake.onRequest((r) => (r.path === '/gateway/bot' ? { status: 200, body: gatewayInfo } : undefined));
    try {
      const env = { DISCORD_TOKEN: 'revoked-token-x7', DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir(), DATA_DIR: await tempDir() };
      const { result, stderr, logs } = await launch(env);
      expect(result).toEqual({ ok: false, exitCode: 2 });
      expect(stderr).toBe("error: Discord rejected DISCORD_TOKEN. Copy the bot's token again from the developer portal (Bot tab) into .env.\n");
      expect(stderr + logs.join('')).not.toContain('revoked-token-x7');
    } finally {
      remove();
    }
  });

  it.each([
    ['nothing listens there (ECONNREFUSED)', 'http://127.0.0.1:1/api', /\(connect ECONNREFUSED 127\.0\.0\.1:1\)/],
    ['the name does not resolve (ENOTFOUND, or EAI_AGAIN without DNS)', 'http://dateline-test.invalid/api', /\(getaddrinfo (ENOTFOUND|EAI_AGAIN) dateline-test\.invalid\)/],
  ])('exits 2 naming the URL tried and what to check when Discord cannot be reached: %s', async (_, url, cause) => {
    const { result, stderr } = await launch({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: url, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir(), DATA_DIR: await tempDir() });
    expect(result).toEqual({ ok: false, exitCode: 2 });
    expect(stderr).toMatch(new RegExp(`^error: Could not reach Discord at ${url.replace(/[.:/]/g, '\\$&')} \\(`));
    expect(stderr).toMatch(cause);
    expect(stderr).toMatch(/: no network route to Discord; check DISCORD_API_URL or the network\.\n$/);
  }, 30_000);

  it('exits the process with code 2 and the hint when Discord cannot be reached', async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: 'http://127.0.0.1:1/api', SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir(), DATA_DIR: await tempDir() };
    const run = runEntry('src/discord/main.ts', env, await tempDir());
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('error: Could not reach Discord at http://127.0.0.1:1/api (connect ECONNREFUSED 127.0.0.1:1): no network route to Discord; check DISCORD_API_URL or the network.\n');
  }, 30_000);

  it('logs readable lines (time, level, message, key=value) when standard error is a terminal', async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir(), DATA_DIR: await tempDir() };
    const bot = runEntry('src/discord/main.ts', env, await tempDir(), [STDERR_IS_A_TERMINAL]);
    await bot.waitForStderr('Discord bot ready');
    await fake.command('ask', { question: "What is Philip Breedlove's job?" }).waitForMessages();
    await bot.waitForStderr(' interaction ');
    bot.child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
    const lines = bot.stderr().trim().split('\n');
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO  Discord bot ready user=\d+ name=dateline /));
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO  interaction .*command=ask .*result=answered /));
    expect(bot.stderr()).not.toContain(fake.token);
  }, 30_000);

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

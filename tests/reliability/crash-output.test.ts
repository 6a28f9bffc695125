import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry, type Spawned } from '../discord/process.js';
import { alive, fakeDiscordEnv } from '../support/bot-process.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { tempDir } from '../support/fixtures.js';
import { until } from '../support/until.js';

/**
 * The bot process (`npm start`), and the manager of `npm run start:sharded`,
 * crashing on an error nothing caught — one whose message holds the token,
 * as a REST error repeating the request would — log it as one JSON line with
 * the token redacted and exit 1, instead of Node printing it raw.
 */
const TOKEN = 'OTk5OTk5OTk5OTk5OTk5OTk5.Gcrash.not_a-real-token_for_crash-tests_77';

/** Preloaded into the bot: on SIGUSR2, fails the way `CRASH` says with a message that holds the token. */
const PRELOAD = `data:text/javascript,${encodeURIComponent(`
process.on('SIGUSR2', () => setImmediate(() => {
  const error = new Error('PUT /channels/1/messages failed (authorization=Bot ' + process.env.DISCORD_TOKEN + ')');
  if (process.env.CRASH === 'rejection') Promise.reject(error);
  else throw error;
}));
`)}`;

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN });
});
afterAll(() => fake?.stop());

/** The JSON log lines of `run`'s standard error. */
const logLines = (run: Spawned) =>
  run
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; pid?: number; error?: { message: string; stack?: string } });

/** The bot's settings against `fake` (whose token is TOKEN), failing as `kind` says on SIGUSR2. */
const botEnv = async (kind: string) => ({ ...(await fakeDiscordEnv(fake, { dataDir: true })), CRASH: kind });

describe('a crash of the sharding manager (npm run start:sharded)', { timeout: 180_000 }, () => {
  for (const kind of ['exception', 'rejection'] as const) {
    it(`an uncaught ${kind} is logged with the token redacted, exit 1, and the shard stops with it`, async () => {
      const manager = runEntry('src/discord/sharded-main.ts', { ...(await botEnv(kind)), SHARD_COUNT: '1' }, await tempDir(), ['--import', PRELOAD]);
      let shardPid: number | undefined;
      try {
        await manager.waitForStderr('"msg":"All shards ready"', 150_000);
        shardPid = logLines(manager).find((l) => l.msg === 'Shard process started')?.pid;
        manager.child.kill('SIGUSR2');
        expect(await manager.exit).toBe(1);
        expect(manager.stdout() + manager.stderr()).not.toContain(TOKEN.split('.').at(-1)!);
        const crash = logLines(manager).find((l) => l.msg === 'The sharding manager crashed');
        expect(crash?.error?.message).toBe('PUT /channels/1/messages failed (authorization=Bot [redacted])');
        expect(crash?.error?.stack).toContain('[redacted]');
        if (shardPid !== undefined) await until(() => !alive(shardPid!), 'the shard process to stop without its manager', 20_000);
      } finally {
        if (manager.child.exitCode === null && manager.child.signalCode === null) manager.child.kill('SIGKILL');
        if (shardPid !== undefined && alive(shardPid)) process.kill(shardPid, 'SIGKILL');
      }
    });
  }
});

describe('a crash of the bot process', { timeout: 90_000 }, () => {
  for (const kind of ['exception', 'rejection'] as const) {
    it(`an uncaught ${kind} is logged with the token redacted, exit 1`, async () => {
      const env = await botEnv(kind);
      const bot = runEntry('src/discord/main.ts', env, await tempDir(), ['--import', PRELOAD]);
      await bot.waitForStderr('"msg":"Discord bot ready"', 60_000);
      bot.child.kill('SIGUSR2');
      expect(await bot.exit).toBe(1);
      const output = bot.stdout() + bot.stderr();
      expect(output).not.toContain(TOKEN.split('.').at(-1)!);
      const crash = logLines(bot).find((l) => l.msg === 'The Discord bot crashed');
      expect(crash?.error?.message).toBe('PUT /channels/1/messages failed (authorization=Bot [redacted])');
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry } from '../bot/process.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { seedsFolder, tempDir } from '../support/fixtures.js';

/**
 * The bot process (`npm start`) crashing on an error nothing caught — one
 * whose message holds the token, as a REST error repeating the request
 * would — logs it as one JSON line with the token redacted and exits 1,
 * instead of Node printing it raw.
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

describe('a crash of the bot process', { timeout: 90_000 }, () => {
  for (const kind of ['exception', 'rejection'] as const) {
    it(`an uncaught ${kind} is logged with the token redacted, exit 1`, async () => {
      const env = {
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        SEEDS_DIR: await seedsFolder(),
        INDEX_DIR: await tempDir('dateline-index-'),
        DATA_DIR: await tempDir('dateline-data-'),
        LOG_LEVEL: 'info',
        CRASH: kind,
      };
      const bot = runEntry('src/bot/main.ts', env, await tempDir(), ['--import', PRELOAD]);
      await bot.waitForStderr('"msg":"Discord bot ready"', 60_000);
      bot.child.kill('SIGUSR2');
      expect(await bot.exit).toBe(1);
      const output = bot.stdout() + bot.stderr();
      expect(output).not.toContain(TOKEN.split('.').at(-1)!);
      const crash = bot
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; error?: { message: string } })
        .find((l) => l.msg === 'The Discord bot crashed');
      expect(crash?.error?.message).toBe('PUT /channels/1/messages failed (authorization=Bot [redacted])');
    });
  }
});

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { waitUntilSettled } from '../support/exchange-outcomes.js';
import { recordScenario } from '../support/reliability-record.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/**
 * The token never shows: the bot process runs through REST failures, an
 * expired interaction, SIGTERM, and a crash at start-up, and everything it
 * wrote (standard output and error, at debug level) and every message it
 * sent to Discord is searched for the token.
 */
const run = promisify(execFile);
const DISCORD_TOKEN_SHAPE = /[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}/;

/** Every string inside a request body (message contents as the bot sent them). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

let fake: FakeDiscord;
const bots: BotProcess[] = [];
beforeAll(async () => {
  // Shaped like a real token, with the characters markdown escaping would change.
  fake = await FakeDiscord.start({ token: 'OTk5OTk5OTk5OTk5OTk5OTk5.Gfake_.not_a-real-token_for_tests-only_123' });
}, 30_000);
afterAll(async () => {
  for (const bot of bots) await bot.stop('SIGKILL');
  await fake?.stop();
});

describe('the bot token', () => {
  it('never appears in logs, replies or crash output', async ({ task }) => {
    const record = recordScenario(task, 'security-token-never-shown', 'The token never appears in output');
    const env = { LOG_LEVEL: 'debug', ASK_COOLDOWN: 'off' };
    const bot = await startBotProcess({ fake, env });
    bots.push(bot);
    const failing = new Set<string>();
    const expiring = new Set<string>();
    const remove = fake.onRequest((r) => {
      const id = r.path.split('/')[2] ?? '';
      if (!r.path.endsWith('/callback')) return undefined;
      if (failing.has(id)) return { status: 500, body: { message: `500: token ${fake.token} rejected`, code: 0 } };
      if (expiring.delete(id)) return FakeDiscord.rateLimited(3.2);
      return undefined;
    });
    const fails = fake.command('ask', { question: `Is ${fake.token} secret?` }, { userId: '990000000000000001' });
    failing.add(fails.id);
    const expires = fake.command('ask', { question: 'Where did Kerry and Lavrov meet?' }, { userId: '990000000000000002' });
    expiring.add(expires.id);
    const fine = fake.command('ask', { question: `Where did Kerry and Lavrov meet? ${fake.token}` }, { userId: '990000000000000003' });
    await waitUntilSettled([fine], 10_000);
    await bot.process.waitForStderr(`"interaction":"${fails.id}"`, 20_000);
    await bot.process.waitForStderr(`"interaction":"${expires.id}"`, 20_000);
    remove();
    expect(await bot.stop('SIGTERM')).toBe(0);

    const gatewayFails = fake.onRequest((r) => (r.path === '/gateway/bot' ? { status: 500, body: { message: `boom ${fake.token}`, code: 0 } } : undefined));
    const crashing = await startBotProcess({ fake, env }).catch((error: Error) => error);
    gatewayFails();
    expect(crashing).toBeInstanceOf(Error);
    expect(String((crashing as Error).message)).toMatch(/exited before|not seen/);

    const outputs = [(crashing as Error).message, bot.process.stdout(), bot.process.stderr()];
    const sent = fake.requests.flatMap((r) => stringsIn(r.body));
    const everything = [...outputs, ...sent].join('\n');
    const secret = fake.token.split('.').at(-1)!;
    const escapedSecret = secret.replace(/_/g, '\\_');
    const interactionTokens = [fails, expires, fine].map((x) => x.payload.token as string);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(escapedSecret);
    for (const t of interactionTokens) expect(outputs.join('\n')).not.toContain(t);
    expect(bot.process.stderr()).toContain('[redacted]');
    expect(String(fine.messages()[0]?.data.content)).toContain('[redacted]');
    expect((crashing as Error).message).toContain('The Discord bot could not start');

    Object.assign(record.figures, {
      'paths that handled the token': 'REST 500 carrying the token, an expired interaction, a question quoting the token, SIGTERM, a crash at start-up',
      'bytes of output searched': outputs.join('').length,
      'messages sent to Discord searched': sent.length,
      'occurrences of the token': 0,
      'occurrences of interaction tokens in logs': 0,
    });
    record.counts.faults = 3;
    record.counts.interactions = 3;
  }, 90_000);

  it('lives in a git-ignored .env; .env.example holds no secret', async ({ task }) => {
    const record = recordScenario(task, 'security-env-files', '.env is git-ignored; .env.example holds no secret');
    const ignored = await run('git', ['check-ignore', '-q', '.env'], { cwd: PROJECT_ROOT }).then(
      () => true,
      () => false,
    );
    const example = await fs.readFile(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const values = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    Object.assign(record.figures, { '.env ignored by git': ignored, 'DISCORD_TOKEN in .env.example': JSON.stringify(values.DISCORD_TOKEN), 'token-shaped strings in .env.example': DISCORD_TOKEN_SHAPE.test(example) ? 'yes' : 'none' });
    expect(ignored).toBe(true);
    expect(values.DISCORD_TOKEN).toBe('');
    expect(example).not.toMatch(DISCORD_TOKEN_SHAPE);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBurst } from '../support/ask-burst.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { outcomeOf, summarize } from '../support/exchange-outcomes.js';
import { recordScenario } from '../support/reliability-record.js';
import { until } from '../support/until.js';

/** SIGTERM to the bot process (`src/discord/main.ts`) while a burst of questions is being answered. */
let bot: BotProcess;
beforeAll(async () => {
  bot = await startBotProcess({ env: { ASK_COOLDOWN: 'off' } });
}, 60_000);
afterAll(async () => {
  await bot?.stop('SIGKILL');
  await bot?.fake.stop();
});

describe('SIGTERM under load', () => {
  it('stops taking interactions, finishes those in flight, disconnects and exits 0', async ({ task }) => {
    const record = recordScenario(task, 'sigterm-under-load', 'SIGTERM while answering a burst');
    record.counts.faults = 1;
    const burst = askBurst(bot.fake, { count: 300, users: 30 });
    await until(() => burst.some((x) => x.messages().length > 0), 'the first answer');
    const signalledAt = Date.now();
    bot.process.child.kill('SIGTERM');
    await bot.process.waitForStderr('"msg":"Stopping: no new interactions; finishing those in flight"');
    const stopping = bot.logLines().find((l) => l.msg?.startsWith('Stopping'))!;
    const ignored = askBurst(bot.fake, { count: 10, users: 10 });
    const code = await bot.process.exit;
    const exitSeconds = (Date.now() - signalledAt) / 1000;

    const outcomes = burst.map(outcomeOf);
    const halfDone = outcomes.filter((o) => o.initial && o.lost).length;
    const answered = outcomes.filter((o) => !o.lost).length;
    const logged = bot.logLines();
    Object.assign(record.figures, {
      'questions sent before SIGTERM': burst.length,
      'in flight when SIGTERM arrived': Number(stopping.inFlight),
      'answered (including every one in flight)': answered,
      'acknowledged but never answered': halfDone,
      'sent after SIGTERM and answered': ignored.filter((x) => x.responses.length > 0).length,
      'exit code': String(code),
      'seconds from SIGTERM to exit (drain bound 10 s)': Number(exitSeconds.toFixed(2)),
      'gateway closed by the client with': bot.fake.clientCloses.join(', '),
    });
    record.counts.interactions = burst.length + ignored.length;
    record.counts.lost = halfDone;
    const summary = summarize(burst);
    record.counts.late = summary.late;
    record.counts.twice = summary.twice;

    expect(code).toBe(0);
    expect(Number(stopping.inFlight)).toBeGreaterThan(0);
    expect(halfDone).toBe(0);
    expect(answered).toBeGreaterThanOrEqual(Number(stopping.inFlight));
    expect(outcomes.every((o) => !o.late && !o.twice)).toBe(true);
    expect(ignored.every((x) => x.responses.length === 0)).toBe(true);
    expect(bot.fake.clientCloses).toContain(1000);
    expect(logged.at(-1)).toMatchObject({ msg: 'Discord bot stopped' });
    expect(logged.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotes } from '../discord/harness.js';
import { askBurst } from '../support/ask-burst.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { seedText } from '../support/fixtures.js';
import { summarize, waitUntilSettled } from '../support/exchange-outcomes.js';
import { addBatch, recordScenario } from '../support/reliability-record.js';

/**
 * The bot runs as its own process (`src/discord/main.ts`, as `npm start`), so
 * the fake Discord in this process does not share its event loop. The
 * per-user cooldown (5 per 30 s by default) would refuse most of a burst
 * from 50 users, so it is off here (ASK_COOLDOWN=off); tests/reliability
 * checks the cooldown under load.
 *
 * The warm-up is a burst of the same shape as the measured one: a first burst
 * of 1,000 concurrent asks lifts RSS by about 20 % over a gentler warm-up
 * (V8's young generation and the allocator grow to the peak's working set),
 * and then it stays level — sampled after each of six further bursts of
 * 1,000, RSS moved between −6 % and +1.5 % while heap used stayed within
 * 3 MB. Measured from that steady state, a leak shows as growth and a one-off
 * rise to the working set does not.
 */
const WARM_UP = 1000;
const LOAD = 1000;
/** RSS may grow by at most this share over the measured burst (steady state: −6 … +1.5 % measured). */
const RSS_GROWTH_LIMIT = 0.1;
const USERS = 50;
const MB = 1024 * 1024;

let bot: BotProcess;
let story: string;
beforeAll(async () => {
  bot = await startBotProcess({ env: { ASK_COOLDOWN: 'off' }, probeMemory: true });
  story = await seedText();
}, 90_000);
afterAll(async () => {
  await bot?.stop();
  await bot?.fake.stop();
});

/** Every message of `x` is an answer or an honest decline whose quotes are verbatim story text. */
function answeredFromStory(x: InteractionExchange): boolean {
  const messages = x.messages().map((m) => String(m.data.content));
  return messages[0]?.startsWith('**Q:**') === true && messages.flatMap(quotes).every((q) => story.includes(q));
}

describe(`${LOAD} /ask from ${USERS} users, sent as fast as the fake can dispatch them`, () => {
  it('answers each exactly once with a first response inside 3 s, and memory stays flat', async ({ task }) => {
    const load = recordScenario(task, 'load-burst', `${LOAD.toLocaleString('en')} /ask from ${USERS} users at once`);
    const memory = recordScenario(task, 'load-memory', `Memory over ${LOAD.toLocaleString('en')} interactions after a warm-up of ${WARM_UP.toLocaleString('en')}`);
    load.figures['cooldown'] = 'ASK_COOLDOWN=off (5 per 30 s would refuse most of the burst; see the cooldown-under-load scenario)';

    const warmUp = askBurst(bot.fake, { count: WARM_UP, users: USERS });
    await waitUntilSettled(warmUp, 120_000);
    expect(summarize(warmUp)).toMatchObject({ lost: 0, late: 0, twice: 0 });
    const before = await bot.memory();

    const burst = askBurst(bot.fake, { count: LOAD, users: USERS });
    await waitUntilSettled(burst, 120_000);
    const after = await bot.memory();

    const batch = summarize(burst);
    addBatch(load, batch);
    const wrong = burst.filter((x) => !answeredFromStory(x)).length;
    load.figures['answers not quoting the story'] = wrong;
    const growth = after.rss / before.rss - 1;
    Object.assign(memory.figures, {
      'RSS after warm-up (MB)': Number((before.rss / MB).toFixed(1)),
      'RSS after the run (MB)': Number((after.rss / MB).toFixed(1)),
      'RSS change': `${(growth * 100).toFixed(1)} % (limit +${RSS_GROWTH_LIMIT * 100} %)`,
      'heap used after warm-up / after the run (MB)': `${(before.heapUsed / MB).toFixed(1)} / ${(after.heapUsed / MB).toFixed(1)}`,
      'heap growth per interaction (bytes)': Math.round((after.heapUsed - before.heapUsed) / LOAD),
      'measured': 'in the bot process, each sample after a forced full GC (--expose-gc, SIGUSR2 probe)',
    });

    expect(batch).toMatchObject({ sent: LOAD, answered: LOAD, lost: 0, late: 0, twice: 0 });
    expect(batch.firstResponse.max).toBeLessThanOrEqual(3000);
    expect(wrong).toBe(0);
    const logged = bot.logLines();
    expect(logged.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
    const handled = logged.filter((l) => l.msg === 'interaction');
    expect(handled).toHaveLength(WARM_UP + LOAD);
    expect(new Set(handled.map((l) => l.result))).toEqual(new Set(['answered', 'declined']));
    expect(after.gc).toBe(true);
    expect(growth).toBeLessThanOrEqual(RSS_GROWTH_LIMIT);
  }, 240_000);
});

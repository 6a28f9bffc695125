import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFER_THRESHOLDS } from '../../src/discord/defer-policy.js';
import { eventLoopLag } from '../../src/discord/event-loop-lag.js';
import { controlledEmbedder, startHarness, type ControlledEmbedder, type Harness } from '../discord/harness.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { bundledEmbedder } from '../support/fixtures.js';
import { recordScenario } from '../support/reliability-record.js';
import { until } from '../support/until.js';

/**
 * Issue 12: on a shared host under heavy load the bot started on
 * interactions up to 2.1 s after Discord created them, and its deferral
 * (1.5 s after creation) then reached Discord after the 3-second window.
 * Here the fake delivers interactions Discord created earlier (their ids
 * say so, and the fake's window counts from then), and the test stalls the
 * event loop the bot shares with it. The bot runs with its real thresholds
 * (defer at 1.5 s; at once from 1 s old or 200 ms of loop lag).
 */

const QUESTION = "What is Philip Breedlove's job?";
const ANSWER = 'Supreme Allied Commander Europe';
/** Discord's window, which the fake enforces on the first response. */
const WINDOW_MS = 3000;
/** How soon after delivery an interaction that must be deferred at once has its deferral: generous for a loaded CI host, far under the 1.5 s timer. */
const AT_ONCE_MS = 300;

let h: Harness;
let control: ControlledEmbedder;
let user = 0;
const asker = () => ({ userId: String(700000000000000000n + BigInt(++user)) });
const shape = (x: InteractionExchange) => x.responses.map((r) => `${r.kind}${r.type ?? ''}`);
/** Ms from delivery to the first response (reply or deferral). */
const firstResponseAfterDelivery = (x: InteractionExchange) => x.responses[0]!.at - x.sentAt;
/** Ms from Discord's creation of the interaction to the first response: what the 3-second window measures. */
const firstResponseAfterCreation = (x: InteractionExchange) => x.responses[0]!.at - x.createdAt;

/** Holds the event loop for `ms`, as a starved process does. */
function stall(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Waits until the loop has been quiet for a while, so the bot sees an idle host. */
const idle = () => until(() => eventLoopLag.lagMs() < 50, 'a quiet event loop', 10_000);

/** Every interaction of this file, and the timings measured on the way, for the scenario recorded at the end. */
const exchanges: InteractionExchange[] = [];
const figures: Record<string, number> = {};
const figure = (label: string, value: number) => (figures[label] = Math.round(value));
const count = (x: InteractionExchange) => exchanges.push(x);

beforeAll(async () => {
  control = controlledEmbedder(await bundledEmbedder());
  h = await startHarness({ embedder: control.embedder, env: { ASK_COOLDOWN: 'off' } });
}, 30_000);
afterAll(() => h?.stop());

describe('a busy host: interactions delivered late, a stalled event loop', () => {
  it('answers a fresh interaction on an idle bot directly, without a deferral', async () => {
    await idle();
    const x = await h.handled(h.fake.command('ask', { question: QUESTION }, asker()));
    count(x);
    figure('fresh, idle: first response after delivery (ms)', firstResponseAfterDelivery(x));
    expect(shape(x)).toEqual(['callback4']);
    expect(x.messages()[0]!.data.content).toContain(ANSWER);
    expect(firstResponseAfterDelivery(x)).toBeLessThan(DEFER_THRESHOLDS.deferAfterMs);
  });

  it('defers an interaction created 2.2 s before delivery within 0.3 s, and its slow answer still arrives', async () => {
    control.hold('all');
    const x = h.fake.command('ask', { question: QUESTION }, { ...asker(), createdMsAgo: 2200 });
    await x.waitFor((e) => e.responses.length > 0, 2000);
    // Keep the answer until Discord's window has closed: only the deferral keeps the interaction alive.
    await delay(Math.max(0, x.createdAt + WINDOW_MS + 100 - Date.now()));
    control.release();
    await h.handled(x);
    count(x);
    figure('2.2 s old: deferral after delivery (ms)', firstResponseAfterDelivery(x));
    figure('2.2 s old: deferral after creation (ms)', firstResponseAfterCreation(x));
    expect(x.expired).toBe(false);
    expect(x.refused).toEqual([]);
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(firstResponseAfterDelivery(x)).toBeLessThanOrEqual(AT_ONCE_MS);
    expect(x.messages()[0]!.data.content).toContain(ANSWER);
  });

  it('defers at once an interaction created 1.2 s before delivery, although its answer takes milliseconds', async () => {
    await idle();
    const x = await h.handled(h.fake.command('ask', { question: QUESTION }, { ...asker(), createdMsAgo: 1200 }));
    count(x);
    figure('1.2 s old: deferral after delivery (ms)', firstResponseAfterDelivery(x));
    // The 1.5 s timer alone would have left 0.3 s and then replied directly: here the deferral goes first.
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(firstResponseAfterDelivery(x)).toBeLessThanOrEqual(AT_ONCE_MS);
    expect(x.messages()[0]!.data.content).toContain(ANSWER);
  });

  it('defers a fresh interaction at once while the event loop lags', async () => {
    await idle();
    stall(500);
    const lagSeen = eventLoopLag.lagMs();
    const x = await h.handled(h.fake.command('ask', { question: QUESTION }, asker()));
    count(x);
    figure('fresh, after a 500 ms stall: lag measured (ms)', lagSeen);
    figure('fresh, after a 500 ms stall: deferral after delivery (ms)', firstResponseAfterDelivery(x));
    expect(lagSeen).toBeGreaterThanOrEqual(DEFER_THRESHOLDS.laggingAtMs);
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(firstResponseAfterDelivery(x)).toBeLessThanOrEqual(AT_ONCE_MS);
    expect(x.messages()[0]!.data.content).toContain(ANSWER);
  });

  it('keeps every late interaction inside the window while the loop keeps stalling', async ({ task }) => {
    const record = recordScenario(task, 'busy-host-deferral', 'A busy host: interactions delivered up to 2.2 s after creation, a stalling event loop');
    // A host starved for CPU: the loop stalls 300 ms every 400 ms, and interactions arrive up to 2.2 s after their creation.
    const ages = [0, 600, 1200, 1800, 2200];
    let stalling = true;
    let stallCount = 0;
    const stalls = (async () => {
      while (stalling) {
        stall(300);
        stallCount++;
        await delay(100);
      }
    })();
    const sent: InteractionExchange[] = [];
    for (let i = 0; i < 10; i++) {
      sent.push(h.fake.command('ask', { question: QUESTION }, { ...asker(), createdMsAgo: ages[i % ages.length]! }));
      await delay(150);
    }
    await Promise.all(sent.map((x) => h.handled(x)));
    stalling = false;
    await stalls;
    for (const x of sent) count(x);
    const afterCreation = sent.map(firstResponseAfterCreation).sort((a, b) => a - b);
    figure('stalling loop, 10 interactions 0–2.2 s old: worst first response after creation (ms)', afterCreation.at(-1)!);
    figure('stalling loop: worst first response after delivery (ms)', Math.max(...sent.map(firstResponseAfterDelivery)));
    record.figures['thresholds'] = `defer at ${DEFER_THRESHOLDS.deferAfterMs} ms; at once from ${DEFER_THRESHOLDS.oldAtMs} ms old or ${DEFER_THRESHOLDS.laggingAtMs} ms of event-loop lag`;
    Object.assign(record.figures, figures);
    record.counts.interactions = exchanges.length;
    record.counts.late = exchanges.filter((x) => x.expired || firstResponseAfterCreation(x) > WINDOW_MS).length;
    record.counts.lost = exchanges.filter((x) => x.messages().length === 0).length;
    record.counts.faults = exchanges.filter((x) => x.createdAt < x.sentAt).length + stallCount + 1; // late deliveries, loop stalls
    expect(sent.every((x) => !x.expired && x.refused.length === 0)).toBe(true);
    // Fresh ones too: the loop lags, so none waits for the 1.5 s timer.
    expect(sent.map((x) => shape(x)[0])).toEqual(sent.map(() => 'callback5'));
    expect(sent.every((x) => x.messages()[0]?.data.content!.includes(ANSWER))).toBe(true);
    expect(afterCreation.at(-1)!).toBeLessThan(WINDOW_MS);
  });
});

import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { bundledEmbedder } from '../support/fixtures.js';
import { controlledEmbedder, startHarness, type ControlledEmbedder, type Harness } from './harness.js';

/**
 * The fake refuses a callback later than its deadline, as Discord does
 * after 3 s. Here the model is held until the deadline has passed, so an
 * answer that was not deferred in time would be refused. The bot defers
 * work still running after 200 ms here (1.5 s against Discord's 3 s in
 * production).
 */
const DEADLINE_MS = 1000;

let h: Harness;
let control: ControlledEmbedder;
beforeAll(async () => {
  control = controlledEmbedder(await bundledEmbedder());
  h = await startHarness({ embedder: control.embedder, openIndex: false, fake: { ackDeadlineMs: DEADLINE_MS }, start: { deferAfterMs: 200 } });
}, 30_000);
afterAll(() => h?.stop());

/** Waits until the bot has acknowledged `x` and its deadline has passed, then lets the model go on. */
async function releaseAfterDeadline(x: InteractionExchange): Promise<void> {
  await control.waiting();
  await x.waitFor((e) => e.acknowledged, DEADLINE_MS);
  await delay(Math.max(0, DEADLINE_MS + 50 - (Date.now() - x.sentAt)));
  control.release();
}

const shape = (x: InteractionExchange) => x.responses.map((r) => `${r.kind}${r.type ?? ''}`);

describe('a slow first load', () => {
  it('is deferred at once (type 5 first), then the answer edits the reply; the interaction never expires', async () => {
    control.hold('batches');
    const x = h.fake.command('ask', { question: "What is Philip Breedlove's job?", private: true }, { userId: '600000000000000001' });
    await releaseAfterDeadline(x);
    await h.handled(x);
    expect(x.expired).toBe(false);
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(x.responses[0]!.data.flags! & 64).toBe(64);
    expect(x.messages()[0]!.data.content).toContain('Supreme Allied Commander Europe');
  });

  it('defers work that turns out slow even when the index is loaded', async () => {
    control.hold('all');
    const x = h.fake.command('ask', { question: 'Where did Kerry and Lavrov meet?' }, { userId: '600000000000000002' });
    await releaseAfterDeadline(x);
    await h.handled(x);
    expect(x.expired).toBe(false);
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(x.messages()[0]!.data.content).toContain('> ');
  });
});

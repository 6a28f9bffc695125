import { describe, expect, it } from 'vitest';
import { outcomeOf, summarize } from './exchange-outcomes.js';
import { InteractionExchange, type InteractionPayload } from './fake-discord/index.js';

/** An exchange the fake delivered `deliveredMsAgo` ago, created `createdMsAgo` ago, answered now by a direct reply. */
function repliedNow(createdMsAgo: number, deliveredMsAgo: number): InteractionExchange {
  const now = Date.now();
  const x = new InteractionExchange({ id: '1', token: 't', data: { name: 'ask' } } as InteractionPayload, now - deliveredMsAgo, now - createdMsAgo);
  x.record({ kind: 'callback', type: 4, data: { content: 'answer' } });
  return x;
}

describe('the load and reliability figures', () => {
  it('count an interaction delivered late as late once 3 s have passed since Discord created it', () => {
    // Delivered 0.2 s ago, created 3.5 s ago: the reply came 0.2 s after delivery, but after the user's 3 s window.
    const late = repliedNow(3500, 200);
    expect(outcomeOf(late).late).toBe(true);
    expect(outcomeOf(repliedNow(2500, 200)).late).toBe(false);
  });

  it('measure waits from the interaction\'s creation, so the time it spent on the way counts', () => {
    const batch = summarize([repliedNow(2500, 200)]);
    expect(batch.firstResponse.p50).toBeGreaterThanOrEqual(2500);
    expect(batch.finalAnswer.p50).toBeGreaterThanOrEqual(2500);
  });
});

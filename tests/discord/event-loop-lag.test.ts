import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { EventLoopLag } from '../../src/discord/event-loop-lag.js';

/** Holds the event loop for `ms`, as a CPU-starved or busy process does. */
function stall(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('EventLoopLag', () => {
  it('reads 0 until watched, and a stall while it is under way', async () => {
    const lag = new EventLoopLag({ sampleMs: 20, windowMs: 500 });
    expect(lag.lagMs()).toBe(0);
    const unwatch = lag.watch();
    try {
      await delay(100);
      expect(lag.lagMs()).toBeLessThan(200);
      stall(300);
      // No sample has fired since the stall began: the turn in progress counts.
      expect(lag.lagMs()).toBeGreaterThanOrEqual(300 - 20);
    } finally {
      unwatch();
    }
    expect(lag.lagMs()).toBe(0);
  });

  it('remembers a late sample for its window, then forgets it', () => {
    let clock = 0;
    const lag = new EventLoopLag({ sampleMs: 20, windowMs: 400, now: () => clock });
    const unwatch = lag.watch();
    // Fire the probe by hand on a fixed clock.
    const sampleAt = (t: number) => {
      clock = t;
      (lag as unknown as { sample(): void }).sample();
    };
    try {
      sampleAt(20);
      expect(lag.lagMs()).toBe(0);
      clock = 200; // a stall under way: 180 ms since the last sample, due after 20
      expect(lag.lagMs()).toBe(160);
      sampleAt(370); // fired 330 ms late
      expect(lag.lagMs()).toBe(330);
      for (let t = 390; t <= 770; t += 20) sampleAt(t);
      expect(lag.lagMs()).toBe(330); // 400 ms later: still in the window
      sampleAt(790);
      expect(lag.lagMs()).toBe(0);
    } finally {
      unwatch();
    }
  });

  it('is shared: it runs while anyone watches', async () => {
    const lag = new EventLoopLag({ sampleMs: 20 });
    const a = lag.watch();
    const b = lag.watch();
    a();
    a(); // releasing twice counts once
    stall(100);
    expect(lag.lagMs()).toBeGreaterThanOrEqual(60);
    b();
    expect(lag.lagMs()).toBe(0);
  });
});

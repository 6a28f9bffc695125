import { describe, expect, it } from 'vitest';
import { msUntilDefer } from '../../src/discord/respond.js';
import { WorkQueue } from '../../src/app/work-queue.js';

describe('WorkQueue', () => {
  it('runs jobs in arrival order, at most `concurrency` at once', async () => {
    const queue = new WorkQueue(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (n: number) => async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(n);
      running--;
      return n;
    };
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => queue.run(job(n))))).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the event loop run between synchronous jobs, so timers and I/O are not starved by a burst', async () => {
    const queue = new WorkQueue(1);
    const events: string[] = [];
    const jobs = [1, 2, 3].map((n) => queue.run(async () => void events.push(`job ${n}`)));
    setImmediate(() => events.push('other work'));
    await Promise.all(jobs);
    expect(events.indexOf('other work')).toBeLessThan(events.indexOf('job 3'));
  });

  it('passes a failure to its caller and goes on with the next job', async () => {
    const queue = new WorkQueue(1);
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });

  it('expects a longer wait the more jobs are queued', () => {
    const queue = new WorkQueue(1, 3);
    expect(queue.expectedWaitMs()).toBe(0);
    const hold = new Promise<void>(() => {});
    void queue.run(() => hold);
    void queue.run(() => hold);
    void queue.run(() => hold);
    expect(queue.queued).toBe(2);
    expect(queue.expectedWaitMs()).toBe(9);
  });

  it('rejects a concurrency below 1', () => {
    expect(() => new WorkQueue(0)).toThrow(RangeError);
  });
});

describe('msUntilDefer', () => {
  it('counts from the interaction’s creation, never more than the full delay from now', () => {
    const now = 1_000_000;
    expect(msUntilDefer({ createdTimestamp: now }, 1500, now)).toBe(1500);
    expect(msUntilDefer({ createdTimestamp: now - 1000 }, 1500, now)).toBe(500);
    expect(msUntilDefer({ createdTimestamp: now - 5000 }, 1500, now)).toBe(0);
    expect(msUntilDefer({ createdTimestamp: now + 4000 }, 1500, now)).toBe(1500);
  });
});

import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs async jobs at most `concurrency` at a time, first come first served,
 * each starting on a fresh turn of the event loop.
 *
 * Answering is CPU work that never waits for I/O (the embedding model runs
 * synchronously), so a burst of answers chained on promises would hold the
 * event loop until the last one is done: no reply, no deferral, no gateway
 * heartbeat could go out meanwhile. Started one turn at a time, answers go
 * out one after another, and replies, deferrals and timers run in between.
 *
 * It also estimates how long a job queued now would wait, from the pace of
 * completions during the latest backlog (which counts everything else the
 * process does per job, such as sending replies), so a caller can defer an
 * interaction at once instead of finding out too late.
 */
/** Completions measured in a backlog before its pace replaces the previous one. */
const MIN_SAMPLE = 20;

export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** When the current backlog's pace started being measured, and jobs done since. */
  private backlog: { since: number; done: number } | undefined;

  /**
   * @param concurrency jobs run at the same time.
   * @param msPerJob time between completions assumed until a backlog has been measured.
   */
  constructor(
    readonly concurrency: number,
    private msPerJob = 3,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Jobs queued and not started yet. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Milliseconds until a job queued now would start, at the pace of the latest backlog. */
  expectedWaitMs(): number {
    return this.running < this.concurrency ? 0 : (this.waiting.length + 1) * this.msPerJob;
  }

  /** Runs `job` when a slot is free; resolves or rejects as `job` does. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    await nextTurn();
    try {
      return await job();
    } finally {
      this.recordCompletion();
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Measures the pace over a backlog: elapsed time over jobs done while others waited. */
  private recordCompletion(): void {
    const now = performance.now();
    if (this.waiting.length === 0) {
      this.backlog = undefined;
      return;
    }
    if (!this.backlog) {
      this.backlog = { since: now, done: 0 };
      return;
    }
    this.backlog.done++;
    if (this.backlog.done >= MIN_SAMPLE) this.msPerJob = (now - this.backlog.since) / this.backlog.done;
  }
}

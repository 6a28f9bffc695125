/**
 * How late this process's event loop runs, from the drift of a timer: a
 * timer due every {@link EventLoopLagOptions.sampleMs} records how much
 * later than due it fired. That lateness is what every other timer (the
 * deferral timer among them) and every outgoing request suffer too.
 *
 * (perf_hooks' `monitorEventLoopDelay` was the other candidate; resetting its
 * histogram to keep a recent window drops the next sample, which is exactly
 * the one that would show a long stall, so a plain timer is used.)
 */

/** Options for {@link EventLoopLag}. */
export interface EventLoopLagOptions {
  /** Period of the probe timer. Default 50 ms: 20 cheap wake-ups a second, and a stall is measured at most 50 ms short. */
  sampleMs?: number;
  /** How long a late sample counts. Default 2000 ms, so a loop stalling every second or so reads as lagging between stalls. */
  windowMs?: number;
  /** Monotonic clock in ms. Default `performance.now`. */
  now?: () => number;
}

/** See the file comment. Start it with {@link EventLoopLag.watch}; it never keeps the process alive. */
export class EventLoopLag {
  private readonly sampleMs: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private watchers = 0;
  private last = 0;
  /** Late samples within the window, oldest first. */
  private late: { at: number; lagMs: number }[] = [];

  constructor(options: EventLoopLagOptions = {}) {
    this.sampleMs = options.sampleMs ?? 50;
    this.windowMs = options.windowMs ?? 2000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts measuring (if not already) for one user; call the returned function when done with it. */
  watch(): () => void {
    if (this.watchers++ === 0) {
      this.last = this.now();
      this.late = [];
      this.timer = setInterval(() => this.sample(), this.sampleMs);
      this.timer.unref();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.watchers === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /**
   * The worst lateness in ms over the last `windowMs`, counting the turn
   * running now (a stall still under way, or just over, whose sample has not
   * fired yet). 0 when nobody watches.
   */
  lagMs(): number {
    if (!this.timer) return 0;
    const now = this.now();
    this.forget(now);
    let worst = Math.max(0, now - this.last - this.sampleMs);
    for (const s of this.late) worst = Math.max(worst, s.lagMs);
    return worst;
  }

  private sample(): void {
    const now = this.now();
    const lagMs = now - this.last - this.sampleMs;
    this.last = now;
    if (lagMs >= 1) this.late.push({ at: now, lagMs });
    this.forget(now);
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.late.length && this.late[drop]!.at < now - this.windowMs) drop++;
    if (drop > 0) this.late.splice(0, drop);
  }
}

/**
 * The process's one monitor: the event loop belongs to the process, so every
 * bot in it (tests run several) reads the same measurement.
 */
export const eventLoopLag = new EventLoopLag();

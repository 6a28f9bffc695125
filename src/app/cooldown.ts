/** A limit of `uses` actions per `seconds`. */
export interface RateLimit {
  uses: number;
  seconds: number;
}

/** What {@link Cooldown.take} decided. */
export type CooldownDecision = { ok: true } | { ok: false; retryAfterMs: number };

const SWEEP_EVERY = 1000;

/**
 * Per-key sliding-window limit (one key per Discord user): at most
 * `limit.uses` takes in any `limit.seconds`. A refused take is not counted.
 */
export class Cooldown {
  private readonly uses = new Map<string, number[]>();
  private takes = 0;

  /** `limit` null means unlimited; `now` is injectable for tests. */
  constructor(
    readonly limit: RateLimit | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one use by `key`, or says how long to wait when the window is full. */
  take(key: string): CooldownDecision {
    if (!this.limit) return { ok: true };
    const now = this.now();
    const windowMs = this.limit.seconds * 1000;
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now - windowMs);
    const recent = (this.uses.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= this.limit.uses) {
      this.uses.set(key, recent);
      return { ok: false, retryAfterMs: recent[0]! + windowMs - now };
    }
    recent.push(now);
    this.uses.set(key, recent);
    return { ok: true };
  }

  private sweep(cutoff: number): void {
    for (const [key, times] of this.uses) if (times.every((t) => t <= cutoff)) this.uses.delete(key);
  }
}

import type { Random } from '../src/eval/seeded-random.js';

/** Draws ranks 0…n-1 with probability proportional to 1 / (rank + 1)^exponent (Zipf's law). */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`a Zipf sampler needs at least one rank, got ${n}`);
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) this.cdf[r] = total += 1 / (r + 1) ** exponent;
    for (let r = 0; r < n; r++) this.cdf[r]! /= total;
  }

  /** One rank, by binary search of the cumulative distribution. */
  sample(random: Random): number {
    const u = random.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

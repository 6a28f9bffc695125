/** Tail summary of a set of timings, in the timings' unit. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** The `p`-th percentile (0–100) of `values` by the nearest-rank method; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** p50, p95 and p99 of `values`, rounded to `digits` decimals. */
export function percentiles(values: readonly number[], digits = 3): Percentiles {
  const round = (x: number) => Number(x.toFixed(digits));
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)) };
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

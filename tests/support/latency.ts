import { percentile } from '../../bench/percentiles.js';

/** p50, p95, p99 and the maximum of a set of timings, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of `values` (milliseconds, nearest rank as in the benchmark), rounded to whole milliseconds. */
export function latencySummary(values: readonly number[]): LatencySummary {
  const at = (p: number) => Math.round(percentile(values, p));
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** `p50 / p95 / p99 ms` for a report. */
export function formatLatency(s: LatencySummary): string {
  return `${s.p50} / ${s.p95} / ${s.p99} ms`;
}

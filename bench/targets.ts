import type { BenchResults, SizeResult, TargetCheck } from './results-schema.js';

interface Target {
  target: string;
  scale: number | null;
  value: (r: Omit<BenchResults, 'targets'>, size: SizeResult | undefined) => number | undefined;
  /** `≤` or `≥` the limit. */
  at: 'most' | 'least';
  limit: number;
  unit: string;
}

/** Issue 6's targets, for this machine and the bundled model. */
const TARGETS: readonly Target[] = [
  { target: 'seed: warm answer p50', scale: 1, value: (_, s) => s?.answer_ms.p50, at: 'most', limit: 5, unit: 'ms' },
  { target: 'seed: warm answer p99', scale: 1, value: (_, s) => s?.answer_ms.p99, at: 'most', limit: 20, unit: 'ms' },
  { target: 'seed: cold `dateline ask` (median)', scale: null, value: (r) => r.cold_start_s.median, at: 'most', limit: 1.5, unit: 's' },
  { target: 'seed: build incl. model load (`dateline reindex`, median)', scale: null, value: (r) => r.cold_start_s.reindex, at: 'most', limit: 2, unit: 's' },
  { target: 'SQuAD sample: warm answer p50 (#16)', scale: null, value: (r) => r.warm_squad_ms?.p50, at: 'most', limit: 0.5, unit: 'ms' },
  { target: 'SQuAD sample: warm answer p99 (#16)', scale: null, value: (r) => r.warm_squad_ms?.p99, at: 'most', limit: 3, unit: 'ms' },
  { target: '×1000: warm answer p50', scale: 1000, value: (_, s) => s?.answer_ms.p50, at: 'most', limit: 25, unit: 'ms' },
  { target: '×1000: hnswlib recall@10', scale: 1000, value: (_, s) => s?.recall_at_10, at: 'least', limit: 0.95, unit: '' },
  { target: '×1000: exact (hnswlib brute force) p50 / hnswlib p50', scale: 1000, value: (_, s) => s?.speedup_vs_exact, at: 'least', limit: 5, unit: '×' },
  { target: '×1000: peak RSS (CLI and bot)', scale: 1000, value: (_, s) => s?.rss_mb, at: 'most', limit: 1536, unit: 'MiB' },
];

/** Checks each target against `results`; a target whose corpus size was not run has `met: null`. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  return TARGETS.map((t) => {
    const size = t.scale === null ? undefined : results.sizes.find((s) => s.scale === t.scale);
    const value = t.scale !== null && !size ? undefined : t.value(results, size);
    return {
      target: t.target,
      limit: `${t.at === 'most' ? '≤' : '≥'} ${t.limit}${t.unit ? ` ${t.unit}` : ''}`,
      value: value ?? null,
      met: value === undefined ? null : t.at === 'most' ? value <= t.limit : value >= t.limit,
    };
  });
}

import type { BenchResults, SizeResult, TargetCheck } from './results-schema.js';

/** What a target measures, so the chart can draw its line on the panel of that figure. */
export type TargetMetric =
  | 'warm_p50'
  | 'warm_p99'
  | 'cold_ask'
  | 'reindex'
  | 'squad_warm_p50'
  | 'squad_warm_p99'
  | 'recall_at_10'
  | 'speedup_vs_exact'
  | 'peak_rss'
  | 'build'
  | 'add_story'
  | 'peer_cold_ratio';

export interface Target {
  target: string;
  /** A few words for one-line summaries and chart labels, e.g. `×1000 warm p50`. */
  name: string;
  metric: TargetMetric;
  scale: number | null;
  value: (r: Omit<BenchResults, 'targets'>, size: SizeResult | undefined) => number | undefined;
  /** `≤` or `≥` the limit. */
  at: 'most' | 'least';
  limit: number;
  unit: string;
}

/** Issue 6's targets (and #16's SQuAD ones), for this machine and the bundled model. */
export const TARGETS: readonly Target[] = [
  { target: 'seed: warm answer p50', name: 'seed warm p50', metric: 'warm_p50', scale: 1, value: (_, s) => s?.answer_ms.p50, at: 'most', limit: 5, unit: 'ms' },
  { target: 'seed: warm answer p99', name: 'seed warm p99', metric: 'warm_p99', scale: 1, value: (_, s) => s?.answer_ms.p99, at: 'most', limit: 20, unit: 'ms' },
  { target: 'seed: cold `dateline ask` (median)', name: 'seed cold ask', metric: 'cold_ask', scale: null, value: (r) => r.cold_start_s.median, at: 'most', limit: 1.5, unit: 's' },
  { target: 'seed: cold one-shot `dateline ask` (median, #16)', name: 'seed cold ask (#16)', metric: 'cold_ask', scale: null, value: (r) => r.cold_start_s.median, at: 'most', limit: 0.5, unit: 's' },
  {
    target: 'one-shot cold: Dateline ÷ the LangChain-style peer, same run (#16)',
    name: 'cold ask vs LangChain',
    metric: 'peer_cold_ratio',
    scale: null,
    value: (r) => {
      const ours = r.peers?.find((p) => p.name === 'dateline')?.cold_s;
      const theirs = r.peers?.find((p) => p.name === 'langchain-hnswlib')?.cold_s;
      return ours !== undefined && theirs ? Number((ours / theirs).toFixed(3)) : undefined;
    },
    at: 'most',
    limit: 1,
    unit: '×',
  },
  { target: 'seed: build incl. model load (`dateline reindex`, median)', name: 'seed reindex incl. model load', metric: 'reindex', scale: null, value: (r) => r.cold_start_s.reindex, at: 'most', limit: 2, unit: 's' },
  { target: 'SQuAD sample: warm answer p50 (#16)', name: 'SQuAD warm p50', metric: 'squad_warm_p50', scale: null, value: (r) => r.warm_squad_ms?.p50, at: 'most', limit: 0.5, unit: 'ms' },
  { target: 'SQuAD sample: warm answer p99 (#16)', name: 'SQuAD warm p99', metric: 'squad_warm_p99', scale: null, value: (r) => r.warm_squad_ms?.p99, at: 'most', limit: 3, unit: 'ms' },
  { target: '×1000: warm answer p50', name: '×1000 warm p50', metric: 'warm_p50', scale: 1000, value: (_, s) => s?.answer_ms.p50, at: 'most', limit: 25, unit: 'ms' },
  { target: '×1000: hnswlib recall@10', name: '×1000 recall@10', metric: 'recall_at_10', scale: 1000, value: (_, s) => s?.recall_at_10, at: 'least', limit: 0.95, unit: '' },
  { target: '×1000: exact (hnswlib brute force) p50 / hnswlib p50', name: '×1000 speed-up over exact', metric: 'speedup_vs_exact', scale: 1000, value: (_, s) => s?.speedup_vs_exact, at: 'least', limit: 5, unit: '×' },
  { target: '×1000: peak RSS (CLI and bot)', name: '×1000 peak RSS', metric: 'peak_rss', scale: 1000, value: (_, s) => s?.rss_mb, at: 'most', limit: 1536, unit: 'MiB' },
  { target: '×10000: full build (#16)', name: '×10000 build', metric: 'build', scale: 10000, value: (_, s) => s?.build_s, at: 'most', limit: 300, unit: 's' },
  { target: '×10000: one story added, end to end through `dateline reindex` (#16)', name: '×10000 add a story', metric: 'add_story', scale: 10000, value: (_, s) => s?.add_story_s, at: 'most', limit: 3, unit: 's' },
  { target: '×10000: cold `dateline ask` (median, #16)', name: '×10000 cold ask', metric: 'cold_ask', scale: 10000, value: (_, s) => s?.cold_ask_s, at: 'most', limit: 1.5, unit: 's' },
  { target: '×10000: warm answer p50 (#16)', name: '×10000 warm p50', metric: 'warm_p50', scale: 10000, value: (_, s) => s?.answer_ms.p50, at: 'most', limit: 5, unit: 'ms' },
  { target: '×10000: warm answer p99 (#16)', name: '×10000 warm p99', metric: 'warm_p99', scale: 10000, value: (_, s) => s?.answer_ms.p99, at: 'most', limit: 20, unit: 'ms' },
  { target: '×10000: hnswlib recall@10 (#16)', name: '×10000 recall@10', metric: 'recall_at_10', scale: 10000, value: (_, s) => s?.recall_at_10, at: 'least', limit: 0.98, unit: '' },
  {
    target: '×10000: vector search, exact C++ scan (hnswlib brute force) p50 / hnswlib graph p50 (#16)',
    name: '×10000 search speed-up over exact',
    metric: 'speedup_vs_exact',
    scale: 10000,
    value: (_, s) => s?.search_speedup_vs_exact,
    at: 'least',
    limit: 5,
    unit: '×',
  },
  { target: '×10000: peak RSS (CLI, bot, adding a story) (#16)', name: '×10000 peak RSS', metric: 'peak_rss', scale: 10000, value: (_, s) => (s ? Math.max(s.rss_mb, s.add_story_rss_mb ?? 0) : undefined), at: 'most', limit: 2048, unit: 'MiB' },
];

/** A target with what was measured: `value` and `met` are `null` when its corpus size (or figure) was not measured. */
export interface TargetOutcome {
  target: Target;
  value: number | null;
  met: boolean | null;
}

/** `≤ 5 ms`, `≥ 0.95`, `≥ 5 ×`: the limit as `bench.json` writes it. */
export function formatLimit(t: Pick<Target, 'at' | 'limit' | 'unit'>): string {
  return `${t.at === 'most' ? '≤' : '≥'} ${t.limit}${t.unit ? ` ${t.unit}` : ''}`;
}

/** Measures each target in `results` (see {@link TargetOutcome}). */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>, targets: readonly Target[] = TARGETS): TargetOutcome[] {
  return targets.map((t) => {
    const size = t.scale === null ? undefined : results.sizes.find((s) => s.scale === t.scale);
    const value = t.scale !== null && !size ? undefined : t.value(results, size);
    return {
      target: t,
      value: value ?? null,
      met: value === undefined ? null : t.at === 'most' ? value <= t.limit : value >= t.limit,
    };
  });
}

/** Checks each target against `results`; a target whose corpus size was not run has `met: null`. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  return evaluateTargets(results).map((o) => ({ target: o.target.target, limit: formatLimit(o.target), value: o.value, met: o.met }));
}

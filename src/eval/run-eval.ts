import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { prepareQuery } from '../answer/answer.js';
import type { Config } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { IndexService } from '../index/index-service.js';
import type { Logger } from '../logger.js';
import { ask } from '../queries.js';
import type { EvalSet } from './datasets.js';
import { denseBaseline, lexicalBaseline, type Method, type MethodResult } from './methods.js';
import { emptyTally, percentile, tallyQuestion, type Tally } from './score.js';

/** One method's results on a set. */
export interface MethodReport {
  method: string;
  tally: Tally;
}

/** What `dateline eval` writes to `bench/results/eval-<set>.json`. */
export interface EvalReport {
  set: string;
  stories: number;
  chunks: number;
  model: string;
  methods: MethodReport[];
  /** Per-question latency of the full method through `ask`, in ms. */
  latencyMs: { median: number; p95: number };
  /** Questions the full method got wrong, for reading. */
  misses: { q: string; kind: 'top1-miss' | 'declined' | 'answered-unanswerable'; first?: string }[];
  ranAt: string;
}

/**
 * Indexes the set's seeds into a temporary index, then asks every question
 * through `ask` (the path `dateline ask` takes) and through the baselines on
 * the same index, tallying each side by side.
 */
export async function runEval(set: EvalSet, deps: { config: Config; embedder: Embedder; logger: Logger }): Promise<EvalReport> {
  const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), `dateline-eval-${set.name}-`));
  try {
    const config: Config = { ...deps.config, seedsDir: set.seedsDir, indexDir };
    const service = new IndexService({ config, embedder: deps.embedder, logger: deps.logger });
    const index = await service.open();
    const ctx = { config, embedder: deps.embedder, index: service };
    const baselines: Method[] = [lexicalBaseline(index), denseBaseline(index)];
    const tallies = new Map<string, Tally>([...baselines.map((m) => [m.name, emptyTally()] as const), ['dateline (full)', emptyTally()]]);
    const latencies: number[] = [];
    const misses: EvalReport['misses'] = [];
    for (const q of [...set.answerable, ...set.unanswerable]) {
      const started = performance.now();
      const a = await ask(ctx, q.q);
      latencies.push(performance.now() - started);
      const full: MethodResult = { answered: a.answered, excerpts: a.excerpts.map((e) => e.text) };
      tallyQuestion(tallies.get('dateline (full)')!, q, full);
      const first = a.excerpts[0]?.text ?? a.closest?.[0]?.text;
      if (q.answers.length && !a.answered) misses.push({ q: q.q, kind: 'declined', ...(first ? { first } : {}) });
      else if (q.answers.length && !q.answers.some((x) => first?.toLowerCase().includes(x.toLowerCase()))) misses.push({ q: q.q, kind: 'top1-miss', ...(first ? { first } : {}) });
      else if (!q.answers.length && a.answered) misses.push({ q: q.q, kind: 'answered-unanswerable', ...(first ? { first } : {}) });
      const query = await prepareQuery(deps.embedder, q.q);
      for (const m of baselines) tallyQuestion(tallies.get(m.name)!, q, m.run(query));
    }
    return {
      set: set.name,
      stories: index.manifest.counts.stories,
      chunks: index.manifest.counts.chunks,
      model: index.manifest.model.id,
      methods: [...tallies].map(([method, tally]) => ({ method, tally })),
      latencyMs: { median: percentile(latencies, 50), p95: percentile(latencies, 95) },
      misses,
      ranAt: new Date().toISOString(),
    };
  } finally {
    await fs.rm(indexDir, { recursive: true, force: true });
  }
}

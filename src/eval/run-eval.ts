import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import type { CoreContext } from '../core-context.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { IndexService } from '../index/index-service.js';
import type { Logger } from '../logger.js';
import { ask } from '../queries.js';
import type { EvalQuestion, EvalSet } from './datasets.js';
import { baselineQuery, denseBaseline, lexicalBaseline, resultOf, type Method, type MethodResult } from './methods.js';
import { noisySet } from './noise.js';
import { contains, emptyTally, percentile, tallyQuestion, type Tally } from './score.js';

/** One method's results on a set. */
export interface MethodReport {
  method: string;
  tally: Tally;
}

/** A question the full method got wrong (or was only "not sure" of), for reading. */
export interface Miss {
  q: string;
  kind: 'top1-miss' | 'declined' | 'answered-unanswerable';
  /** The first excerpt (or, when declined, the closest passage). */
  first?: string;
  /** When it answered: how sure it said it was. */
  confidence?: 'high' | 'low';
}

/** One pass over a set's questions: every method's tally, the latency and the misses. */
export interface EvalRun {
  methods: MethodReport[];
  /** Per-question latency of the full method through `ask`, in ms. */
  latencyMs: { median: number; p95: number };
  /** Questions the full method got wrong, for reading. */
  misses: Miss[];
}

/** What `dateline eval` writes to `eval-<set>.json`. */
export interface EvalReport extends EvalRun {
  set: string;
  stories: number;
  chunks: number;
  model: string;
  /** With `--noise`: the same questions typed as in chat ({@link noisySet}), on the same index. */
  noisy?: EvalRun & { seed: number };
  ranAt: string;
}

/** Options of {@link runEval}. */
export interface RunEvalOptions {
  /** Also run a perturbed copy of the questions under this seed. */
  noiseSeed?: number;
}

const FULL = 'dateline (full)';

/**
 * Indexes the set's seeds into a temporary index, then asks every question
 * through `ask` (the path `dateline ask` takes) and through the baselines on
 * the same index, tallying each side by side. With `noiseSeed`, asks the
 * perturbed questions too, on the same index.
 */
export async function runEval(
  set: EvalSet,
  deps: { config: Config; embedder: Embedder; logger: Logger },
  options: RunEvalOptions = {},
): Promise<EvalReport> {
  return withEvalIndex(set.name, set.seedsDir, deps, async (ctx, index) => {
    const baselines: Method[] = [lexicalBaseline(index), denseBaseline(index)];

    const runQuestions = async (questions: readonly EvalQuestion[]): Promise<EvalRun> => {
      const tallies = new Map<string, Tally>([...baselines.map((m) => [m.name, emptyTally()] as const), [FULL, emptyTally()]]);
      const latencies: number[] = [];
      const misses: Miss[] = [];
      for (const q of questions) {
        const started = performance.now();
        const a = await ask(ctx, q.q);
        latencies.push(performance.now() - started);
        const full = resultOf(a);
        tallyQuestion(tallies.get(FULL)!, q, full);
        const miss = missOf(q, full, a.excerpts[0]?.text ?? a.closest?.[0]?.text);
        if (miss) misses.push(miss);
        const query = await baselineQuery(deps.embedder, q.q);
        for (const m of baselines) tallyQuestion(tallies.get(m.name)!, q, m.run(query));
      }
      return {
        methods: [...tallies].map(([method, tally]) => ({ method, tally })),
        latencyMs: { median: percentile(latencies, 50), p95: percentile(latencies, 95) },
        misses,
      };
    };

    const clean = await runQuestions([...set.answerable, ...set.unanswerable]);
    let noisy: EvalReport['noisy'];
    if (options.noiseSeed !== undefined) {
      const perturbed = noisySet(set, options.noiseSeed);
      noisy = { seed: options.noiseSeed, ...(await runQuestions([...perturbed.answerable, ...perturbed.unanswerable])) };
    }
    return {
      set: set.name,
      stories: index.manifest.counts.stories,
      chunks: index.manifest.counts.chunks,
      model: index.manifest.model.id,
      ...clean,
      ...(noisy ? { noisy } : {}),
      ranAt: new Date().toISOString(),
    };
  });
}

/** What a set is asked of: the core's context over a temporary index of its seeds. */
export type EvalContext = Pick<CoreContext, 'config' | 'embedder' | 'index'>;

/** Builds a temporary index of `seedsDir` (removed afterwards) and runs `work` on it. */
export async function withEvalIndex<T>(
  name: string,
  seedsDir: string,
  deps: { config: Config; embedder: Embedder; logger: Logger },
  work: (ctx: EvalContext, index: CorpusIndex) => Promise<T>,
): Promise<T> {
  const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), `dateline-eval-${name}-`));
  try {
    const config: Config = { ...deps.config, seedsDir, indexDir };
    const service = new IndexService({ config, embedder: deps.embedder, logger: deps.logger });
    const index = await service.open();
    return await work({ config, embedder: deps.embedder, index: service }, index);
  } finally {
    await fs.rm(indexDir, { recursive: true, force: true });
  }
}

/** The miss `r` makes on `q`, if any; `first` is the passage to show for it. */
function missOf(q: EvalQuestion, r: MethodResult, first: string | undefined): Miss | undefined {
  const extra = { ...(first ? { first } : {}), ...(r.confidence ? { confidence: r.confidence } : {}) };
  if (q.answers.length && !r.answered) return { q: q.q, kind: 'declined', ...extra };
  if (q.answers.length && !contains(first, q.answers)) return { q: q.q, kind: 'top1-miss', ...extra };
  if (!q.answers.length && r.answered) return { q: q.q, kind: 'answered-unanswerable', ...extra };
  return undefined;
}

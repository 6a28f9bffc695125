import { assertIndexLoaded, benchScript, CLI, runNode } from './child-process.js';
import { median } from './percentiles.js';

/** Cold start of `dateline ask`, in seconds (see bench/README.md for how it is split). */
export interface ColdStart {
  /** Median wall time of `dateline ask "…"` as a fresh process with a built index. */
  median: number;
  /** Median wall time of `node -e ''`: starting and stopping Node itself. */
  process: number;
  /** Loading the CLI's modules (commander, pino, zod, transformers.js and onnxruntime's native binding…). */
  imports: number;
  /** createCoreContext: the transformers.js pipeline, tokenizer.json and the ONNX model. */
  model_load: number;
  /** index.open(): reading the seeds (to check they did not change) and loading the saved index. */
  index_load: number;
  /** ask and render the first answer. */
  first_answer: number;
  /** Median wall time of `dateline reindex` as a fresh process: the build including model load. */
  reindex: number;
}

const s = (ms: number) => Number((ms / 1000).toFixed(3));

/**
 * Measures {@link ColdStart} with `runs` fresh processes of each kind, after
 * one untimed run that warms the file-system cache. The runs of `ask`,
 * `node -e ''` and the phase script are interleaved so their medians see the
 * same machine. `env` points SEEDS_DIR and INDEX_DIR at the seed corpus and
 * its built index; `reindexDir` is a scratch index folder for the `reindex` runs.
 */
export function measureColdStart(env: NodeJS.ProcessEnv, reindexDir: string, runs: number, question: string): ColdStart {
  const script = benchScript('cold-start-phases');
  const ask = () => {
    const run = runNode([CLI, 'ask', question], { env });
    assertIndexLoaded(run, 'dateline ask');
    return run.wallMs;
  };
  ask();
  const asks: number[] = [];
  const bare: number[] = [];
  const phases: Record<'imports' | 'model_load' | 'index_load' | 'first_answer', number>[] = [];
  for (let i = 0; i < runs; i++) {
    asks.push(ask());
    bare.push(runNode(['-e', ''], { env }).wallMs);
    const run = runNode([script, question], { env });
    assertIndexLoaded(run, 'the cold-start phase script');
    phases.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as (typeof phases)[number]);
  }
  const phase = (key: keyof (typeof phases)[number]) => s(median(phases.map((p) => p[key])));
  const reindexEnv = { ...env, INDEX_DIR: reindexDir };
  const reindex = Array.from({ length: runs }, () => runNode([CLI, 'reindex'], { env: reindexEnv }).wallMs);
  return {
    median: s(median(asks)),
    process: s(median(bare)),
    imports: phase('imports'),
    model_load: phase('model_load'),
    index_load: phase('index_load'),
    first_answer: phase('first_answer'),
    reindex: s(median(reindex)),
  };
}

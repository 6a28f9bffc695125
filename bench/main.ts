/**
 * `npm run bench`: the performance benchmark of issue 6. Prints the report
 * to standard output (progress to standard error) and writes
 * `bench/results/bench.json` and `bench/results/latency-vs-corpus.svg`.
 * See bench/README.md for the options and how to read the numbers.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { formatReport } from './print-table.js';
import { measurePeers } from './peers/measure-peers.js';
import { DEFAULT_SCALES, runBench } from './run-bench.js';
import { writeResults } from './write-results.js';
import { PROJECT_ROOT } from '../src/paths.js';

const USAGE = `npm run bench [-- options]
  --scales 1,10,100,1000   corpus sizes as multiples of the seed (must include 1)
  --questions 500          warm answers timed per size and variant
  --recall-queries 500     query vectors for recall@10
  --cold-runs 5            fresh processes per cold-start measurement
  --out bench/results      where bench.json and latency-vs-corpus.svg go
  --skip-peers             do not measure the peers (MiniSearch, LangChain) on the SQuAD sample
  --profile                also profile each size with node --cpu-prof (profiles go to <out>/profiles)
  --keep                   keep the scratch folder of corpora and indexes`;

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${value}"\n\n${USAGE}`);
  return n;
}

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: DEFAULT_SCALES.join(',') },
    questions: { type: 'string', default: '500' },
    'recall-queries': { type: 'string', default: '500' },
    'cold-runs': { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench', 'results') },
    profile: { type: 'boolean', default: false },
    'skip-peers': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

dotenv.config({ quiet: true });
const started = performance.now();
const out = path.resolve(values.out);
const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-bench-'));
try {
  const results = await runBench({
    scales: values.scales.split(',').map((s) => positive('scales', s.trim())),
    questions: positive('questions', values.questions),
    recallQueries: positive('recall-queries', values['recall-queries']),
    coldRuns: positive('cold-runs', values['cold-runs']),
    workDir,
    seedsDir: path.join(PROJECT_ROOT, 'seeds'),
    storyQuestionsFile: EVAL_FILES.storyDev,
    squadFile: EVAL_FILES.squadSample,
    env: { ...process.env, LOG_LEVEL: 'info' },
    ...(values.profile ? { profileDir: path.join(out, 'profiles') } : {}),
    log: (line) => process.stderr.write(`bench: ${line}\n`),
    ...(values['skip-peers']
      ? {}
      : {
          peers: () =>
            measurePeers({
              squadFile: EVAL_FILES.squadSample,
              workDir: path.join(workDir, 'peers'),
              env: { ...process.env, LOG_LEVEL: 'warn' },
              coldRuns: positive('cold-runs', values['cold-runs']),
              log: (line) => process.stderr.write(`bench: peers: ${line}\n`),
            }),
        }),
  });
  const files = await writeResults(results, out);
  process.stdout.write(`${formatReport(results)}\n\nWrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.chart)} in ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
} finally {
  if (values.keep) process.stderr.write(`bench: kept ${workDir}\n`);
  else await fs.rm(workDir, { recursive: true, force: true });
}

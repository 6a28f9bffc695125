/**
 * The graph parameters for an archive: for one (M, efConstruction), the
 * graph's insertion time over an archive's sentence vectors, and recall@10
 * and search time per efSearch against exact search, beside hnswlib's C++
 * brute force on the same vectors (issue #16).
 *
 *   node dist/bench/hnsw-sweep.js <seeds dir> <index dir> <M> <efConstruction> [--queries 300] [--seed 11] [--shuffled] [--bench-questions]
 *
 * The index dir holds a built generation of the seeds (its vectors are
 * reused; the graph is built afresh with the given parameters). The queries
 * are archive questions (`archiveQuestions`, seed 11), embedded with the
 * index's model; with `--bench-questions`, the bench's own recall queries
 * instead (the story dev questions, then SQuAD sample questions: what
 * `recall_at_10` in bench.json is measured on). Searches ask for as many
 * hits as retrieval does. Prints one JSON line; `bench/results/hnsw-sweep.json`
 * keeps the runs behind the defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { parseConfig } from '../src/config.js';
import { createCoreContext } from '../src/core-context.js';
import { BruteforceVectorIndex, ExactVectorIndex, type VectorSearch } from '../src/index/vector.js';
import { createLogger } from '../src/logger.js';
import { archiveQuestions } from './archive-questions.js';
import { loadBenchQuestions } from './question-sets.js';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { CANDIDATES_PER_INDEX } from '../src/retrieve/retrieve.js';
import { percentiles } from './percentiles.js';
import { recallAtK } from './vector-recall.js';
import { seededRandom } from '../src/eval/seeded-random.js';

/** The efSearch values tried. */
const EF_SEARCH = [64, 128, 200, 300, 400, 500, 600, 800];

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

const args = process.argv.slice(2);
const [seedsDir, indexDir, mText, efcText] = args;
if (!seedsDir || !indexDir || !Number(mText) || !Number(efcText)) {
  process.stderr.write('usage: node dist/bench/hnsw-sweep.js <seeds dir> <index dir> <M> <efConstruction> [--queries 300] [--seed 11] [--shuffled] [--bench-questions]\n');
  process.exit(2);
}
const m = Number(mText);
const efConstruction = Number(efcText);
const ctx = await createCoreContext(parseConfig({ SEEDS_DIR: seedsDir, INDEX_DIR: indexDir }), createLogger({ level: 'warn' }));
const index = await ctx.index.open();
const dim = index.manifest.model.dimension;
const n = index.vectors.count;
const K = Math.min(CANDIDATES_PER_INDEX, n);
const flat = index.vectors.flat();
const row = (i: number) => Array.from(flat.subarray(i * dim, (i + 1) * dim));
const readFiles = () =>
  fs
    .readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .map((name) => ({ name, text: fs.readFileSync(path.join(seedsDir, name), 'utf8') }));
const benchQuestions = args.includes('--bench-questions');
const questions = benchQuestions
  ? (await loadBenchQuestions(EVAL_FILES.storyDev, EVAL_FILES.squadSample, path.join(PROJECT_ROOT, 'seeds'), option(args, '--queries', 500))).recall
  : archiveQuestions(readFiles(), option(args, '--queries', 300), option(args, '--seed', 11)).map((q) => q.q);
const queries = await ctx.embedder.embed(questions);
const exact = new ExactVectorIndex(flat, dim);

const order = Int32Array.from({ length: n }, (_, i) => i);
if (args.includes('--shuffled')) {
  const random = seededRandom(42);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}
const graph = new hnswlib.HierarchicalNSW('cosine', dim);
const started = performance.now();
graph.initIndex(n, m, efConstruction, 42, true);
for (const i of order) graph.addPoint(row(i), i);
const buildS = (performance.now() - started) / 1000;

const brute = BruteforceVectorIndex.overRows(flat, dim);
const timed = (search: VectorSearch) =>
  queries.map((q) => {
    const t = performance.now();
    search.search(q, K);
    return performance.now() - t;
  });
const bruteforce = percentiles(timed(brute));

const graphSearch: VectorSearch = {
  count: n,
  search: (q, k) => {
    const { neighbors, distances } = graph.searchKnn(Array.from(q), k);
    return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i]! }));
  },
};
const rows = EF_SEARCH.map((ef) => {
  graph.setEf(ef);
  const recall = recallAtK(graphSearch, exact, queries, 10);
  const p = percentiles(timed(graphSearch));
  return { ef_search: ef, recall_at_10: Number(recall.toFixed(4)), search_ms: { p50: p.p50, p99: p.p99 }, speedup_vs_bruteforce: Number((bruteforce.p50 / p.p50).toFixed(2)) };
});
process.stdout.write(`${JSON.stringify({ m, ef_construction: efConstruction, questions: benchQuestions ? 'bench' : 'archive', k: K, order: args.includes('--shuffled') ? 'shuffled' : 'story', vectors: n, build_s: Number(buildS.toFixed(1)), bruteforce_ms: { p50: bruteforce.p50, p99: bruteforce.p99 }, rows })}\n`);

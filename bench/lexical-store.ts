/**
 * Which on-disk lexical index serves an archive better: Dateline's pack
 * (`Bm25Index.open` over the file, or over the file read into memory) or
 * SQLite FTS5 built over the same pre-computed terms (issue #16).
 *
 *   node dist/bench/lexical-store.js <archive index dir> [--cold-runs 7] [--warm-passes 5] [--build-runs 3]
 *
 * Everything starts from the sentence index of the archive's current
 * generation: each sentence's terms are read back from its postings, both
 * stores are built from them, and both answer the same query terms. Timings
 * are paired: the stores take turns (in rotating order) round by round, and
 * query by query in the warm process, so the load of a shared machine falls
 * on all of them alike. Writes `bench/results/lexical-store.json`.
 *
 * The same file is the child processes' entry (`--child build|serve|warm`);
 * it imports nothing heavy at the top, so a store's process loads only what
 * that store needs (better-sqlite3 for FTS5 alone).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from './child-process.js';
import { loadAverage, machineInfo } from './machine-info.js';
import { median, percentiles, type Percentiles } from './percentiles.js';
import { formatColumns } from './print-table.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { Bm25Index } from '../src/index/lexical.js';

/** The stores compared: the pack read from disk per query, the pack read whole into memory, FTS5. */
export type StoreName = 'pack-file' | 'pack-memory' | 'fts5';
const STORES: readonly StoreName[] = ['pack-file', 'pack-memory', 'fts5'];
/** Hits asked of every query, as retrieval asks. */
const K = 40;
const QUERY_COUNT = 500;
const PACK_FILE = 'lexical.pack';
const FTS5_FILE = 'lexical.sqlite';
const SELF = fileURLToPath(import.meta.url);

/** What one store measured. */
export interface StoreResult {
  name: StoreName;
  /** Median time to build the file from the terms (the pack rows share the one build). */
  build_ms: number;
  bytes_on_disk: number;
  /**
   * Fresh processes, medians: `open_ms + first_query_ms` is the cold cost;
   * `import_ms` loads the store's code; `since_process_start_ms` is from the
   * process's start to the first query's hits (Node itself, imports, open, query).
   */
  cold: { open_first_query_ms: number; open_ms: number; first_query_ms: number; import_ms: number; since_process_start_ms: number };
  /** Each query the first time the process sees it (its terms not yet remembered; file in the OS cache). */
  first_pass_ms: Percentiles;
  /** Queries asked again, top-K. */
  warm_ms: Percentiles;
  /** Warm: the df of each of a query's terms (FTS5 through `fts5vocab`). */
  df_of_query_terms_ms: Percentiles;
  /** Warm: `score(query, doc)` of the query's 10 best documents (FTS5: bm25() with a rowid constraint, its own k1/b/idf). */
  score_of_10_docs_ms: Percentiles;
  /** Peak RSS of a process that opens the store and asks every query once, median. */
  peak_rss_mib: number;
}

/** The whole result file. */
export interface LexicalStoreResults {
  generated_at: string;
  archive: { dir: string; generation: string; stories: number; sentences: number; terms: number; postings: number };
  machine: ReturnType<typeof machineInfo> & { load_average_by_phase: Record<string, number> };
  workload: { queries: number; story_questions: number; archive_questions: number; mean_terms: number; k: number; cold_runs: number; warm_passes: number; build_runs: number };
  fts5: { sqlite: string; table: string; bm25: string; vocabulary_identical: boolean };
  ours: { bm25: { k1: number; b: number } };
  stores: StoreResult[];
  agreement: {
    /** Every query matched the same set of documents in FTS5 and in ours. */
    same_matches: boolean;
    /** Pack from disk and from memory returned identical hits (ids and order) for every query. */
    pack_file_equals_memory: boolean;
    /** |top-K ∩ top-K| / K (or over the smaller match count) against ours, mean and share of queries at 1. */
    overlap_at_k: { fts5_vs_ours: Overlap; fts5_vs_ours_at_b075: Overlap };
    /** Same-query ratio of warm latencies, median over queries: FTS5 over the pack from disk. */
    warm_ratio_fts5_over_pack_file: number;
  };
}

interface Overlap {
  mean: number;
  identical_share: number;
  top1_agree_share: number;
}

/** What the `warm` child reports, lists by store in {@link STORES} order. */
interface WarmRun {
  first: number[][];
  warm: number[][];
  hits: number[][][];
  sameMatches: boolean;
  oursAtB075: number[][];
  dfMs: number[][];
  scoreMs: number[][];
}

/** What a `serve` child reports. */
interface ColdRun {
  importMs: number;
  openMs: number;
  firstQueryMs: number;
  sinceStartMs: number;
  peakRssMib: number;
}

interface Workload {
  params: { k1: number; b: number };
  queries: string[][];
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

// ───────────────────────────── child processes ─────────────────────────────

/** A store opened in a child, behind the calls answering makes of a lexical index. */
interface Opened {
  search(query: readonly string[], k: number): number[];
  df(term: string): number;
  score(query: readonly string[], doc: number): number;
  matches?(query: readonly string[]): number[];
}

async function openStore(name: StoreName, dir: string, params: Workload['params']): Promise<Opened> {
  if (name === 'fts5') {
    const { Fts5LexicalStore } = await import('./fts5-store.js');
    return Fts5LexicalStore.open(path.join(dir, FTS5_FILE));
  }
  const [{ Bm25Index }, { Pack }, { fileBytes, memoryBytes }] = await Promise.all([import('../src/index/lexical.js'), import('../src/index/pack.js'), import('../src/text/byte-source.js')]);
  const file = path.join(dir, PACK_FILE);
  const source = name === 'pack-file' ? fileBytes(file) : memoryBytes(fs.readFileSync(file));
  const index = Bm25Index.open(Pack.read(source), 'chunks', params);
  return {
    search: (q, k) => index.search(q, k).map((h) => h.doc),
    df: (t) => index.df(t),
    score: (q, d) => index.score(q, d),
    matches: (q) => index.search(q, index.size).map((h) => h.doc).sort((a, b) => a - b),
  };
}

/** `--child build pack|fts5 <dir> <out>`: builds the store's file `out` from `dir/docs.json`, prints the build time. */
async function childBuild(kind: 'pack' | 'fts5', dir: string, out: string): Promise<void> {
  const docs = readJson<string[][]>(path.join(dir, 'docs.json'));
  const { params } = readJson<Workload>(path.join(dir, 'queries.json'));
  fs.rmSync(out, { force: true });
  const started = performance.now();
  if (kind === 'fts5') {
    const { Fts5LexicalStore } = await import('./fts5-store.js');
    Fts5LexicalStore.build(out, docs).close();
  } else {
    const [{ Bm25Index }, { packParts }] = await Promise.all([import('../src/index/lexical.js'), import('../src/index/pack.js')]);
    const p = Bm25Index.build(docs, params).parts();
    const fd = fs.openSync(out, 'w');
    for (const part of packParts({ bm25: params }, { 'chunks.lengths': p.lengths, 'chunks.terms': p.terms, 'chunks.starts': p.starts, 'chunks.postings': p.postings })) fs.writeSync(fd, part);
    fs.closeSync(fd);
  }
  console.log(JSON.stringify({ buildMs: performance.now() - started }));
}

/** `--child serve <store> <dir> <first query>`: cold open and first query, then every query once (for the peak RSS). */
async function childServe(name: StoreName, dir: string, first: number): Promise<void> {
  const { params, queries } = readJson<Workload>(path.join(dir, 'queries.json'));
  const t0 = performance.now();
  await (name === 'fts5' ? import('./fts5-store.js') : Promise.all([import('../src/index/lexical.js'), import('../src/index/pack.js'), import('../src/text/byte-source.js')]));
  const t1 = performance.now();
  const store = await openStore(name, dir, params);
  const t2 = performance.now();
  store.search(queries[first % queries.length]!, K);
  const t3 = performance.now();
  for (const q of queries) store.search(q, K);
  console.log(JSON.stringify({ importMs: t1 - t0, openMs: t2 - t1, firstQueryMs: t3 - t2, sinceStartMs: t3, peakRssMib: peakRssMib() }));
}

/**
 * This process's peak RSS in MiB: VmHWM, which starts afresh at exec. (getrusage's
 * maxRSS, which `runNode`'s `peakRss` reads, keeps the high-water mark of the
 * forked parent, here the orchestrator holding the whole archive.)
 */
function peakRssMib(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '');
  return Number(hwm?.[1] ?? process.resourceUsage().maxRSS) / 1024;
}

/** `--child warm <dir> <passes>`: all stores in one process, each query asked of each in turn; first pass and warm passes timed. */
async function childWarm(dir: string, passes: number): Promise<void> {
  const { params, queries } = readJson<Workload>(path.join(dir, 'queries.json'));
  const stores = await Promise.all(STORES.map((s) => openStore(s, dir, params)));
  const first: number[][] = STORES.map(() => []);
  const warm: number[][] = STORES.map(() => []);
  const hits: number[][][] = STORES.map(() => []);
  for (let pass = 0; pass <= passes; pass++) {
    queries.forEach((q, i) => {
      for (let j = 0; j < STORES.length; j++) {
        const s = (i + j + pass) % STORES.length;
        const started = performance.now();
        const top = stores[s]!.search(q, K);
        const ms = performance.now() - started;
        if (pass === 0) {
          first[s]!.push(ms);
          hits[s]!.push(top);
        } else warm[s]!.push(ms);
      }
    });
  }
  // What answering asks besides search: the df of every query term, and the score of given documents (here the pack's best 10).
  const dfMs: number[][] = STORES.map(() => []);
  const scoreMs: number[][] = STORES.map(() => []);
  const timed = (f: () => void) => {
    const started = performance.now();
    f();
    return performance.now() - started;
  };
  for (let pass = 0; pass < passes; pass++) {
    queries.forEach((q, i) => {
      const docs = hits[STORES.indexOf('pack-file')]![i]!.slice(0, 10);
      for (let j = 0; j < STORES.length; j++) {
        const s = (i + j + pass) % STORES.length;
        const store = stores[s]!;
        dfMs[s]!.push(timed(() => q.forEach((t) => store.df(t))));
        scoreMs[s]!.push(timed(() => docs.forEach((d) => store.score(q, d))));
      }
    });
  }
  // Untimed: the matched sets, and ours ranked with FTS5's b.
  const { Bm25Index } = await import('../src/index/lexical.js');
  const { Fts5LexicalStore } = await import('./fts5-store.js');
  const { Pack } = await import('../src/index/pack.js');
  const fts = Fts5LexicalStore.open(path.join(dir, FTS5_FILE));
  const ours = stores[STORES.indexOf('pack-memory')]!;
  const sameMatches = queries.every((q) => {
    const a = fts.matches(q);
    const b = ours.matches!(q);
    return a.length === b.length && a.every((d, i) => d === b[i]);
  });
  const b075 = Bm25Index.open(Pack.read(fs.readFileSync(path.join(dir, PACK_FILE))), 'chunks', { k1: params.k1, b: 0.75 });
  const oursAtB075 = queries.map((q) => b075.search(q, K).map((h) => h.doc));
  console.log(JSON.stringify({ first, warm, hits, sameMatches, oursAtB075, dfMs, scoreMs }));
}

// ───────────────────────────── the orchestrating process ─────────────────────────────

/** Runs this script as a fresh child process; its last line of output, parsed. */
function child(args: string[]): Record<string, unknown> {
  const lines = runNode([SELF, '--child', ...args], { env: process.env }).stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

/** The archive's sentence terms (read back from its postings) and the query workload, written into `work`. */
async function prepare(archiveDir: string, work: string) {
  const [{ Pack }, { Bm25Index: Bm25 }, { readIndexPack }, { docsOfParts }, tokenize, { loadStorySet }, { EVAL_FILES }, { seededRandom }] = await Promise.all([
    import('../src/index/pack.js'),
    import('../src/index/lexical.js'),
    import('../src/index/index-pack.js'),
    import('./fts5-store.js'),
    import('../src/text/tokenize.js'),
    import('../src/eval/datasets.js'),
    import('../src/eval/data-files.js'),
    import('../src/eval/seeded-random.js'),
  ]);
  const generation = fs.readFileSync(path.join(archiveDir, 'CURRENT'), 'utf8').trim();
  const genDir = path.join(archiveDir, generation);
  const manifest = readJson<{ model: { dimension: number }; lexical: { k1: number; b: number } }>(path.join(genDir, 'manifest.json'));
  const params = { k1: manifest.lexical.k1, b: manifest.lexical.b };
  const pack = Pack.read(fs.readFileSync(path.join(genDir, 'index.pack')));
  const index = readIndexPack(pack, manifest.model.dimension);
  const parts = (index.lexical as Bm25Index).parts();
  const docs = docsOfParts(parts);
  fs.writeFileSync(path.join(work, 'docs.json'), JSON.stringify(docs));

  // Development questions (the held-out set is left alone), then archive questions in the style of bench/archive-questions.ts.
  const storySets = [EVAL_FILES.storyDev, EVAL_FILES.storyCasualDev, EVAL_FILES.storyMore, EVAL_FILES.storyCasualFirstBlind];
  const story: string[] = [];
  for (const file of storySets) {
    const set = await loadStorySet(file, '');
    story.push(...[...set.answerable, ...set.unanswerable].map((q) => q.q));
  }
  const lexical = Bm25.fromParts(parts, params);
  const random = seededRandom(16);
  const archive: string[] = [];
  const paragraphs = index.chunks.filter((c) => c.kind === 'paragraph');
  while (story.length + archive.length < QUERY_COUNT) {
    const content = tokenize.words(random.pick(paragraphs).text).filter((w, i, all) => !tokenize.STOPWORDS.has(w.word) && all.findIndex((o) => o.word === w.word) === i);
    if (content.length < 8) continue;
    const rare = [...content].sort((a, b) => lexical.df(tokenize.stem(a.word)) - lexical.df(tokenize.stem(b.word)) || a.start - b.start).slice(0, 3);
    const picked = content.filter((w) => rare.includes(w)).map((w) => w.word);
    archive.push(`What does the archive say about ${picked[0]}, ${picked[1]} and ${picked[2]}?`);
  }
  const queries = [...story, ...archive].map((q) => tokenize.indexTerms(q)).filter((q) => q.length > 0);
  const workload: Workload = { params, queries };
  fs.writeFileSync(path.join(work, 'queries.json'), JSON.stringify(workload));
  return {
    archive: { dir: archiveDir, generation, stories: index.stories.length, sentences: docs.length, terms: parts.starts.length - 1, postings: parts.postings.length / 2 },
    workload: { queries: queries.length, story_questions: story.length, archive_questions: archive.length, mean_terms: round(queries.reduce((n, q) => n + q.length, 0) / queries.length, 1) },
    ours: parts,
    params,
  };
}

function overlap(a: readonly number[][], b: readonly number[][]): Overlap {
  const scores = a.map((x, i) => {
    const y = new Set(b[i]);
    const n = Math.max(x.length, y.size);
    return { share: n === 0 ? 1 : x.filter((d) => y.has(d)).length / n, top1: x[0] === b[i]![0] };
  });
  return {
    mean: round(scores.reduce((s, x) => s + x.share, 0) / scores.length, 3),
    identical_share: round(scores.filter((x) => x.share === 1).length / scores.length, 3),
    top1_agree_share: round(scores.filter((x) => x.top1).length / scores.length, 3),
  };
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const archiveDir = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
  if (!archiveDir) throw new Error('usage: node dist/bench/lexical-store.js <archive index dir> [--cold-runs 7] [--warm-passes 5] [--build-runs 3]');
  const coldRuns = option('--cold-runs', 7);
  const warmPasses = option('--warm-passes', 5);
  const buildRuns = option('--build-runs', 3);
  const loads: Record<string, number> = { start: loadAverage() };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-lexical-store-'));
  try {
    const prepared = await prepare(path.resolve(archiveDir), work);
    console.error(`${prepared.archive.sentences} sentences, ${prepared.archive.terms} terms; ${prepared.workload.queries} queries; working in ${work}`);

    loads.build = loadAverage();
    const builds = { pack: [] as number[], fts5: [] as number[] };
    for (let r = 0; r < buildRuns; r++) {
      for (const kind of r % 2 === 0 ? (['pack', 'fts5'] as const) : (['fts5', 'pack'] as const)) {
        builds[kind].push(child(['build', kind, work, path.join(work, kind === 'pack' ? PACK_FILE : FTS5_FILE)]).buildMs as number);
      }
    }
    const { Fts5LexicalStore, FTS5_TABLE } = await import('./fts5-store.js');
    const { StringTable } = await import('../src/text/string-table.js');
    const fts = Fts5LexicalStore.open(path.join(work, FTS5_FILE));
    const vocabulary = fts.vocabulary();
    const sqlite = (fts.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    fts.close();
    const terms = new StringTable(prepared.ours.terms);
    let vocabularyIdentical = vocabulary.size === terms.size;
    for (let t = 0; vocabularyIdentical && t < terms.size; t++) vocabularyIdentical = vocabulary.get(terms.value(t)) === (prepared.ours.starts[t + 1]! - prepared.ours.starts[t]!) / 2;
    if (!vocabularyIdentical) throw new Error('FTS5 did not index exactly our terms (its vocabulary or document counts differ): the comparison would not be of equals');

    loads.cold = loadAverage();
    const cold = new Map(STORES.map((s) => [s, [] as ColdRun[]]));
    for (let r = -1; r < coldRuns; r++) {
      for (let j = 0; j < STORES.length; j++) {
        const store = STORES[(Math.max(r, 0) + j) % STORES.length]!;
        const run = child(['serve', store, work, String(Math.max(r, 0))]) as unknown as ColdRun;
        if (r >= 0) cold.get(store)!.push(run);
      }
    }

    loads.warm = loadAverage();
    const warm = child(['warm', work, String(warmPasses)]) as unknown as WarmRun;
    loads.end = loadAverage();

    const at = (s: StoreName) => STORES.indexOf(s);
    const [packHits, memoryHits, ftsHits] = [warm.hits[at('pack-file')]!, warm.hits[at('pack-memory')]!, warm.hits[at('fts5')]!];
    const perQuery = (s: StoreName) => warm.warm[at(s)]!;
    const ratios = perQuery('fts5').map((ms, i) => ms / perQuery('pack-file')[i]!);
    const stores: StoreResult[] = STORES.map((s) => {
      const c = cold.get(s)!;
      const m = (f: (x: (typeof c)[number]) => number) => round(median(c.map(f)), 3);
      return {
        name: s,
        build_ms: round(median(s === 'fts5' ? builds.fts5 : builds.pack), 0),
        bytes_on_disk: fs.statSync(path.join(work, s === 'fts5' ? FTS5_FILE : PACK_FILE)).size,
        cold: { open_first_query_ms: m((x) => x.openMs + x.firstQueryMs), open_ms: m((x) => x.openMs), first_query_ms: m((x) => x.firstQueryMs), import_ms: m((x) => x.importMs), since_process_start_ms: m((x) => x.sinceStartMs) },
        first_pass_ms: percentiles(warm.first[at(s)]!),
        warm_ms: percentiles(warm.warm[at(s)]!),
        df_of_query_terms_ms: percentiles(warm.dfMs[at(s)]!, 4),
        score_of_10_docs_ms: percentiles(warm.scoreMs[at(s)]!, 4),
        peak_rss_mib: m((x) => x.peakRssMib),
      };
    });
    const results: LexicalStoreResults = {
      generated_at: new Date().toISOString(),
      archive: prepared.archive,
      machine: { ...machineInfo(loads.start!), load_average_by_phase: loads },
      workload: { ...prepared.workload, k: K, cold_runs: coldRuns, warm_passes: warmPasses, build_runs: buildRuns },
      fts5: { sqlite, table: FTS5_TABLE, bm25: 'k1 = 1.2, b = 0.75, idf = ln((N − n + 0.5)/(n + 0.5)) floored at 1e-6 (fixed by SQLite)', vocabulary_identical: vocabularyIdentical },
      ours: { bm25: prepared.params },
      stores,
      agreement: {
        same_matches: warm.sameMatches,
        pack_file_equals_memory: packHits.every((h, i) => h.length === memoryHits[i]!.length && h.every((d, j) => d === memoryHits[i]![j])),
        overlap_at_k: { fts5_vs_ours: overlap(ftsHits, packHits), fts5_vs_ours_at_b075: overlap(ftsHits, warm.oursAtB075) },
        warm_ratio_fts5_over_pack_file: round(median(ratios), 2),
      },
    };
    const outFile = path.join(PROJECT_ROOT, 'bench', 'results', 'lexical-store.json');
    fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(formatLexicalStore(results));
    console.log(`\nwrote ${path.relative(PROJECT_ROOT, outFile)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The results as a table and the agreement lines. */
export function formatLexicalStore(r: LexicalStoreResults): string {
  const l = r.machine.load_average_by_phase;
  const f = (x: number, d = 2) => x.toFixed(d);
  return [
    `Lexical store · ${r.archive.sentences} sentences of ${r.archive.stories} stories · ${r.archive.terms} terms · ${r.workload.queries} queries (${r.workload.story_questions} story + ${r.workload.archive_questions} archive, ${r.workload.mean_terms} terms each), top-${r.workload.k}`,
    `${r.machine.cpu} · ${r.machine.cores} cores · Node ${r.machine.node} · SQLite ${r.fts5.sqlite} · load average ${Object.entries(l).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    formatColumns(
      ['store', 'build s', 'disk MB', 'cold open+1st ms', 'import ms', '1st-pass p50', 'p95', 'warm p50', 'p95', 'p99', 'df(terms) p50', 'score×10 p50', 'peak RSS MiB'],
      r.stores.map((s) => [
        s.name,
        f(s.build_ms / 1000),
        f(s.bytes_on_disk / 1024 ** 2, 1),
        f(s.cold.open_first_query_ms),
        f(s.cold.import_ms),
        f(s.first_pass_ms.p50, 3),
        f(s.first_pass_ms.p95, 3),
        f(s.warm_ms.p50, 3),
        f(s.warm_ms.p95, 3),
        f(s.warm_ms.p99, 3),
        f(s.df_of_query_terms_ms.p50, 4),
        f(s.score_of_10_docs_ms.p50, 4),
        f(s.peak_rss_mib, 0),
      ]),
    ),
    '',
    `Same matched documents on every query: ${r.agreement.same_matches} · FTS5 vocabulary = ours: ${r.fts5.vocabulary_identical} · pack from disk = from memory: ${r.agreement.pack_file_equals_memory}`,
    `Overlap@${r.workload.k} FTS5 vs ours (b ${r.ours.bm25.b}): mean ${r.agreement.overlap_at_k.fts5_vs_ours.mean}, identical ${r.agreement.overlap_at_k.fts5_vs_ours.identical_share}, same top-1 ${r.agreement.overlap_at_k.fts5_vs_ours.top1_agree_share}`,
    `Overlap@${r.workload.k} FTS5 vs ours at b 0.75: mean ${r.agreement.overlap_at_k.fts5_vs_ours_at_b075.mean}, identical ${r.agreement.overlap_at_k.fts5_vs_ours_at_b075.identical_share}, same top-1 ${r.agreement.overlap_at_k.fts5_vs_ours_at_b075.top1_agree_share}`,
    `Warm latency, same query, FTS5 / pack from disk: median ${r.agreement.warm_ratio_fts5_over_pack_file}×`,
  ].join('\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const [, mode, a, b, c] = argv;
  if (mode === 'build') await childBuild(a as 'pack' | 'fts5', b!, c!);
  else if (mode === 'serve') await childServe(a as StoreName, b!, Number(c));
  else if (mode === 'warm') await childWarm(a!, Number(b));
  else throw new Error(`unknown child mode ${mode}`);
} else {
  await main(argv);
}

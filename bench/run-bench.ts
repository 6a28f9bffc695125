import fs from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../src/config.js';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.js';
import { cycle, timeAnswers, timeStages } from './answer-latency.js';
import { buildAndSaveIndex } from './build-index.js';
import { measureColdStart, type ColdStart } from './cold-start.js';
import { loadAverage, machineInfo } from './machine-info.js';
import { percentiles } from './percentiles.js';
import { measureProcessMemory } from './process-memory.js';
import { profileSize } from './profile-size.js';
import { loadBenchQuestions } from './question-sets.js';
import { benchResultsSchema, type BenchResults, type SizeResult } from './results-schema.js';
import { ARCHIVE_SEED, archiveCorpus, archiveStories } from './archive-corpus.js';
import { measureAddStory, medianColdAsk } from './add-story.js';
import { loadArchiveSources, NAME_SOURCES, type ArchiveSources } from './archive-sources.js';
import { writeCorpus } from './synthetic-corpus.js';
import { squadWarmLatency } from './squad-latency.js';
import { checkTargets } from './targets.js';
import { exactIndex } from './timed-index.js';
import { indexRecall } from './vector-recall.js';
import type { HnswVectorIndex } from '../src/index/vector.js';
import type { PeerResult } from './peers/schema.js';

/** What to run; `npm run bench` uses {@link DEFAULT_SCALES} and the defaults in `main.ts`. */
export interface BenchOptions {
  /** Corpus sizes as multiples of the seeds; must include 1 (the cold start is measured on the seed). */
  scales: number[];
  /** Warm answers timed per size and per variant (the dev questions, cycled). */
  questions: number;
  /** Query vectors for recall@10. */
  recallQueries: number;
  /** Fresh processes per cold-start measurement. */
  coldRuns: number;
  /** Scratch folder for the corpora and their indexes. */
  workDir: string;
  seedsDir: string;
  storyQuestionsFile: string;
  squadFile: string;
  /** Environment of the benchmark and of the processes it starts (EMBEDDING_MODEL, HNSW_* …). */
  env: NodeJS.ProcessEnv;
  /** When set, each size is also profiled with `node --cpu-prof` and the profiles are written here. */
  profileDir?: string;
  /** Progress lines. */
  log: (line: string) => void;
  /** Measures the peers side by side with Dateline on the SQuAD sample (`bench/peers`); left out when absent. */
  peers?: () => Promise<PeerResult[]>;
}

export const DEFAULT_SCALES = [1, 10, 100, 1000, 10000];

/** The question a cold `dateline ask` answers (the README's example). */
export const COLD_QUESTION = 'Where did Kerry and Lavrov meet?';

/** Warm, in-process measurements of one size: build, answers with hnswlib and with hnswlib's exact brute force, stages, recall. */
async function measureSize(scale: number, options: BenchOptions, sources: ArchiveSources, ctx: SharedState): Promise<SizeResult> {
  const { log } = options;
  const seedsDir = path.join(options.workDir, `seeds-x${scale}`);
  const indexDir = path.join(options.workDir, `index-x${scale}`);
  const files = archiveCorpus(sources, scale);
  await writeCorpus(files, seedsDir);
  const env = { ...options.env, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir };
  const config = parseConfig(env);
  log(`×${scale}: building the index of ${files.length} stories`);
  const built = await buildAndSaveIndex(config, ctx.embedder);
  const { index } = built;
  const answerOptions = { k: config.answerExcerpts };
  const workload = cycle(ctx.questions.dev, options.questions);
  const exact = exactIndex(index);
  log(`×${scale}: ${index.chunks.length} chunks built in ${built.timing.total.toFixed(1)} s; timing ${workload.length} warm answers (hnswlib, exact C++ brute force, stages)`);
  await timeAnswers(index, ctx.embedder, ctx.questions.dev, answerOptions);
  await timeAnswers(exact, ctx.embedder, ctx.questions.dev, answerOptions);
  const hnswTimes = await timeAnswers(index, ctx.embedder, workload, answerOptions);
  const exactTimes = await timeAnswers(exact, ctx.embedder, workload, answerOptions);
  const stages = await timeStages(index, ctx.embedder, workload, answerOptions);
  const exactSearch = (await timeStages(exact, ctx.embedder, workload, answerOptions)).vector_search;
  log(`×${scale}: recall@10 over ${ctx.questions.recall.length} questions`);
  const recall = await indexRecall(index, ctx.embedder, ctx.questions.recall, 10);
  if (scale === 1) {
    log(`×1: cold start, ${options.coldRuns} fresh processes of each kind`);
    ctx.coldStart = measureColdStart(env, path.join(options.workDir, 'reindex-x1'), options.coldRuns, COLD_QUESTION);
  }
  log(`×${scale}: peak RSS of dateline ask and of the bot-like process`);
  const memory = measureProcessMemory(env, COLD_QUESTION);
  log(`×${scale}: cold dateline ask (median of ${options.coldRuns}), then one new story added by dateline reindex`);
  const coldAsk = medianColdAsk(env, COLD_QUESTION, options.coldRuns);
  const [story] = archiveStories(sources, 1, { seed: ARCHIVE_SEED + scale });
  // The archive's next story, named as its stories are (so it sorts after them, as a newsroom's next story does).
  const added = await measureAddStory(env, seedsDir, { name: `archive-${String(scale).padStart(5, '0')}.txt`, text: story!.text });
  const answer = percentiles(hnswTimes);
  const exactAnswer = percentiles(exactTimes);
  const result: SizeResult = {
    scale,
    stories: index.stories.length,
    units: index.units.length,
    chunks: index.chunks.length,
    text_bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0),
    build_s: built.timing.total,
    build_stage_s: { read: built.timing.read, embed: built.timing.embed, index: built.timing.index, save: built.timing.save },
    chunks_per_s: Math.round(index.chunks.length / built.timing.total),
    index_bytes: built.bytes,
    answer_ms: answer,
    stage_ms: stages,
    recall_at_10: Number(recall.toFixed(4)),
    ef_search: (index.vector as HnswVectorIndex).efSearch,
    exact_answer_ms: exactAnswer,
    speedup_vs_exact: Number((exactAnswer.p50 / answer.p50).toFixed(2)),
    exact_search_ms: exactSearch,
    search_speedup_vs_exact: Number((exactSearch.p50 / stages.vector_search.p50).toFixed(2)),
    rss_mb: Math.max(memory.cli, memory.bot),
    cli_rss_mb: memory.cli,
    bot_rss_mb: memory.bot,
    cli_cold_s: memory.cliColdS,
    cold_ask_s: coldAsk,
    add_story_s: added.seconds,
    add_story_rss_mb: added.rssMib,
  };
  if (options.profileDir) {
    log(`×${scale}: CPU profiles (node --cpu-prof) of warm answers and of the build`);
    const questionsFile = path.join(options.workDir, 'dev-questions.json');
    await fs.writeFile(questionsFile, JSON.stringify(ctx.questions.dev));
    const profiles = profileSize(scale, env, questionsFile, Math.max(options.questions, 2000), options.profileDir, path.join(options.workDir, `profile-index-x${scale}`));
    result.profile = { answers: profiles.answers, build: profiles.build };
  }
  await fs.rm(seedsDir, { recursive: true, force: true });
  await fs.rm(indexDir, { recursive: true, force: true });
  return result;
}

interface SharedState {
  embedder: Awaited<ReturnType<typeof loadTransformersEmbedder>>;
  questions: Awaited<ReturnType<typeof loadBenchQuestions>>;
  coldStart?: ColdStart;
}

/**
 * Runs the whole benchmark (issue 6) and returns results in the shape of
 * `bench/results/bench.json`, validated. Sizes run smallest first, one at a
 * time, each corpus written, built, measured and removed before the next.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const loadAtStart = loadAverage();
  const scales = [...new Set(options.scales)].sort((a, b) => a - b);
  if (scales[0] !== 1) throw new Error('the scales must include 1: the cold start and the seed targets are measured on the seed story');
  await fs.mkdir(options.workDir, { recursive: true });
  const config = parseConfig(options.env);
  options.log(`Loading ${config.embeddingModel}`);
  const embedder = await loadTransformersEmbedder({ modelId: config.embeddingModel, modelsDir: config.modelsDir });
  // First, while this process holds only what Dateline's would: after the ×10,000 index it holds gigabytes, and its
  // GC slowed these sub-millisecond answers by half (0.79 ms p50 against 0.42 ms in a fresh process); even the
  // archive's word lists and the bench's questions, loaded before it, cost 20–30 % (1.30–1.37 against 0.98–1.16 ms).
  options.log('SQuAD sample: warm answers to every question');
  const warmSquad = await squadWarmLatency(options.squadFile, options.workDir, options.env, embedder);
  const sources = await loadArchiveSources(options.seedsDir, NAME_SOURCES);
  const questions = await loadBenchQuestions(options.storyQuestionsFile, options.squadFile, options.seedsDir, options.recallQueries);
  const shared: SharedState = { embedder, questions };
  const sizes: SizeResult[] = [];
  for (const scale of scales) sizes.push(await measureSize(scale, options, sources, shared));
  const peers = options.peers ? await options.peers() : undefined;
  const partial = {
    machine: machineInfo(loadAtStart),
    model: embedder.modelId,
    generated_at: new Date().toISOString(),
    hnsw: { m: config.hnsw.m, ef_construction: config.hnsw.efConstruction, ef_search: config.hnsw.efSearch },
    questions_per_size: options.questions,
    recall_queries: questions.recall.length,
    synthetic_seed: ARCHIVE_SEED,
    corpus: 'archive' as const,
    exact_search: 'hnswlib-bruteforce' as const,
    cold_start_s: shared.coldStart!,
    ...(peers ? { peers } : {}),
    warm_squad_ms: warmSquad,
    sizes,
  };
  return benchResultsSchema.parse({ ...partial, targets: checkTargets(partial) });
}

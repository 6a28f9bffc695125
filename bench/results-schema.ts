import { z } from 'zod';
import { machineSchema, peerResultSchema } from './peers/schema.js';

const ms = z.object({ p50: z.number(), p95: z.number(), p99: z.number() });
const hotSpot = z.object({ name: z.string(), selfMs: z.number(), share: z.number() });
const profileSummary = z.object({ windowMs: z.number(), areas: z.array(hotSpot), functions: z.array(hotSpot) });

/** One corpus size. Times in ms unless the key says `_s`; memory in MiB. */
export const sizeResultSchema = z.object({
  /** Corpus size as a multiple of the seeds (1 = the seed story alone). */
  scale: z.number().int().positive(),
  stories: z.number().int(),
  units: z.number().int(),
  chunks: z.number().int(),
  text_bytes: z.number().int(),
  /** Read + build + save, model already loaded. */
  build_s: z.number(),
  build_stage_s: z.object({ read: z.number(), embed: z.number(), index: z.number(), save: z.number() }),
  chunks_per_s: z.number(),
  index_bytes: z.number().int(),
  /** Whole answer (clean, embed, retrieve, select), warm, in process, with hnswlib. */
  answer_ms: ms,
  stage_ms: z.object({ embed: ms, vector_search: ms, lexical_search: ms, selection: ms }),
  recall_at_10: z.number(),
  /** The same whole answer with exact search instead of the HNSW graph (see `exact_search` for which). */
  exact_answer_ms: ms,
  /** exact_answer_ms.p50 / answer_ms.p50: what the graph saves over exact search, per whole answer (lexical search and selection included on both sides). */
  speedup_vs_exact: z.number(),
  /** The vector search stage alone with exact search (hnswlib's C++ brute force), as `stage_ms.vector_search` measures the graph's (absent in older runs). */
  exact_search_ms: ms.optional(),
  /** exact_search_ms.p50 / stage_ms.vector_search.p50: the graph against the exact scan, search for search (absent in older runs). */
  search_speedup_vs_exact: z.number().optional(),
  /** The larger of cli_rss_mb and bot_rss_mb: what the memory target is checked against. */
  rss_mb: z.number(),
  cli_rss_mb: z.number(),
  bot_rss_mb: z.number(),
  /** One `dateline ask` as a fresh process at this size. */
  cli_cold_s: z.number(),
  /** Cold one-shot `dateline ask` at this size, s (a median when measured; absent in older runs). */
  cold_ask_s: z.number().optional(),
  /** The candidate list hnswlib searched with at this size (`HNSW_EF_SEARCH`, resolved when `auto`; absent in older runs). */
  ef_search: z.number().int().optional(),
  /** Adding one story to the index of this size, s (absent in older runs). */
  add_story_s: z.number().optional(),
  /** Peak RSS of that `dateline reindex`, MiB (absent in older runs). */
  add_story_rss_mb: z.number().optional(),
  profile: z.object({ answers: profileSummary, build: profileSummary }).optional(),
});

/** `bench/results/bench.json`. Keys are only ever added, so runs compare over time. */
export const benchResultsSchema = z.object({
  machine: machineSchema,
  model: z.string(),
  generated_at: z.string(),
  hnsw: z.object({ m: z.number().int(), ef_construction: z.number().int(), ef_search: z.union([z.number().int(), z.literal('auto')]) }),
  questions_per_size: z.number().int(),
  recall_queries: z.number().int(),
  /** Random seed of the generated stories. */
  synthetic_seed: z.number().int(),
  /** Generator of the stories after the seed: `archive` (archive-corpus.ts, issue #16); absent before, when it was the Markov corpus. */
  corpus: z.enum(['archive', 'markov']).optional(),
  /** Exact search behind `exact_answer_ms`: hnswlib's C++ `BruteforceSearch`; absent before issue #16, when it was a JavaScript loop. */
  exact_search: z.enum(['hnswlib-bruteforce', 'js-loop']).optional(),
  cold_start_s: z.object({
    median: z.number(),
    process: z.number(),
    imports: z.number(),
    model_load: z.number(),
    index_load: z.number(),
    first_answer: z.number(),
    reindex: z.number(),
  }),
  /** Warm `ask` on the SQuAD judging sample (its articles indexed, each question once after a warm-up pass), ms; absent before issue #16. */
  warm_squad_ms: z.object({ p50: z.number(), p95: z.number(), p99: z.number() }).optional(),
  sizes: z.array(sizeResultSchema),
  /** Dateline and its peers on the SQuAD judging sample, one row each (`bench/peers/schema.ts`); absent when they were not run. */
  peers: z.array(peerResultSchema).optional(),
  targets: z.array(z.object({ target: z.string(), limit: z.string(), value: z.number().nullable(), met: z.boolean().nullable() })),
});

export type SizeResult = z.infer<typeof sizeResultSchema>;
export type BenchResults = z.infer<typeof benchResultsSchema>;
export type { PeerResult } from './peers/schema.js';
export type TargetCheck = BenchResults['targets'][number];

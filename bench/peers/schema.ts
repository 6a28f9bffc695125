import { z } from 'zod';

/**
 * One row of the peer comparison (issue #16 item 6): Dateline or a peer,
 * measured by the same harness on the same SQuAD sample questions.
 * Times are in ms unless the key says `_s`.
 */
export const peerResultSchema = z.object({
  /** `dateline`, `minisearch-bm25` or `langchain-hnswlib`. */
  name: z.string(),
  /** How the row's store is built and what it returns as an answer. */
  description: z.string(),
  /** Answerable questions judged for top1 and top3. */
  questions: z.number().int().nonnegative(),
  /** Share (0–1) of those questions whose first returned passage holds an accepted answer. */
  top1: z.number().min(0).max(1),
  /** Share (0–1) whose first three returned passages hold one. */
  top3: z.number().min(0).max(1),
  /** Warm, in-process latency per question (answerable and unanswerable, one timed pass after a warm-up pass). */
  p50_ms: z.number(),
  p95_ms: z.number(),
  /** Reading the stories, building and saving the store, in process with the model already loaded. */
  build_s: z.number(),
  /** Median wall time of a fresh Node process that loads the saved store (and model) and answers one question. */
  cold_s: z.number(),
});

/** One row of the peer comparison; see {@link peerResultSchema}. */
export type PeerResult = z.infer<typeof peerResultSchema>;

/** The machine a benchmark ran on (`machineInfo` in bench/machine-info.ts fills it). */
export const machineSchema = z.object({
  cpu: z.string(),
  cores: z.number().int(),
  memory_gb: z.number(),
  os: z.string(),
  node: z.string(),
  /** 1-minute load average when the run started and ended (the benchmark itself adds about 1): well above that, other work skewed the timings. */
  load_average: z.object({ start: z.number(), end: z.number() }),
});

/** What `npm run bench:peers` writes to `bench/results/peers.json`. */
export const peersFileSchema = z.object({
  generated_at: z.string(),
  machine: machineSchema,
  /** The embedding model Dateline and the LangChain peer both use. */
  model: z.string(),
  /** The question every cold process answers. */
  cold_question: z.string(),
  /** Fresh processes per row; `cold_s` is their median. */
  cold_runs: z.number().int().positive(),
  peers: z.array(peerResultSchema),
});

/** The contents of `bench/results/peers.json`; see {@link peersFileSchema}. */
export type PeersFile = z.infer<typeof peersFileSchema>;

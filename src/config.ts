import path from 'node:path';
import { z } from 'zod';
import { BUNDLED_MODEL_ID } from './embed/bundled-model.js';
import { booleanSetting, positiveInt, readEnv } from './env.js';
import { DEFAULT_HNSW, type HnswParams } from './index/hnsw-params.js';
import { DEFAULT_MAX_SEED_BYTES } from './ingest/read-seeds.js';
import { PROJECT_ROOT } from './paths.js';

/**
 * The core's settings (stories, index, model, answers, logging) as read from
 * the environment, with their defaults. The terminal chat's and the bot's own
 * keys are parsed by their owners (`app/config.ts`, `discord/config.ts`);
 * `.env.example` documents all of them; tests keep the two in step.
 */
const schema = z.object({
  /** Folder of stories (`*.txt`, `*.md`). Default `seeds`. */
  SEEDS_DIR: z.string().min(1).default('seeds'),
  /**
   * Read story files (and sidecars) in the seeds folder that are links to
   * somewhere outside it. Default `false`: such links are skipped and named
   * in the reindex report, so a link like `leak.txt → /etc/passwd` or one to
   * an env file never gets indexed and quoted. Links that stay inside the
   * seeds folder are always read.
   */
  SEEDS_FOLLOW_LINKS: booleanSetting.default('false'),
  /** Folder of the persisted index. Default `embeddings`. */
  INDEX_DIR: z.string().min(1).default('embeddings'),
  /** Folder of Dateline's own data: the feedback database and the answers its buttons refer to. Default `data`. */
  DATA_DIR: z.string().min(1).default('data'),
  /** Folder of local models (the bundled one and a cache for hub models). Default `embeddings/models`. */
  MODELS_DIR: z.string().min(1).default('embeddings/models'),
  /**
   * transformers.js feature-extraction model id. Default: the bundled offline
   * `dateline/glove-100d-sif`. Any other id (e.g. `Xenova/all-MiniLM-L6-v2`)
   * is looked up in `MODELS_DIR` first, then downloaded from the Hugging Face hub.
   */
  EMBEDDING_MODEL: z.string().min(1).default(BUNDLED_MODEL_ID),
  /** Largest story file accepted, in bytes (1 KB – 1 GB). Default 5 MB. */
  MAX_SEED_BYTES: positiveInt(1024, 1024 ** 3).default(DEFAULT_MAX_SEED_BYTES),
  /** Excerpts per answer (1–10). Default 3. */
  ANSWER_EXCERPTS: positiveInt(1, 10).default(3),
  /** hnswlib graph degree M (4–64). Default 16. */
  HNSW_M: positiveInt(4, 64).default(DEFAULT_HNSW.m),
  /** hnswlib efConstruction (16–1000). Default 100 (see `HnswParams`). */
  HNSW_EF_CONSTRUCTION: positiveInt(16, 1000).default(DEFAULT_HNSW.efConstruction),
  /** hnswlib efSearch (10–1000), or `auto`: an exact scan below 5,000 sentences (`scansExactly`), then 128, growing with the corpus above 40,000 sentences (`resolveEfSearch`). Default auto. */
  HNSW_EF_SEARCH: z.union([z.literal('auto'), positiveInt(10, 1000)]).default(DEFAULT_HNSW.efSearch),
  /** pino log level. Default `info`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Parsed, typed settings. Paths are absolute. */
export interface Config {
  seedsDir: string;
  /** Read links in the seeds folder that point outside it (`SEEDS_FOLLOW_LINKS`). */
  seedsFollowLinks: boolean;
  indexDir: string;
  modelsDir: string;
  /** Feedback database and answer records (`feedback.sqlite`). */
  dataDir: string;
  embeddingModel: string;
  maxSeedBytes: number;
  answerExcerpts: number;
  hnsw: HnswParams;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

/** The keys {@link parseConfig} reads. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/**
 * Parses the environment into a {@link Config}, failing fast with one message
 * that names every bad key, its value and what is accepted.
 * Empty strings count as unset, so `KEY=` in `.env` means "use the default".
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), root = PROJECT_ROOT): Config {
  const { values: c, given } = readEnv(schema, env);
  const dir = (key: 'SEEDS_DIR' | 'INDEX_DIR' | 'MODELS_DIR' | 'DATA_DIR') => path.resolve(given.has(key) ? cwd : root, c[key]);
  return {
    seedsDir: dir('SEEDS_DIR'),
    seedsFollowLinks: c.SEEDS_FOLLOW_LINKS,
    indexDir: dir('INDEX_DIR'),
    modelsDir: dir('MODELS_DIR'),
    dataDir: dir('DATA_DIR'),
    embeddingModel: c.EMBEDDING_MODEL,
    maxSeedBytes: c.MAX_SEED_BYTES,
    answerExcerpts: c.ANSWER_EXCERPTS,
    hnsw: { m: c.HNSW_M, efConstruction: c.HNSW_EF_CONSTRUCTION, efSearch: c.HNSW_EF_SEARCH },
    logLevel: c.LOG_LEVEL,
  };
}

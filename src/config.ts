import path from 'node:path';
import { z } from 'zod';
import { BUNDLED_MODEL_ID } from './embed/bundled-model.js';
import { ErrorId, UserFacingError } from './errors.js';
import { PROJECT_ROOT } from './paths.js';

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Discord's REST API, used when `DISCORD_API_URL` is unset. */
export const DISCORD_API_URL = 'https://discord.com/api';

const SNOWFLAKE = /^\d{17,20}$/;
const snowflake = z.string().regex(SNOWFLAKE, 'must be a Discord id (17 to 20 digits)');

/** `N/S`: at most N questions per S seconds for each user; `off` disables the limit. */
const cooldown = z
  .string()
  .transform((value, ctx) => {
    if (value.toLowerCase() === 'off') return null;
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
    const uses = Number(m?.[1]);
    const seconds = Number(m?.[2]);
    if (!m || uses < 1 || uses > 1000 || seconds < 1 || seconds > 86_400) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be N/S (1-1000 questions per 1-86400 seconds, e.g. 5/30) or off' });
      return z.NEVER;
    }
    return { uses, seconds };
  });

/** Units `ANSWER_BUTTONS_TTL` accepts, in milliseconds. */
export const DURATION_UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration like `30m`, `24h` or `7d` (1 minute to 365 days), as milliseconds. */
const duration = z.string().transform((value, ctx) => {
  const m = /^(\d+)\s*([mhd])$/i.exec(value);
  const ms = m ? Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase() as keyof typeof DURATION_UNITS] : NaN;
  if (!(ms >= DURATION_UNITS.m && ms <= 365 * DURATION_UNITS.d)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a duration from 1m to 365d, written as a number and m, h or d (e.g. 30m, 24h, 7d)' });
    return z.NEVER;
  }
  return ms;
});

/** `true` or `false` (also `1`/`0`, `yes`/`no`, `on`/`off`, any case). */
const boolean = z.string().transform((value, ctx) => {
  const v = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be true or false' });
  return z.NEVER;
});

/** Most shards `SHARD_COUNT` accepts (Discord's largest bots run a few thousand). */
export const MAX_SHARDS = 10_000;

/** `auto` (Discord's recommendation from `/gateway/bot`) or a whole number of shards. */
const shardCount = z.string().transform((value, ctx) => {
  if (value.toLowerCase() === 'auto') return 'auto' as const;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_SHARDS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be auto or a whole number of shards from 1 to ${MAX_SHARDS}` });
    return z.NEVER;
  }
  return n;
});

/**
 * Every setting Dateline reads from the environment, with its default.
 * `.env.example` documents the same keys; tests keep the two in step.
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
  SEEDS_FOLLOW_LINKS: boolean.default('false'),
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
  MAX_SEED_BYTES: positiveInt(1024, 1024 ** 3).default(5 * 1024 * 1024),
  /** Excerpts per answer (1–10). Default 3. */
  ANSWER_EXCERPTS: positiveInt(1, 10).default(3),
  /** hnswlib graph degree M (4–64). Default 16. */
  HNSW_M: positiveInt(4, 64).default(16),
  /** hnswlib efConstruction (16–1000). Default 200. */
  HNSW_EF_CONSTRUCTION: positiveInt(16, 1000).default(200),
  /** hnswlib efSearch (10–1000). Default 100. */
  HNSW_EF_SEARCH: positiveInt(10, 1000).default(100),
  /** pino log level. Default `info`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Discord bot token. Needed by the bot and `deploy-commands` only; the CLI ignores it. */
  DISCORD_TOKEN: z.string().min(1).optional(),
  /** Discord application (client) id. Needed by the bot and `deploy-commands` only. */
  DISCORD_CLIENT_ID: snowflake.optional(),
  /** Server id: `deploy-commands` registers guild commands there (instant) instead of global ones. */
  DISCORD_GUILD_ID: snowflake.optional(),
  /** Base URL of Discord's REST API (e.g. a nirn-proxy, or a test double). Default Discord's own. */
  DISCORD_API_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL')
    .default(DISCORD_API_URL),
  /** Comma-separated role ids whose members may `/reindex` besides those with Manage Server. */
  MODERATOR_ROLE_IDS: z
    .string()
    .transform((v) => v.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(snowflake))
    .default(''),
  /** `/ask` limit per user: `N/S` questions per seconds, or `off`. Default `5/30`. */
  ASK_COOLDOWN: cooldown.default('5/30'),
  /** How long the buttons under an answer keep working (`30m`, `24h`, `7d`; 1m–365d). Default `7d`. */
  ANSWER_BUTTONS_TTL: duration.default('7d'),
  /** Shards for `npm run start:sharded`, one process each: `auto` or 1–10000. Default `auto`. */
  SHARD_COUNT: shardCount.default('auto'),
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
  hnsw: { m: number; efConstruction: number; efSearch: number };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  discord: DiscordConfig;
  /** Shards for the sharded launcher: `auto` asks Discord. */
  shardCount: 'auto' | number;
}

/** The Discord bot's settings; token and client id stay optional so the CLI runs without them. */
export interface DiscordConfig {
  token?: string;
  clientId?: string;
  guildId?: string;
  /** REST base URL without a trailing slash, e.g. `https://discord.com/api`. */
  apiUrl: string;
  moderatorRoleIds: string[];
  /** Per-user `/ask` limit, or null when off. */
  askCooldown: { uses: number; seconds: number } | null;
  /** Milliseconds the buttons under an answer keep working. */
  buttonsTtlMs: number;
}

/** The keys {@link parseConfig} reads; `.env.example` lists exactly these. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/**
 * Parses the environment into a {@link Config}, failing fast with one message
 * that names every bad key, its value and what is accepted.
 * Empty strings count as unset, so `KEY=` in `.env` means "use the default".
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), root = PROJECT_ROOT): Config {
  const raw: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${key}=${JSON.stringify(raw[key] ?? '')}: ${issue.message}`;
    });
    throw new UserFacingError(
      ErrorId.BadConfig,
      `Bad configuration (fix these in the environment or .env; .env.example lists every key):\n  ${problems.join('\n  ')}`,
    );
  }
  const c = parsed.data;
  const dir = (key: 'SEEDS_DIR' | 'INDEX_DIR' | 'MODELS_DIR' | 'DATA_DIR') => path.resolve(raw[key] ? cwd : root, c[key]);
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
    shardCount: c.SHARD_COUNT,
    discord: {
      ...(c.DISCORD_TOKEN ? { token: c.DISCORD_TOKEN } : {}),
      ...(c.DISCORD_CLIENT_ID ? { clientId: c.DISCORD_CLIENT_ID } : {}),
      ...(c.DISCORD_GUILD_ID ? { guildId: c.DISCORD_GUILD_ID } : {}),
      apiUrl: c.DISCORD_API_URL.replace(/\/+$/, ''),
      moderatorRoleIds: c.MODERATOR_ROLE_IDS,
      askCooldown: c.ASK_COOLDOWN,
      buttonsTtlMs: c.ANSWER_BUTTONS_TTL,
    },
  };
}

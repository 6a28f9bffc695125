import { z } from 'zod';
import { parseAppConfig, type AppConfig } from '../app/config.js';
import { parseConfig, type Config } from '../config.js';
import { readEnv } from '../env.js';
import { isUserFacing } from '../errors.js';
import { redact, envSecrets } from '../app/secrets.js';

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

/** The Discord bot's settings, parsed only by the bot, `deploy-commands` and `invite-url`. */
const schema = z.object({
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
  /** Shards for `npm run start:sharded`, one process each: `auto` or 1–10000. Default `auto`. */
  SHARD_COUNT: shardCount.default('auto'),
});

/** The bot's settings; token and client id stay optional here (each program says which it needs). */
export interface DiscordConfig {
  token?: string;
  clientId?: string;
  guildId?: string;
  /** REST base URL without a trailing slash, e.g. `https://discord.com/api`. */
  apiUrl: string;
  moderatorRoleIds: string[];
  /** Per-user `/ask` limit, or null when off. */
  askCooldown: { uses: number; seconds: number } | null;
  /** Shards for the sharded launcher: `auto` asks Discord. */
  shardCount: 'auto' | number;
}

/** The keys {@link parseDiscordConfig} reads. */
export const DISCORD_CONFIG_KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** Parses the bot's settings from `env`, failing fast like the core's `parseConfig`. */
export function parseDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  const { values: c } = readEnv(schema, env);
  return {
    ...(c.DISCORD_TOKEN ? { token: c.DISCORD_TOKEN } : {}),
    ...(c.DISCORD_CLIENT_ID ? { clientId: c.DISCORD_CLIENT_ID } : {}),
    ...(c.DISCORD_GUILD_ID ? { guildId: c.DISCORD_GUILD_ID } : {}),
    apiUrl: c.DISCORD_API_URL.replace(/\/+$/, ''),
    moderatorRoleIds: c.MODERATOR_ROLE_IDS,
    askCooldown: c.ASK_COOLDOWN,
    shardCount: c.SHARD_COUNT,
  };
}

/** Discord settings a program may require: the bot needs only the token; `deploy-commands` and `invite-url` need the client id. */
export type RequiredDiscordKey = 'DISCORD_TOKEN' | 'DISCORD_CLIENT_ID';

/** What the bot (`npm start`, `npm run start:sharded`) cannot run without. */
export const BOT_KEYS: readonly RequiredDiscordKey[] = ['DISCORD_TOKEN'];
/** What `npm run deploy-commands` cannot run without: the token to register with, the application to register for. */
export const DEPLOY_KEYS: readonly RequiredDiscordKey[] = ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'];

/** A message naming the missing `key`, where to set it, and how to use Dateline without Discord. */
export function missingSettingMessage(key: RequiredDiscordKey): string {
  return (
    `${key} is not set. Set it in the environment or in .env (copy .env.example, which explains every key).\n` +
    'To ask questions locally without Discord, run: npx dateline ask "Where did Kerry and Lavrov meet?"'
  );
}

/** The message for the first of the `required` Discord settings missing from `discord`, if any. */
export function missingDiscordSetting(discord: DiscordConfig, required: readonly RequiredDiscordKey[]): string | undefined {
  const value = { DISCORD_TOKEN: discord.token, DISCORD_CLIENT_ID: discord.clientId };
  const missing = required.find((key) => !value[key]);
  return missing ? missingSettingMessage(missing) : undefined;
}

/** What to tell someone whose token Discord refused. */
export const TOKEN_REJECTED = "Discord rejected DISCORD_TOKEN. Copy the bot's token again from the developer portal (Bot tab) into .env.";

/**
 * True when `error` says Discord refused the token: a REST reply 401
 * (`DiscordAPIError`) or the gateway's `TokenInvalid`. Show
 * {@link TOKEN_REJECTED} and exit 2 for it.
 */
export function isTokenRejected(error: unknown): boolean {
  const e = error as { status?: unknown; code?: unknown } | null;
  return e?.status === 401 || e?.code === 'TokenInvalid';
}

/** Everything the bot reads from the environment, by owner. */
export interface BotSettings extends BotConfig {
  /** The core's settings (stories, index, model, logging). */
  config: Config;
}

/** The app's and the bot's settings, as the bot's context takes them. */
export interface BotConfig {
  app: AppConfig;
  discord: DiscordConfig;
}

/**
 * The settings from `env`, or undefined after writing `error: …` to
 * `stderr` when a value is bad or one of the `required` Discord keys is
 * missing (the caller exits 2). Shared by the bot, the sharded launcher
 * ({@link BOT_KEYS}) and `deploy-commands` ({@link DEPLOY_KEYS}).
 */
export function botSettings(env: NodeJS.ProcessEnv, stderr: (text: string) => void, required: readonly RequiredDiscordKey[]): BotSettings | undefined {
  let settings: BotSettings;
  try {
    settings = { config: parseConfig(env), app: parseAppConfig(env), discord: parseDiscordConfig(env) };
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    stderr(`error: ${redact(error.message, envSecrets(env))}\n`);
    return undefined;
  }
  const missing = missingDiscordSetting(settings.discord, required);
  if (missing) {
    stderr(`error: ${missing}\n`);
    return undefined;
  }
  return settings;
}

import { parseConfig, type Config } from '../config.js';
import { isUserFacing } from '../errors.js';
import { envSecrets, redact } from '../app/error-details.js';

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

/** The message for the first of the `required` Discord settings missing from `config`, if any. */
export function missingDiscordSetting(config: Config, required: readonly RequiredDiscordKey[]): string | undefined {
  const value = { DISCORD_TOKEN: config.discord.token, DISCORD_CLIENT_ID: config.discord.clientId };
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

/**
 * The settings from `env`, or undefined after writing `error: …` to
 * `stderr` when a value is bad or one of the `required` Discord keys is
 * missing (the caller exits 2). Shared by the bot, the sharded launcher
 * ({@link BOT_KEYS}) and `deploy-commands` ({@link DEPLOY_KEYS}).
 */
export function botConfig(env: NodeJS.ProcessEnv, stderr: (text: string) => void, required: readonly RequiredDiscordKey[]): Config | undefined {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    stderr(`error: ${redact(error.message, envSecrets(env))}\n`);
    return undefined;
  }
  const missing = missingDiscordSetting(config, required);
  if (missing) {
    stderr(`error: ${missing}\n`);
    return undefined;
  }
  return config;
}

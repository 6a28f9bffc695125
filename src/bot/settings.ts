import { parseConfig, type Config } from '../config.js';
import { isUserFacing } from '../errors.js';
import { envSecrets, redact } from './error-details.js';

/** The settings the bot and `deploy-commands` cannot run without. */
export type RequiredDiscordKey = 'DISCORD_TOKEN' | 'DISCORD_CLIENT_ID';

/** A message naming the missing `key`, where to set it, and how to use Dateline without Discord. */
export function missingSettingMessage(key: RequiredDiscordKey): string {
  return (
    `${key} is not set. Set it in the environment or in .env (copy .env.example, which explains every key).\n` +
    'To ask questions locally without Discord, run: npx dateline ask "Where did Kerry and Lavrov meet?"'
  );
}

/** The message for the first required Discord setting missing from `config`, if any. */
export function missingDiscordSetting(config: Config): string | undefined {
  if (!config.discord.token) return missingSettingMessage('DISCORD_TOKEN');
  if (!config.discord.clientId) return missingSettingMessage('DISCORD_CLIENT_ID');
  return undefined;
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
 * The bot's settings from `env`, or undefined after writing `error: …` to
 * `stderr` when a value is bad or a required Discord key is missing (the
 * caller exits 2). Shared by the bot and the sharded launcher.
 */
export function botConfig(env: NodeJS.ProcessEnv, stderr: (text: string) => void): Config | undefined {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    stderr(`error: ${redact(error.message, envSecrets(env))}\n`);
    return undefined;
  }
  const missing = missingDiscordSetting(config);
  if (missing) {
    stderr(`error: ${missing}\n`);
    return undefined;
  }
  return config;
}

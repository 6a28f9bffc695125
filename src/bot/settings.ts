import type { Config } from '../config.js';

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

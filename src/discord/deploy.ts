import { REST, Routes } from 'discord.js';
import { isUserFacing } from '../errors.js';
import type { BotCommand } from '../app/command.js';
import { redactedMessage } from '../app/error-details.js';
import { loadCommands } from '../app/load-commands.js';
import { botSettings, DEPLOY_KEYS, isTokenRejected, TOKEN_REJECTED } from './config.js';
import { redact, envSecrets } from '../app/secrets.js';

/** Where to register the commands. */
export interface DeployTarget {
  token: string;
  /** Application (client) id. */
  clientId: string;
  /** Register in this server only (instant); unset, globally. */
  guildId?: string;
  /** REST base URL, e.g. `https://discord.com/api`. */
  apiUrl: string;
}

/** What {@link deployCommands} registered. */
export interface DeployReport {
  scope: 'guild' | 'global';
  names: string[];
  /** How people find each command: `/ask`, or `Ask Dateline (message menu)`. */
  labels: string[];
}

/** Discord's application command types: chat input (slash), user menu, message menu. */
const MENU = { 2: 'user menu', 3: 'message menu' } as const;

/** Replaces the application's commands (in one server, or globally) with `commands`. */
export async function deployCommands(target: DeployTarget, commands: ReadonlyMap<string, BotCommand>): Promise<DeployReport> {
  const rest = new REST({ api: target.apiUrl }).setToken(target.token);
  const body = [...commands.values()].map((c) => c.data.toJSON());
  const route = target.guildId ? Routes.applicationGuildCommands(target.clientId, target.guildId) : Routes.applicationCommands(target.clientId);
  const registered = (await rest.put(route, { body })) as { name: string; type?: number }[];
  const label = (c: { name: string; type?: number }) => (c.type === 2 || c.type === 3 ? `${c.name} (${MENU[c.type]})` : `/${c.name}`);
  return { scope: target.guildId ? 'guild' : 'global', names: registered.map((c) => c.name), labels: registered.map(label) };
}

/** Where {@link runDeployCommands} writes. */
export interface DeployOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * `npm run deploy-commands`: registers the bot's commands from `env`
 * settings (in `DISCORD_GUILD_ID` when set, else globally) and returns the
 * exit code: 0 done, 2 bad setup or a token Discord rejected (the message
 * says what to fix), 1 anything else. Nothing it prints holds the token, even
 * when Discord's (or a proxy's) error repeats the request.
 */
export async function runDeployCommands(env: NodeJS.ProcessEnv, out: DeployOutput): Promise<number> {
  const secrets = envSecrets(env);
  const settings = botSettings(env, (text) => out.stderr(redact(text, secrets)), DEPLOY_KEYS);
  if (!settings) return 2;
  const { token, clientId, guildId, apiUrl } = settings.discord;
  secrets.push(token!);
  try {
    const report = await deployCommands({ token: token!, clientId: clientId!, apiUrl, ...(guildId ? { guildId } : {}) }, await loadCommands());
    const where = report.scope === 'guild' ? `in server ${guildId}` : 'globally (they can take up to an hour to appear)';
    out.stdout(`Registered ${report.names.length} commands ${where}: ${report.labels.join(', ')}\n`);
    return 0;
  } catch (error) {
    if (isTokenRejected(error)) {
      out.stderr(`error: ${TOKEN_REJECTED}\n`);
      return 2;
    }
    out.stderr(`error: ${redactedMessage(error, secrets)}\n`);
    return isUserFacing(error) ? 2 : 1;
  }
}

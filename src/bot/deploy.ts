import { REST, Routes } from 'discord.js';
import type { BotCommand } from './command.js';

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

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
}

/** Replaces the application's commands (in one server, or globally) with `commands`. */
export async function deployCommands(target: DeployTarget, commands: ReadonlyMap<string, BotCommand>): Promise<DeployReport> {
  const rest = new REST({ api: target.apiUrl }).setToken(target.token);
  const body = [...commands.values()].map((c) => c.data.toJSON());
  const route = target.guildId ? Routes.applicationGuildCommands(target.clientId, target.guildId) : Routes.applicationCommands(target.clientId);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  return { scope: target.guildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
}

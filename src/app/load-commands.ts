import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBotCommand, type BotCommand } from './command.js';

/** The top-level `commands/` folder, next to this file's `src/` (in the source tree or in `dist/`). */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

const MODULE = /\.(?:js|mjs|ts|mts)$/;

/**
 * Loads every command module in `dir` (one command per file), keyed by
 * command name. The bot and `deploy-commands` both use this, so what is
 * registered is what is served. Throws naming the file that is not a command
 * or that repeats a name.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, BotCommand>> {
  const files = (await fs.readdir(dir)).filter((f) => MODULE.test(f) && !/\.d\.[mc]?ts$/.test(f)).sort();
  const commands = new Map<string, BotCommand>();
  for (const file of files) {
    const module: unknown = await import(pathToFileURL(path.join(dir, file)).href);
    if (!isBotCommand(module)) throw new Error(`${path.join(dir, file)} must export \`data\` (a SlashCommandBuilder or ContextMenuCommandBuilder) and \`execute\`.`);
    const { name } = module.data;
    if (commands.has(name)) throw new Error(`Two files in ${dir} define the command /${name}.`);
    commands.set(name, { data: module.data, execute: module.execute, ...(module.autocomplete ? { autocomplete: module.autocomplete } : {}) });
  }
  if (commands.size === 0) throw new Error(`No commands found in ${dir}.`);
  return commands;
}

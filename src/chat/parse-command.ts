import { ApplicationCommandOptionType, ApplicationCommandType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { BotCommand } from '../app/command.js';

/** A command line typed into `dateline chat`, as the command's name and option values. */
export type ParsedLine = { name: string; values: Record<string, string | number | boolean> } | { error: string };

function optionsOf(command: BotCommand): APIApplicationCommandOption[] {
  const json = command.data.toJSON();
  return 'options' in json && json.options ? json.options : [];
}

/** The slash commands (not the context-menu ones) a chat user can type. */
export function slashCommands(commands: ReadonlyMap<string, BotCommand>): BotCommand[] {
  return [...commands.values()].filter((c) => (c.data.toJSON().type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput);
}

function convert(option: APIApplicationCommandOption, raw: string): string | number | boolean | { error: string } {
  const text = raw.trim();
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
      return /^-?\d+$/.test(text) ? Number(text) : { error: `${option.name} must be a whole number; got "${text}".` };
    case ApplicationCommandOptionType.Number:
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : { error: `${option.name} must be a number; got "${text}".` };
    case ApplicationCommandOptionType.Boolean:
      if (/^(true|yes|on)$/i.test(text)) return true;
      if (/^(false|no|off)$/i.test(text)) return false;
      return { error: `${option.name} must be true or false; got "${text}".` };
    default:
      return text;
  }
}

/**
 * Reads `/name text name:value …` the way Discord's command box fills
 * options: `name:value` pairs for the command's options, and any text before
 * the first pair for its first required option (or its first option), so
 * `/ask Where did they meet? story:paris` and `/caption 3` both work. Text
 * without a leading slash is a question for `/ask`.
 */
export function parseCommandLine(line: string, commands: ReadonlyMap<string, BotCommand>): ParsedLine {
  const text = line.trim();
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(text) ?? ['', 'ask', text];
  const name = m[1]!.toLowerCase();
  const command = slashCommands(commands).find((c) => c.data.name === name);
  if (!command) return { error: `There is no /${name}. Commands: ${slashCommands(commands).map((c) => `/${c.data.name}`).join(', ')}; help, quit.` };
  const options = optionsOf(command);
  const rest = m[2]!;
  const names = options.map((o) => o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const marker = names ? new RegExp(`(?:^|\\s)(${names}):`, 'gi') : undefined;
  const marks = marker ? [...rest.matchAll(marker)] : [];
  const raw: Record<string, string> = {};
  const leading = rest.slice(0, marks[0]?.index ?? rest.length).trim();
  marks.forEach((mark, i) => {
    const start = mark.index + mark[0].length;
    raw[mark[1]!.toLowerCase()] = rest.slice(start, marks[i + 1]?.index ?? rest.length).trim();
  });
  if (leading) {
    const first = options.find((o) => 'required' in o && o.required) ?? options[0];
    if (!first) return { error: `/${name} takes no options; type just /${name}.` };
    if (raw[first.name] !== undefined) return { error: `${first.name} is given twice: once before ${first.name}: and once after it.` };
    raw[first.name] = leading;
  }
  const values: Record<string, string | number | boolean> = {};
  for (const option of options) {
    const given = raw[option.name];
    if (given === undefined || given === '') {
      if ('required' in option && option.required) return { error: `/${name} needs ${option.name} (${option.description}).` };
      continue;
    }
    const value = convert(option, given);
    if (typeof value === 'object') return value;
    values[option.name] = value;
  }
  return { name, values };
}

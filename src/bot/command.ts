import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from './context.js';

/** How a command ended, for the interaction's log line (e.g. `answered`, `declined`). */
export interface CommandOutcome {
  result: string;
}

/** A slash command: one file in `commands/` exporting `data` and `execute`. */
export interface BotCommand {
  /** The command's definition, usually a `SlashCommandBuilder`. */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Answers one use of the command; throw a `BotError`/`UserFacingError` to refuse. */
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<CommandOutcome | void>;
}

/** True when a module's exports make a {@link BotCommand}. */
export function isBotCommand(value: unknown): value is BotCommand {
  const v = value as Partial<BotCommand> | undefined;
  return typeof v?.execute === 'function' && typeof v.data?.name === 'string' && typeof v.data.toJSON === 'function';
}

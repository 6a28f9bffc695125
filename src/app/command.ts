import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { AppContext } from './app-context.js';
import type { Conversation } from './conversation.js';

/** How a command ended, for the interaction's log line (e.g. `answered`, `declined`). */
export interface CommandOutcome {
  result: string;
}

/** One suggestion for an option being typed (Discord shows at most 25). */
export interface Choice {
  name: string;
  value: string;
}

/**
 * A command: one file in `commands/` exporting `data` and `execute` (and
 * `autocomplete` when an option suggests values). `execute` talks through a
 * {@link Conversation}, so the same command serves Discord and `dateline chat`.
 */
export interface BotCommand {
  /** The command's definition: a `SlashCommandBuilder`, or a `ContextMenuCommandBuilder`. */
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  /** Answers one use of the command; throw a `BotError`/`UserFacingError` to refuse. */
  execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome | void>;
  /** Suggestions for the option being typed; must be quick (Discord waits 3 s). */
  autocomplete?(focused: { name: string; value: string }, ctx: AppContext): Choice[] | Promise<Choice[]>;
}

/** True when a module's exports make a {@link BotCommand}. */
export function isBotCommand(value: unknown): value is BotCommand {
  const v = value as Partial<BotCommand> | undefined;
  return (
    typeof v?.execute === 'function' &&
    typeof v.data?.name === 'string' &&
    typeof v.data.toJSON === 'function' &&
    (v.autocomplete === undefined || typeof v.autocomplete === 'function')
  );
}

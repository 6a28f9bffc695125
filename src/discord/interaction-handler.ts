import { DiscordAPIError, RESTJSONErrorCodes, type AutocompleteInteraction, type Interaction, type RepliableInteraction } from 'discord.js';
import { parseControlId } from '../app/answer-controls.js';
import type { BotCommand, CommandOutcome } from '../app/command.js';
import { handleAnswerControl } from './answer-control-handler.js';
import type { BotContext } from '../app/app-context.js';
import { interactionConversation } from './discord-conversation.js';
import { errorDetails, redact } from '../app/error-details.js';
import { BotError, BotErrorId, isFriendly } from '../app/errors.js';
import { sendError } from './respond.js';

/** The crash that `error` hides, if any: itself, or the cause of a friendly error wrapping one. */
function crashIn(error: unknown): unknown {
  if (!isFriendly(error)) return error;
  return error.cause !== undefined && !isFriendly(error.cause) ? error.cause : undefined;
}

/** True when Discord no longer knows the interaction: its 3-second window passed before the first response landed. */
function isExpired(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
}

/** Longest option text written to the log; a hostile client can send far longer. */
const LOGGED_OPTION_CHARS = 400;

/** Option values as logged: secrets a user pasted redacted, long text cut. */
function loggable(values: Record<string, unknown>, secrets: readonly (string | undefined)[]): Record<string, unknown> {
  const bounded = (value: unknown) => {
    if (typeof value !== 'string') return value;
    const text = redact(value, secrets);
    return text.length > LOGGED_OPTION_CHARS ? `${text.slice(0, LOGGED_OPTION_CHARS)}… (${text.length} characters)` : text;
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, bounded(v)]));
}

type Values = Record<string, string | number | boolean | undefined>;

/** One request to the bot from any source, as {@link runRequest} handles it. */
export interface BotRequest {
  /** Command name for the log and the apology. */
  name: string;
  values: Values;
  /** Log fields identifying the request (user, guild, interaction or message id). */
  fields: Record<string, unknown>;
  /** Secrets that must not reach the log (bot token, interaction token). */
  secrets: readonly (string | undefined)[];
  run(): Promise<CommandOutcome | void>;
  /** Tells the user why it failed. */
  fail(message: string): Promise<void>;
}

/** What an interaction asks for (a name for the log, its option values, how to answer it), with the interaction to reply to. */
type Request = Pick<BotRequest, 'name' | 'values' | 'run'> & { interaction: RepliableInteraction };

/**
 * Runs a request in the one place errors become replies: a friendly error
 * (`UserFacingError`, `BotError`) is shown as it is; any other error is
 * logged with the command name and an apology is shown; an interaction that
 * expired before its first response is logged once. Writes one log line per
 * request with latency, result and the (redacted, bounded) options.
 */
export async function runRequest(request: BotRequest, ctx: Pick<BotContext, 'logger'>, logMessage = 'interaction'): Promise<void> {
  const started = performance.now();
  const { name: command, fields, secrets } = request;
  let outcome: CommandOutcome & { errorId?: string } = { result: 'ok' };
  try {
    outcome = (await request.run()) ?? outcome;
  } catch (error) {
    if (isExpired(error)) {
      outcome = { result: 'error', errorId: 'expired' };
      ctx.logger.error({ ...fields, command, reason: "expired: Discord's 3-second window had passed", error: errorDetails(error, secrets) }, `/${command} failed`);
      return;
    }
    const crash = crashIn(error);
    outcome = { result: isFriendly(error) ? 'refused' : 'error', ...(isFriendly(error) ? { errorId: error.id } : {}) };
    if (crash !== undefined) ctx.logger.error({ ...fields, command, error: errorDetails(crash, secrets) }, `/${command} failed`);
    const message = isFriendly(error) ? error.message : `Sorry, something went wrong with /${command}. It has been logged; please try again in a moment.`;
    await request.fail(message).catch((sendFailure: unknown) =>
      ctx.logger.warn({ ...fields, command, error: errorDetails(sendFailure, secrets) }, `Could not tell the user that /${command} failed`),
    );
  } finally {
    const latencyMs = Math.round(performance.now() - started);
    ctx.logger.info({ ...fields, command, latencyMs, ...outcome, options: loggable(request.values, secrets) }, logMessage);
  }
}

function commandRequest(interaction: RepliableInteraction, name: string, values: Values, via: 'slash' | 'context-menu', commands: ReadonlyMap<string, BotCommand>, ctx: BotContext): Request {
  const run = async () => {
    const handler = commands.get(name);
    if (!handler) throw new BotError(BotErrorId.UnknownCommand, `This bot has no /${name} command any more; it may take a moment for Discord to catch up.`);
    return handler.execute(interactionConversation(interaction, { via, values, deferAfterMs: ctx.deferAfterMs }), ctx);
  };
  return { interaction, name, values, run };
}

/** The request an interaction makes, or undefined for interactions this bot does not handle (another app's buttons). */
function requestOf(interaction: Interaction, commands: ReadonlyMap<string, BotCommand>, ctx: BotContext): Request | undefined {
  if (interaction.isChatInputCommand()) {
    const values = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value]));
    return commandRequest(interaction, interaction.commandName, values, 'slash', commands, ctx);
  }
  if (interaction.isMessageContextMenuCommand()) {
    return commandRequest(interaction, interaction.commandName, { message: interaction.targetMessage.content }, 'context-menu', commands, ctx);
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    const control = parseControlId(interaction.customId);
    if (!control) return undefined;
    const values = interaction.isStringSelectMenu() ? { value: interaction.values[0] } : {};
    return { interaction, name: `button:${control.action}`, values, run: () => handleAnswerControl(interaction, control, ctx) };
  }
  return undefined;
}

/** Answers an autocomplete request from the command's suggestions; on any failure, with none (the user can still type). */
async function suggest(interaction: AutocompleteInteraction, commands: ReadonlyMap<string, BotCommand>, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const handler = commands.get(interaction.commandName);
  let choices: { name: string; value: string }[] = [];
  try {
    choices = ((await handler?.autocomplete?.({ name: focused.name, value: String(focused.value) }, ctx)) ?? []).slice(0, 25);
  } catch (error) {
    ctx.logger.error({ command: interaction.commandName, error: errorDetails(error, [ctx.config.discord.token, interaction.token]) }, 'Autocomplete failed');
  }
  await interaction.respond(choices).catch((error: unknown) => ctx.logger.warn({ command: interaction.commandName, error: errorDetails(error, [ctx.config.discord.token, interaction.token]) }, 'Could not send suggestions'));
}

/**
 * The bot's one interaction handler: runs slash commands, the "Ask
 * Dateline" message command and the buttons under answers through
 * {@link runRequest} (errors shown ephemerally), and answers autocomplete.
 * Interactions it does not own (another app's buttons) are ignored.
 */
export function createInteractionHandler(commands: ReadonlyMap<string, BotCommand>, ctx: BotContext) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return suggest(interaction, commands, ctx);
    const request = requestOf(interaction, commands, ctx);
    if (!request) return;
    await runRequest(
      {
        name: request.name,
        values: request.values,
        fields: { user: interaction.user.id, guild: interaction.guildId, interaction: interaction.id },
        secrets: [ctx.config.discord.token, request.interaction.token],
        run: request.run,
        fail: (message) => sendError(request.interaction, message),
      },
      ctx,
    );
  };
}

import { DiscordAPIError, RESTJSONErrorCodes, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { BotCommand, CommandOutcome } from './command.js';
import type { BotContext } from './context.js';
import { errorDetails, redact } from './error-details.js';
import { BotError, BotErrorId, isFriendly } from './errors.js';
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

/** The options as logged: secrets a user pasted redacted, long text cut. */
function optionValues(interaction: ChatInputCommandInteraction, secrets: readonly (string | undefined)[]): Record<string, unknown> {
  const bounded = (value: unknown) => {
    if (typeof value !== 'string') return value;
    const text = redact(value, secrets);
    return text.length > LOGGED_OPTION_CHARS ? `${text.slice(0, LOGGED_OPTION_CHARS)}… (${text.length} characters)` : text;
  };
  return Object.fromEntries(interaction.options.data.map((o) => [o.name, bounded(o.value)]));
}

/**
 * The bot's one interaction handler: runs the slash command, turns a
 * friendly error (`UserFacingError`, `BotError`) into an ephemeral message,
 * logs any other error with the command name and shows a generic apology,
 * logs an interaction that expired before its first response once (nothing
 * can be sent to it any more), and writes one log line per interaction
 * (command, user, guild, latency, result, options such as the question)
 * without tokens or message contents.
 */
export function createInteractionHandler(commands: ReadonlyMap<string, BotCommand>, ctx: BotContext) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand()) return;
    const started = performance.now();
    const command = interaction.commandName;
    const fields = { command, user: interaction.user.id, guild: interaction.guildId, interaction: interaction.id };
    const secrets = [ctx.config.discord.token, interaction.token];
    let outcome: CommandOutcome & { errorId?: string } = { result: 'ok' };
    try {
      const handler = commands.get(command);
      if (!handler) throw new BotError(BotErrorId.UnknownCommand, `This bot has no /${command} command any more; it may take a moment for Discord to catch up.`);
      outcome = (await handler.execute(interaction, ctx)) ?? outcome;
    } catch (error) {
      if (isExpired(error)) {
        outcome = { result: 'error', errorId: 'expired' };
        ctx.logger.error({ ...fields, reason: "expired: Discord's 3-second window had passed", error: errorDetails(error, secrets) }, `/${command} failed`);
        return;
      }
      const crash = crashIn(error);
      outcome = { result: isFriendly(error) ? 'refused' : 'error', ...(isFriendly(error) ? { errorId: error.id } : {}) };
      if (crash !== undefined) ctx.logger.error({ ...fields, error: errorDetails(crash, secrets) }, `/${command} failed`);
      const message = isFriendly(error) ? error.message : `Sorry, something went wrong with /${command}. It has been logged; please try again in a moment.`;
      await sendError(interaction, message).catch((sendFailure: unknown) =>
        ctx.logger.warn({ ...fields, error: errorDetails(sendFailure, secrets) }, `Could not tell the user that /${command} failed`),
      );
    } finally {
      const latencyMs = Math.round(performance.now() - started);
      ctx.logger.info({ ...fields, latencyMs, ...outcome, options: optionValues(interaction, secrets) }, 'interaction');
    }
  };
}

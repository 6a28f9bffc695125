import type { ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { BotCommand, CommandOutcome } from './command.js';
import type { BotContext } from './context.js';
import { errorDetails } from './error-details.js';
import { BotError, BotErrorId, isFriendly } from './errors.js';
import { sendError } from './respond.js';

/** The crash that `error` hides, if any: itself, or the cause of a friendly error wrapping one. */
function crashIn(error: unknown): unknown {
  if (!isFriendly(error)) return error;
  return error.cause !== undefined && !isFriendly(error.cause) ? error.cause : undefined;
}

function optionValues(interaction: ChatInputCommandInteraction): Record<string, unknown> {
  return Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value]));
}

/**
 * The bot's one interaction handler: runs the slash command, turns a
 * friendly error (`UserFacingError`, `BotError`) into an ephemeral message,
 * logs any other error with the command name and shows a generic apology,
 * and writes one log line per interaction (command, user, guild, latency,
 * result, options such as the question) without tokens or message contents.
 */
export function createInteractionHandler(commands: ReadonlyMap<string, BotCommand>, ctx: BotContext) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand()) return;
    const started = performance.now();
    const command = interaction.commandName;
    const fields = { command, user: interaction.user.id, guild: interaction.guildId, interaction: interaction.id };
    let outcome: CommandOutcome & { errorId?: string } = { result: 'ok' };
    try {
      const handler = commands.get(command);
      if (!handler) throw new BotError(BotErrorId.UnknownCommand, `This bot has no /${command} command any more; it may take a moment for Discord to catch up.`);
      outcome = (await handler.execute(interaction, ctx)) ?? outcome;
    } catch (error) {
      const secrets = [ctx.config.discord.token, interaction.token];
      const crash = crashIn(error);
      outcome = { result: isFriendly(error) ? 'refused' : 'error', ...(isFriendly(error) ? { errorId: error.id } : {}) };
      if (crash !== undefined) ctx.logger.error({ ...fields, error: errorDetails(crash, secrets) }, `/${command} failed`);
      const message = isFriendly(error) ? error.message : `Sorry, something went wrong with /${command}. It has been logged; please try again in a moment.`;
      await sendError(interaction, message).catch((sendFailure: unknown) =>
        ctx.logger.warn({ ...fields, error: errorDetails(sendFailure, secrets) }, `Could not tell the user that /${command} failed`),
      );
    } finally {
      const latencyMs = Math.round(performance.now() - started);
      ctx.logger.info({ ...fields, latencyMs, ...outcome, options: optionValues(interaction) }, 'interaction');
    }
  };
}

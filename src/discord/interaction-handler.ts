import { DiscordAPIError, RESTJSONErrorCodes, type AutocompleteInteraction, type Interaction, type RepliableInteraction } from 'discord.js';
import type { BotCommand } from '../app/command.js';
import { handleAnswerControl } from './answer-control-handler.js';
import type { DiscordContext } from './discord-context.js';
import { interactionConversation } from './discord-conversation.js';
import { errorDetails } from '../app/error-details.js';
import { BotError, BotErrorId } from '../app/errors.js';
import { runRequest, type BotRequest, type RequestValues } from '../app/run-request.js';
import { sendError } from './respond.js';
import { parseControlId } from '../app/answer-control-ids.js';
import { parseCaptionPageId } from '../app/caption-page-ids.js';
import { failCaptionPage, handleCaptionPage } from './caption-page-handler.js';

/** True when Discord no longer knows the interaction: its 3-second window passed before the first response landed. */
function expiredReason(error: unknown): string | undefined {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction ? "Discord's 3-second window had passed" : undefined;
}

/**
 * What an interaction asks for (a name for the log, its option values, how
 * to answer it), with the interaction to reply to and, when a refusal must
 * not go the usual way ({@link sendError}), how to tell the user.
 */
type Request = Pick<BotRequest, 'name' | 'values' | 'run'> & { interaction: RepliableInteraction; fail?: BotRequest['fail'] };

function commandRequest(interaction: RepliableInteraction, name: string, values: RequestValues, via: 'slash' | 'context-menu', commands: ReadonlyMap<string, BotCommand>, ctx: DiscordContext): Request {
  const run = async () => {
    const handler = commands.get(name);
    if (!handler) throw new BotError(BotErrorId.UnknownCommand, `This bot has no /${name} command any more; it may take a moment for Discord to catch up.`);
    return handler.execute(interactionConversation(interaction, { via, values, deferAfterMs: ctx.deferAfterMs, moderatorRoleIds: ctx.discord.moderatorRoleIds }), ctx);
  };
  return { interaction, name, values, run };
}

/** The request an interaction makes, or undefined for interactions this bot does not handle (another app's buttons). */
function requestOf(interaction: Interaction, commands: ReadonlyMap<string, BotCommand>, ctx: DiscordContext): Request | undefined {
  if (interaction.isChatInputCommand()) {
    const values = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value]));
    return commandRequest(interaction, interaction.commandName, values, 'slash', commands, ctx);
  }
  if (interaction.isMessageContextMenuCommand()) {
    return commandRequest(interaction, interaction.commandName, { message: interaction.targetMessage.content }, 'context-menu', commands, ctx);
  }
  const page = interaction.isButton() ? parseCaptionPageId(interaction.customId) : undefined;
  if (interaction.isButton() && page) {
    const values = { page: page.page, ...(page.story ? { story: 'id' in page.story ? page.story.id : `#${page.story.hash}` } : {}) };
    return { interaction, name: 'button:captions', values, run: () => handleCaptionPage(interaction, page, ctx), fail: (message) => failCaptionPage(interaction, message) };
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
async function suggest(interaction: AutocompleteInteraction, commands: ReadonlyMap<string, BotCommand>, ctx: DiscordContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const handler = commands.get(interaction.commandName);
  let choices: { name: string; value: string }[] = [];
  try {
    choices = ((await handler?.autocomplete?.({ name: focused.name, value: String(focused.value) }, ctx)) ?? []).slice(0, 25);
  } catch (error) {
    ctx.logger.error({ command: interaction.commandName, error: errorDetails(error, [ctx.discord.token, interaction.token]) }, 'Autocomplete failed');
  }
  await interaction.respond(choices).catch((error: unknown) => ctx.logger.warn({ command: interaction.commandName, error: errorDetails(error, [ctx.discord.token, interaction.token]) }, 'Could not send suggestions'));
}

/**
 * The bot's one interaction handler: runs slash commands, the "Ask
 * Dateline" message command, the buttons under answers and the ◀ ▶ under
 * `/captions` through
 * {@link runRequest} (errors shown ephemerally), and answers autocomplete.
 * Interactions it does not own (another app's buttons) are ignored.
 */
export function createInteractionHandler(commands: ReadonlyMap<string, BotCommand>, ctx: DiscordContext) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return suggest(interaction, commands, ctx);
    const request = requestOf(interaction, commands, ctx);
    if (!request) return;
    await runRequest(
      {
        name: request.name,
        values: request.values,
        fields: { user: interaction.user.id, guild: interaction.guildId, interaction: interaction.id },
        secrets: [ctx.discord.token, request.interaction.token],
        run: request.run,
        fail: request.fail ?? ((message) => sendError(request.interaction, message)),
        expired: expiredReason,
      },
      ctx,
    );
  };
}

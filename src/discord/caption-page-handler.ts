import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { CaptionPageTarget } from '../app/caption-page-ids.js';
import { clickedCaptionPage } from '../app/caption-pages.js';
import type { CommandOutcome } from '../app/command.js';
import { redact } from '../app/secrets.js';
import type { DiscordContext } from './discord-context.js';
import { toActionRows } from './discord-conversation.js';
import { NO_PINGS } from './respond.js';

/**
 * Answers a click on ◀ or ▶ under `/captions` by updating that message in
 * place (callback 7) with the page the button names and the buttons around
 * it. Only before the index's first load, when that can outlast Discord's
 * 3 seconds, is the click acknowledged first (callback 6) and the message
 * edited after.
 */
export async function handleCaptionPage(interaction: ButtonInteraction, target: CaptionPageTarget, ctx: DiscordContext): Promise<CommandOutcome> {
  if (ctx.index.current() === undefined) await interaction.deferUpdate();
  const reply = clickedCaptionPage(await ctx.index.open(), target);
  const message = {
    content: redact(reply.pages[0]!, [interaction.client.token]),
    components: toActionRows(reply.controls),
    allowedMentions: NO_PINGS,
  };
  if (interaction.deferred) await interaction.editReply(message);
  else await interaction.update(message);
  return { result: 'page' };
}

/**
 * Says privately why a click failed without touching the captions message:
 * after a deferred update the "original" is that public message, which
 * must neither be deleted nor overwritten with the refusal.
 */
export async function failCaptionPage(interaction: ButtonInteraction, message: string): Promise<void> {
  const privately = { content: redact(message, [interaction.client.token]), allowedMentions: NO_PINGS, flags: MessageFlags.Ephemeral } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(privately);
  else await interaction.reply(privately);
}

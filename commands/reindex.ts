import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandOutcome } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { BotError, BotErrorId, isFriendly } from '../src/bot/errors.js';
import { formatReindex } from '../src/bot/format.js';
import { isModerator } from '../src/bot/permissions.js';
import { defer, sendPages } from '../src/bot/respond.js';

/** `/reindex`: hidden from members without Manage Server by default; checked again at run time. */
export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Rebuild the index from the seeds folder (moderators only).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/** Rebuilds the index while the old one keeps answering, then reports what changed. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<CommandOutcome> {
  if (!interaction.inGuild()) throw new BotError(BotErrorId.GuildOnly, '/reindex works in a server only, not in direct messages.');
  if (!isModerator(interaction, ctx.config.discord.moderatorRoleIds)) {
    throw new BotError(BotErrorId.NotModerator, 'Only moderators (Manage Server permission or a moderator role) can rebuild the index. Nothing was changed.');
  }
  const visibility = { ephemeral: true };
  await defer(interaction, visibility);
  const report = await ctx.index.reindex().catch((error: unknown) => {
    if (isFriendly(error)) throw error;
    throw new BotError(BotErrorId.ReindexFailed, "The rebuild failed (the details are in the bot's log). The previous index keeps answering questions.", {
      cause: error,
    });
  });
  await sendPages(interaction, formatReindex(report), visibility);
  return { result: 'reindexed' };
}

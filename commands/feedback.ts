import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import type { Conversation } from '../src/app/conversation.js';
import { formatFeedback } from '../src/app/format.js';
import { requireModerator } from '../src/app/preconditions.js';

/** `/feedback`: moderators only (hidden from others by default, checked again at run time). */
export const data = new SlashCommandBuilder()
  .setName('feedback')
  .setDescription("Readers' votes on answers: share helpful and the most downvoted questions (moderators only).")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/** Summarises the votes privately for the moderator. */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  requireModerator(conversation, '/feedback', 'see the feedback');
  await conversation.send({ pages: formatFeedback(ctx.feedback.summary()), ephemeral: true });
  return { result: 'listed' };
}

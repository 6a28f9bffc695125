import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { booleanOption, type Conversation } from '../src/app/conversation.js';
import { BotError, BotErrorId } from '../src/app/errors.js';
import { isUserFacing } from '../src/errors.js';
import { formatReindex } from '../src/app/format.js';
import { requireModerator } from '../src/app/preconditions.js';

/** `/reindex`: hidden from members without Manage Server by default; checked again at run time. */
export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Bring the index up to date with the seeds folder (moderators only).')
  .addBooleanOption((o) => o.setName('full').setDescription('Rebuild everything, not only the stories that changed (default: false)'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/** Updates (or with `full`, rebuilds) the index while the old one keeps answering, then reports what changed. */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  requireModerator(conversation, '/reindex', 'rebuild the index');
  const by = `${conversation.user.name} (${conversation.user.id})`;
  const report = await conversation.inTime(
    () =>
      ctx.index.reindex({ by, full: booleanOption(conversation, 'full') === true }).catch((error: unknown) => {
        if (isUserFacing(error)) throw error;
        throw new BotError(BotErrorId.ReindexFailed, "The rebuild failed (the details are in the bot's log). The previous index keeps answering questions.", {
          cause: error,
        });
      }),
    { ephemeral: true, slow: true },
  );
  const more = (await ctx.afterReindex?.(report)) ?? [];
  await conversation.send({ pages: formatReindex(report, more), ephemeral: true });
  return { result: 'reindexed' };
}

import { SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import type { Conversation } from '../src/app/conversation.js';
import { formatSources } from '../src/app/format.js';
import { listSources } from '../src/queries.js';

/** `/sources`. */
export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the indexed stories, the embedding model, and when and by whom the index was built.');

/** Lists the stories and the index's facts. */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  const sources = await conversation.inTime(async () => listSources(await ctx.index.open()), { ephemeral: false, slow: ctx.index.current() === undefined });
  await conversation.send({ pages: formatSources(sources) });
  return { result: 'listed' };
}

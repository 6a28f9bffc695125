import { SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { booleanOption, type Conversation } from '../src/app/conversation.js';
import { helpPages } from '../src/app/help.js';
import { loadCommands } from '../src/app/load-commands.js';

/** `/help [public:<bool>]`. */
export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What Dateline does, its commands with examples, how to read an answer, and the stories loaded.')
  .addBooleanOption((o) => o.setName('public').setDescription('Show the help to everyone in the channel (default: only you)'));

/**
 * Shows the help, privately unless `public:True`. The commands listed are
 * those in `commands/` (what `deploy-commands` registers), so a new command
 * appears without anyone remembering to add it.
 */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  const ephemeral = !(booleanOption(conversation, 'public') ?? false);
  const pages = await conversation.inTime(async () => helpPages((await loadCommands()).values(), (await ctx.index.open()).stories), {
    ephemeral,
    slow: ctx.index.current() === undefined,
  });
  await conversation.send({ pages, ephemeral });
  return { result: ephemeral ? 'shown' : 'shown-public' };
}

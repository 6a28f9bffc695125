import { SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { captionPageReply } from '../src/app/caption-pages.js';
import { integerOption, stringOption, type Conversation } from '../src/app/conversation.js';
import { storyChoices, storyOption } from '../src/discord/story-option.js';

/** `/captions [page:<n>] [story:<story>]`. */
export const data = new SlashCommandBuilder()
  .setName('captions')
  .setDescription("List the story's photo captions with photographer, place and date.")
  .addIntegerOption((o) => o.setName('page').setDescription('Page to show when the captions need more than one message (default 1)').setMinValue(1))
  .addStringOption(storyOption('Captions of one story only (default: every story)'));

/** Shows one page of the numbered photo captions, with ◀ ▶ buttons to the pages either side; a page past the last is refused. */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  const page = integerOption(conversation, 'page') ?? 1;
  const story = stringOption(conversation, 'story');
  const reply = await conversation.inTime(async () => captionPageReply(await ctx.index.open(), { page, ...(story ? { story } : {}) }, { pastLast: 'refuse' }), {
    ephemeral: false,
    slow: ctx.index.current() === undefined,
  });
  await conversation.send(reply);
  return { result: 'listed' };
}

/** Suggests stories for the `story` option. */
export const autocomplete = storyChoices;

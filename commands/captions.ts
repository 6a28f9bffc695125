import { SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { integerOption, stringOption, type Conversation } from '../src/app/conversation.js';
import { BotError, BotErrorId } from '../src/app/errors.js';
import { captionPages } from '../src/app/format.js';
import { storyChoices, storyOption } from '../src/discord/story-option.js';
import { listCaptions } from '../src/queries.js';

/** `/captions [page:<n>] [story:<story>]`. */
export const data = new SlashCommandBuilder()
  .setName('captions')
  .setDescription("List the story's photo captions with photographer, place and date.")
  .addIntegerOption((o) => o.setName('page').setDescription('Page to show when the captions need more than one message (default 1)').setMinValue(1))
  .addStringOption(storyOption('Captions of one story only (default: every story)'));

/** Shows one page of the numbered photo captions. */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  const page = integerOption(conversation, 'page') ?? 1;
  const story = stringOption(conversation, 'story');
  const pages = await conversation.inTime(async () => captionPages(listCaptions(await ctx.index.open(), story), undefined, story), {
    ephemeral: false,
    slow: ctx.index.current() === undefined,
  });
  const content = pages[page - 1];
  if (content === undefined) {
    const retry = `/captions page:1${story ? ` story:${story}` : ''}`;
    throw new BotError(BotErrorId.NoSuchPage, `There ${pages.length === 1 ? 'is 1 page' : `are ${pages.length} pages`} of captions; try \`${retry}\`.`);
  }
  await conversation.send({ pages: [content] });
  return { result: 'listed' };
}

/** Suggests stories for the `story` option. */
export const autocomplete = storyChoices;

import { SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { integerOption, stringOption, type Conversation } from '../src/app/conversation.js';
import { formatCaption } from '../src/app/format.js';
import { storyChoices, storyOption } from '../src/discord/story-option.js';
import { findCaption } from '../src/queries.js';

/** `/caption number:<n> [story:<story>]`. */
export const data = new SlashCommandBuilder()
  .setName('caption')
  .setDescription('Show one photo caption in full, with photographer, place and date.')
  .addIntegerOption((o) => o.setName('number').setDescription('Caption number, as /captions lists them').setRequired(true).setMinValue(1))
  .addStringOption(storyOption('Story the caption belongs to (default: the first story)'));

/** Shows caption `number` of the chosen (or first) story. */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  const number = integerOption(conversation, 'number') ?? 1;
  const story = stringOption(conversation, 'story');
  const caption = await conversation.inTime(async () => findCaption(await ctx.index.open(), number, story), { ephemeral: false, slow: ctx.index.current() === undefined });
  await conversation.send({ pages: formatCaption(caption) });
  return { result: 'shown' };
}

/** Suggests stories for the `story` option. */
export const autocomplete = storyChoices;

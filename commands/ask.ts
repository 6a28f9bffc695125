import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion, MAX_ASKED_QUESTION_CHARS } from '../src/app/ask-flow.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { requireAnswersHere } from '../src/app/channel-scope.js';
import { booleanOption, stringOption, type Conversation } from '../src/app/conversation.js';
import { storyChoices, storyOption } from '../src/discord/story-option.js';

/** `/ask question:<text> [story:<story>] [private:<bool>]`. */
export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the story: the answer quotes it word for word, with citations.')
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, e.g. Where did Kerry and Lavrov meet?').setRequired(true).setMaxLength(MAX_ASKED_QUESTION_CHARS),
  )
  .addStringOption(storyOption('Search one story only (default: every story)'))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer (default: everyone in the channel)'));

/**
 * Quotes the story's answer to the question, or says honestly that it
 * doesn't say; refused privately in channels where the server's moderators
 * chose Dateline not to answer. Answers in place in thread mode too.
 */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  requireAnswersHere(conversation, ctx);
  const story = stringOption(conversation, 'story');
  return answerQuestion(conversation, ctx, stringOption(conversation, 'question') ?? '', {
    ephemeral: booleanOption(conversation, 'private') ?? false,
    ...(story ? { story } : {}),
  });
}

/** Suggests stories for the `story` option. */
export const autocomplete = storyChoices;

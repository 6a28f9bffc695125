import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { answerQuestion } from '../src/app/ask-flow.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { requireAnswersHere } from '../src/app/channel-scope.js';
import { stringOption, type Conversation } from '../src/app/conversation.js';
import { BotError, BotErrorId } from '../src/app/errors.js';

/** Right-click a message → Apps → "Ask Dateline": the message's text is the question. */
export const data = new ContextMenuCommandBuilder().setName('Ask Dateline').setType(ApplicationCommandType.Message);

/** Answers the selected message's text as a question, in the channel (refused privately where the server's moderators chose Dateline not to answer). */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  requireAnswersHere(conversation, ctx);
  const question = (stringOption(conversation, 'message') ?? '').trim();
  if (!question) {
    throw new BotError(BotErrorId.EmptyQuestion, 'That message has no text to ask about (Dateline reads only the words of a message, not images or embeds).');
  }
  return answerQuestion(conversation, ctx, question, { ephemeral: false });
}

import type { NewAnswer } from '../feedback/feedback-store.js';
import { ask } from '../queries.js';
import { shownExcerpts } from './answer-controls.js';
import type { CommandOutcome } from './command.js';
import type { AppContext } from './app-context.js';
import type { Conversation } from './conversation.js';
import { BotError, BotErrorId } from './errors.js';
import { formatAnswer } from './format.js';
import { answerControls } from './answer-control-ids.js';
import { redact } from './secrets.js';
import { takeAskTurn } from './preconditions.js';

/**
 * Longest question a person may ask in Discord or the terminal chat: what
 * `/ask`'s option allows (300); a longer selected message or mention is
 * refused with this number. The core's `MAX_QUESTION_CHARS` (1000) is the
 * outer bound for any caller (the CLI's `ask` included).
 */
export const MAX_ASKED_QUESTION_CHARS = 300;

/** Options for {@link answerQuestion}. */
export interface AnswerQuestionOptions {
  /** Search this story only (id). */
  story?: string;
  /** Only the asker sees the answer. */
  ephemeral: boolean;
}

/**
 * Answers a question for `/ask`, "Ask Dateline" and mentions alike: checks
 * length and cooldown, answers in time (queued with the others), stores the
 * answer so its buttons work later, and sends the quotes with the buttons.
 */
export async function answerQuestion(conversation: Conversation, ctx: AppContext, rawQuestion: string, options: AnswerQuestionOptions): Promise<CommandOutcome> {
  const question = redact(rawQuestion, ctx.secrets);
  const length = [...question].length;
  if (length > MAX_ASKED_QUESTION_CHARS) {
    throw new BotError(BotErrorId.QuestionTooLong, `Questions can be at most ${MAX_ASKED_QUESTION_CHARS} characters; yours has ${length}. Shorten it and ask again.`);
  }
  takeAskTurn(conversation, ctx);
  // Slow when the queue's wait outlasts the time before the deferral would go out (none, when the interaction arrived
  // old or the event loop lags: then it is deferred at once anyway).
  const slow = ctx.index.current() === undefined || ctx.index.busy || ctx.answers.expectedWaitMs() > conversation.ackDueInMs();
  const askOptions = options.story ? { story: options.story } : {};
  const answer = await conversation.inTime(() => ctx.answers.run(() => ask(ctx, question, askOptions)), { ephemeral: options.ephemeral, slow });
  const shown = shownExcerpts(answer);
  const stored = record(ctx, {
    question: answer.question,
    answered: answer.answered,
    shown,
    story: options.story ?? null,
    indexVersion: answer.generation,
    userId: conversation.user.id,
    guildId: conversation.guildId,
    via: conversation.via,
  });
  const pages = formatAnswer(answer, { urlOf: (story) => shown.find((e) => e.story === story)?.url });
  await conversation.send({ pages, ephemeral: options.ephemeral, ...(stored ? { controls: answerControls(stored) } : {}) });
  return { result: answer.answered ? 'answered' : 'declined' };
}

/** Stores the answer; an answer still goes out (without buttons) when the database fails. */
function record(ctx: AppContext, answer: NewAnswer) {
  try {
    return ctx.feedback.saveAnswer(answer);
  } catch (error) {
    ctx.logger.error({ error: String(error) }, 'Could not store the answer; sending it without buttons');
    return undefined;
  }
}

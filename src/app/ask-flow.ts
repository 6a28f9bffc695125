import type { AnswerRecord, NewAnswer } from '../feedback/feedback-store.js';
import { cleanQuestion } from '../answer/question.js';
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
import { readFollowUp, storyWordsOf } from './follow-up.js';

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
  /** The caller has already counted this question against the asker's cooldown (`takeAskTurn`), e.g. before opening a thread for it. Default false. */
  turnTaken?: boolean;
}

/**
 * Answers a question for `/ask`, "Ask Dateline" and mentions alike: checks
 * length and cooldown, reads it with the previous question when it is a
 * follow-up (see `readFollowUp`; the reply says which question it followed,
 * and a story chosen for that one carries over), answers in time (queued
 * with the others), stores the answer with where it was asked so its
 * buttons work later and the next question can follow it up, and sends the
 * quotes with the buttons.
 */
export async function answerQuestion(conversation: Conversation, ctx: AppContext, rawQuestion: string, options: AnswerQuestionOptions): Promise<CommandOutcome> {
  const question = redact(rawQuestion, ctx.secrets);
  const length = [...question].length;
  if (length > MAX_ASKED_QUESTION_CHARS) {
    throw new BotError(BotErrorId.QuestionTooLong, `Questions can be at most ${MAX_ASKED_QUESTION_CHARS} characters; yours has ${length}. Shorten it and ask again.`);
  }
  if (!options.turnTaken) takeAskTurn(conversation, ctx);
  const previous = previousQuestion(conversation, ctx);
  // Slow when the queue's wait outlasts the time before the deferral would go out (none, when the interaction arrived
  // old or the event loop lags: then it is deferred at once anyway).
  const slow = ctx.index.current() === undefined || ctx.index.busy || ctx.answers.expectedWaitMs() > conversation.ackDueInMs();
  const { answer, reading, story } = await conversation.inTime(
    () =>
      ctx.answers.run(async () => {
        const reading = previous ? readFollowUp(question, contextText(previous), storyWordsOf(await ctx.index.open())) : undefined;
        const story = options.story ?? (reading ? (previous?.story ?? undefined) : undefined);
        return { answer: await ask(ctx, reading?.text ?? question, story ? { story } : {}), reading, story };
      }),
    { ephemeral: options.ephemeral, slow },
  );
  const shown = shownExcerpts(answer);
  const asked = reading ? cleanQuestion(question) : answer.question;
  const stored = record(ctx, {
    question: asked,
    answered: answer.answered,
    shown,
    story: story ?? null,
    indexVersion: answer.generation,
    userId: conversation.user.id,
    guildId: conversation.guildId,
    via: conversation.via,
    channelId: conversation.place.channelId,
    inThread: conversation.place.parentId !== undefined,
    resolved: reading ? reading.text : null,
  });
  const pages = formatAnswer({ ...answer, question: asked }, {
    urlOf: (id) => shown.find((e) => e.story === id)?.url,
    ...(reading && previous ? { followsUp: previous.question } : {}),
  });
  await conversation.send({ pages, ephemeral: options.ephemeral, ...(stored ? { controls: answerControls(stored) } : {}) });
  return { result: answer.answered ? 'answered' : 'declined' };
}

/** Longest earlier reading carried into a follow-up: a chain of follow-ups carries the question as asked beyond it. */
const MAX_CONTEXT_CHARS = 400;

/** What a follow-up of `previous` is read with: how that was read, or as it was asked when it stood alone or its reading grew long. */
function contextText(previous: AnswerRecord): string {
  return previous.resolved && previous.resolved.length <= MAX_CONTEXT_CHARS ? previous.resolved : previous.question;
}

/**
 * The question a new one in this place may follow up (see
 * `FeedbackStore.previousQuestion`); none where the place is unknown, or
 * when the database fails (the question is then answered on its own).
 */
function previousQuestion(conversation: Conversation, ctx: AppContext): AnswerRecord | undefined {
  const { channelId, parentId } = conversation.place;
  if (channelId === null) return undefined;
  try {
    return ctx.feedback.previousQuestion({ channelId, inThread: parentId !== undefined, userId: conversation.user.id, since: ctx.now() - ctx.followUpWindowMs });
  } catch (error) {
    ctx.logger.error({ error: String(error) }, 'Could not read the previous question; answering this one on its own');
    return undefined;
  }
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

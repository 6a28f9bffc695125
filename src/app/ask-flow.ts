import type { Answer } from '../answer/answer.js';
import type { Excerpt } from '../answer/excerpt.js';
import type { AnswerRecord, NewAnswer } from '../feedback/feedback-store.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { ask } from '../queries.js';
import { answerControls } from './answer-controls.js';
import type { CommandOutcome } from './command.js';
import type { BotContext } from './app-context.js';
import type { Conversation } from './conversation.js';
import { redact } from './error-details.js';
import { BotError, BotErrorId } from './errors.js';
import { formatAnswer } from './format.js';
import { deferralPlan } from '../discord/respond.js';

/** Longest question Discord lets a user type into `/ask`; longer ones (a selected message, a mention) are refused. */
export const MAX_QUESTION_LENGTH = 300;

/** Excerpts "More excerpts" shows. */
export const MORE_EXCERPTS = 3;

/** A paragraph or caption an answer quotes, shown whole by "Full paragraph". */
export interface CitedUnit {
  story: string;
  title: string;
  date?: string;
  citation: string;
  text: string;
  credit?: string;
}

/** Options for {@link answerQuestion}. */
export interface AnswerQuestionOptions {
  /** Search this story only (id). */
  story?: string;
  /** Only the asker sees the answer. */
  ephemeral: boolean;
}

/**
 * The paragraphs and captions of `index` that the excerpts quote, each once,
 * in order. An excerpt is looked up by its offsets, or by its text when the
 * story has changed since; `missing` counts excerpts no longer in the story.
 */
export function citedUnits(index: CorpusIndex, excerpts: readonly Excerpt[]): { units: CitedUnit[]; missing: number } {
  const seen = new Set<string>();
  const units: CitedUnit[] = [];
  let missing = 0;
  for (const e of excerpts) {
    const story = index.stories.find((s) => s.id === e.story);
    const unchanged = story?.text.slice(e.start, e.end) === e.text;
    const unit = story?.units.find((u) => (unchanged ? u.start <= e.start && e.end <= u.end : u.text.includes(e.text)));
    if (!story || !unit) missing++;
    if (!story || !unit || seen.has(`${story.id}:${unit.start}`)) continue;
    seen.add(`${story.id}:${unit.start}`);
    units.push({ story: story.id, title: story.title, ...(story.date ? { date: story.date } : {}), citation: unit.citation, text: unit.text, ...(unit.credit ? { credit: unit.credit } : {}) });
  }
  return { units, missing };
}

/**
 * Answers a question for `/ask`, "Ask Dateline" and mentions alike: checks
 * length and cooldown, answers in time (queued with the others), stores the
 * answer so its buttons work later, and sends the quotes with the buttons.
 */
export async function answerQuestion(conversation: Conversation, ctx: BotContext, rawQuestion: string, options: AnswerQuestionOptions): Promise<CommandOutcome> {
  const question = redact(rawQuestion, [ctx.config.discord.token]);
  const length = [...question].length;
  if (length > MAX_QUESTION_LENGTH) {
    throw new BotError(BotErrorId.QuestionTooLong, `Questions can be at most ${MAX_QUESTION_LENGTH} characters; yours has ${length}. Shorten it and ask again.`);
  }
  const turn = ctx.cooldown.take(conversation.user.id);
  if (!turn.ok) {
    const { uses, seconds } = ctx.cooldown.limit!;
    const wait = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
    throw new BotError(BotErrorId.Cooldown, `You can ask ${uses} questions every ${seconds} s. Try again in ${wait} s.`);
  }
  // Slow when the queue's wait outlasts the time before the deferral would go out (none, when the interaction arrived
  // old or the event loop lags: then it is deferred at once anyway).
  const deferInMs = deferralPlan({ createdTimestamp: conversation.createdAt }, ctx.deferAfterMs).inMs;
  const slow = ctx.index.current() === undefined || ctx.index.busy || ctx.answers.expectedWaitMs() > deferInMs;
  const askOptions = options.story ? { story: options.story } : {};
  const answer = await conversation.inTime(() => ctx.answers.run(() => ask(ctx, question, askOptions)), { ephemeral: options.ephemeral, slow });
  const index = await ctx.index.open();
  const stored = record(ctx, {
    question: answer.question,
    answered: answer.answered,
    shown: shownExcerpts(answer),
    story: options.story ?? null,
    indexVersion: ctx.index.generation() ?? index.manifest.builtAt,
    userId: conversation.user.id,
    guildId: conversation.guildId,
    via: conversation.via,
  });
  const pages = formatAnswer(answer, { urlOf: (id) => index.stories.find((s) => s.id === id)?.url });
  await conversation.send({ pages, ephemeral: options.ephemeral, ...(stored ? { controls: answerControls(stored) } : {}) });
  return { result: answer.answered ? 'answered' : 'declined' };
}

/** The passages an answer shows: its excerpts, or the closest passages of a decline. */
function shownExcerpts(answer: Answer): Excerpt[] {
  return answer.answered ? answer.excerpts : (answer.closest ?? []);
}

/**
 * The next best passages after those an answer showed, from the index
 * serving now (asked again, in the answer queue), without repeating any.
 */
export async function nextExcerpts(ctx: BotContext, answer: AnswerRecord): Promise<Excerpt[]> {
  const k = Math.min(10, answer.shown.length + MORE_EXCERPTS);
  const again = await ctx.answers.run(() => ask(ctx, answer.question, { k, ...(answer.story ? { story: answer.story } : {}) }));
  const shown = new Set(answer.shown.map((e) => e.text));
  return shownExcerpts(again)
    .filter((e) => !shown.has(e.text))
    .slice(0, MORE_EXCERPTS);
}

/** Stores the answer; an answer still goes out (without buttons) when the database fails. */
function record(ctx: BotContext, answer: NewAnswer) {
  try {
    return ctx.feedback.saveAnswer(answer);
  } catch (error) {
    ctx.logger.error({ error: String(error) }, 'Could not store the answer; sending it without buttons');
    return undefined;
  }
}

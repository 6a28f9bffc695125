import type { Answer } from '../answer/answer.js';
import type { Excerpt } from '../answer/excerpt.js';
import { isDownvoteReason, type AnswerRecord } from '../feedback/feedback-store.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { ask } from '../queries.js';
import { buttonsExpired, type AnswerAction } from './answer-control-ids.js';
import { expiredReply, fullParagraphReply, moreReply, reasonReply, voteReply, type CitedUnit } from './answer-control-replies.js';
import type { AppContext } from './app-context.js';
import type { CommandOutcome } from './command.js';
import type { Conversation } from './conversation.js';
import { takeAskTurn } from './preconditions.js';

/** Excerpts "More excerpts" shows. */
export const MORE_EXCERPTS = 3;

/** Most passages an answer and its "More excerpts" show in all (the most `ask` returns). */
const MAX_PASSAGES = 10;

/**
 * The paragraphs and captions the excerpts quote, each once, in order, as
 * stored with them; undefined when an excerpt carries no unit (answers
 * stored before excerpts did).
 */
export function quotedUnits(excerpts: readonly Excerpt[]): CitedUnit[] | undefined {
  if (!excerpts.every((e) => e.unit)) return undefined;
  const seen = new Set<string>();
  const units: CitedUnit[] = [];
  for (const e of excerpts) {
    const key = `${e.story}:${e.unit!.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    units.push({ story: e.story, title: e.title, ...(e.date ? { date: e.date } : {}), citation: e.citation, text: e.unit!.text, ...(e.credit ? { credit: e.credit } : {}) });
  }
  return units;
}

/**
 * What "Full paragraph" shows for a stored answer: the units stored with it
 * while the generation it came from still serves. Otherwise (an answer
 * stored without units, or the index rebuilt since, so the story may have
 * changed) they are looked up in the serving index by {@link citedUnits}.
 */
export async function fullParagraphs(ctx: Pick<AppContext, 'index'>, record: Pick<AnswerRecord, 'shown' | 'indexVersion'>): Promise<{ units: CitedUnit[]; missing: number }> {
  const stored = record.indexVersion === ctx.index.generation() ? quotedUnits(record.shown) : undefined;
  return stored ? { units: stored, missing: 0 } : citedUnits(await ctx.index.open(), record.shown);
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

/** The passages an answer shows: its excerpts, or the closest passages of a decline. */
export function shownExcerpts(answer: Answer): Excerpt[] {
  return answer.answered ? answer.excerpts : (answer.closest ?? []);
}

/**
 * The next best passages after those an answer showed, from the index
 * serving now (the question asked again as it was read — a follow-up with
 * what it leaned on —, in the answer queue, with the shown passages
 * excluded by story and span), at most {@link MAX_PASSAGES} in all.
 */
export async function nextExcerpts(ctx: AppContext, answer: AnswerRecord): Promise<Excerpt[]> {
  const k = Math.min(MORE_EXCERPTS, MAX_PASSAGES - answer.shown.length);
  if (k <= 0) return [];
  const again = await ctx.answers.run(() => ask(ctx, answer.resolved ?? answer.question, { k, exclude: answer.shown, ...(answer.story ? { story: answer.story } : {}) }));
  return shownExcerpts(again);
}

/** How a front end changes the message whose control was used. */
export interface ClickedMessage {
  /** The value picked in a select, if the control is one. */
  value?: string;
  /** Removes the message's controls (they expired). */
  clearControls(): Promise<void>;
  /** Replaces the message with `text` and no controls (the reason select, once answered). */
  replaceWith(text: string): Promise<void>;
}

/**
 * Answers a click on a button (or the reason select) under an answer. The
 * answer is looked up in the feedback database, so buttons keep working
 * after a restart; once expired, the message loses its buttons and the user
 * is told why. Every reply is private to the person who clicked. "More
 * excerpts" asks again, so it counts against the clicker's cooldown like
 * `/ask` (and is refused privately, naming when, once it is used up).
 */
export async function runAnswerControl(
  conversation: Conversation,
  control: { action: AnswerAction; answerId: string },
  clicked: ClickedMessage,
  ctx: AppContext,
): Promise<CommandOutcome> {
  const record = ctx.feedback.getAnswer(control.answerId);
  const ttl = ctx.buttonsTtlMs;
  if (!record || buttonsExpired(record, ttl, ctx.now())) {
    await clicked.clearControls();
    await conversation.send(expiredReply(ttl));
    return { result: 'expired' };
  }
  const user = conversation.user.id;
  const privately = { ephemeral: true, slow: ctx.index.current() === undefined || ctx.index.busy };
  switch (control.action) {
    case 'more':
      takeAskTurn(conversation, ctx);
      await conversation.send(moreReply(record, await conversation.inTime(() => nextExcerpts(ctx, record), privately)));
      return { result: 'more' };
    case 'full':
      await conversation.send(fullParagraphReply(await conversation.inTime(() => fullParagraphs(ctx, record), privately)));
      return { result: 'full' };
    case 'up':
    case 'down':
      await conversation.send(voteReply(record, control.action, ctx.feedback.vote(record.id, user, control.action).changed));
      return { result: `vote-${control.action}` };
    case 'why':
      const reason = clicked.value ?? '';
      if (isDownvoteReason(reason)) ctx.feedback.setReason(record.id, user, reason);
      await clicked.replaceWith(reasonReply(reason).pages[0]!);
      return { result: 'reason' };
  }
}

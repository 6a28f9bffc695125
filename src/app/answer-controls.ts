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

/** Excerpts "More excerpts" shows. */
export const MORE_EXCERPTS = 3;

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
 * serving now (asked again, in the answer queue), without repeating any.
 */
export async function nextExcerpts(ctx: AppContext, answer: AnswerRecord): Promise<Excerpt[]> {
  const k = Math.min(10, answer.shown.length + MORE_EXCERPTS);
  const again = await ctx.answers.run(() => ask(ctx, answer.question, { k, ...(answer.story ? { story: answer.story } : {}) }));
  const shown = new Set(answer.shown.map((e) => e.text));
  return shownExcerpts(again)
    .filter((e) => !shown.has(e.text))
    .slice(0, MORE_EXCERPTS);
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
 * is told why. Every reply is private to the person who clicked.
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
      await conversation.send(moreReply(record, await conversation.inTime(() => nextExcerpts(ctx, record), privately)));
      return { result: 'more' };
    case 'full':
      await conversation.send(fullParagraphReply(await conversation.inTime(async () => citedUnits(await ctx.index.open(), record.shown), privately)));
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

import type { Excerpt } from '../answer/excerpt.js';
import { DOWNVOTE_REASONS, isDownvoteReason, type AnswerRecord, type DownvoteReason, type Vote } from '../feedback/feedback-store.js';
import { reasonControls } from './answer-control-ids.js';
import { DURATION_UNITS } from './config.js';
import type { Reply } from './conversation.js';
import { blockQuote, formatAnswer, literal, splitMessage } from './format.js';

/**
 * The private replies to a click under an answer: pure builders from what
 * the click found; the database writes happen in `runAnswerControl`.
 */

/** A paragraph or caption an answer quotes, shown whole by "Full paragraph". */
export interface CitedUnit {
  story: string;
  title: string;
  date?: string;
  citation: string;
  text: string;
  credit?: string;
}

/** What a click on an expired answer's button says. */
export function expiredReply(ttlMs: number): Reply {
  return { pages: [`These buttons have expired (they work for ${describeDuration(ttlMs)} after an answer). Ask again with \`/ask\` for fresh ones.`], ephemeral: true };
}

/** `ms` in words: `7 days`, `24 hours`, `30 minutes`. */
export function describeDuration(ms: number): string {
  const units: [number, string][] = [
    [DURATION_UNITS.d, 'day'],
    [DURATION_UNITS.h, 'hour'],
    [DURATION_UNITS.m, 'minute'],
  ];
  const [size, name] = units.find(([size]) => ms % size === 0 && ms >= size) ?? [DURATION_UNITS.m, 'minute'];
  const n = Math.max(1, Math.round(ms / size));
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

/** "More excerpts": the next best excerpts, quoted like the answer. */
export function moreReply(record: AnswerRecord, more: readonly Excerpt[]): Reply {
  if (more.length === 0) return { pages: ['The story has no further passages for this question.'], ephemeral: true };
  const answer = { question: record.question, answered: true, excerpts: [...more] };
  const pages = formatAnswer(answer);
  pages[0] = pages[0]!.replace(/^\*\*Q:\*\*/, '**More excerpts for:**');
  return { pages, ephemeral: true };
}

/** "Full paragraph": each cited paragraph or caption in full, with its citation. */
export function fullParagraphReply({ units, missing }: { units: readonly CitedUnit[]; missing: number }): Reply {
  if (units.length === 0) return { pages: ['The quoted passages are no longer in the story (it was changed since this answer). Ask again for a fresh answer.'], ephemeral: true };
  const blocks = units.map((u) => {
    const where = u.credit ? `${u.citation} — ${u.credit}` : u.citation;
    return `${blockQuote(literal(u.text))}\n— ${literal(where)} · *${literal(u.title)}*${u.date ? ` (${u.date})` : ''}`;
  });
  if (missing > 0) blocks.push(`-# ${missing === 1 ? '1 quoted passage is' : `${missing} quoted passages are`} no longer in the story (it was changed since this answer).`);
  return { pages: splitMessage(blocks.join('\n\n')), ephemeral: true };
}

/** What a vote says (`changed`: the user had voted the other way); a 👎 also offers the reasons. */
export function voteReply(record: Pick<AnswerRecord, 'id'>, vote: Vote, changed: boolean): Reply {
  if (vote === 'up') return { pages: [changed ? 'Changed your vote to 👍 helpful. Thanks!' : 'Thanks! Counted as helpful.'], ephemeral: true };
  return { pages: [`${changed ? 'Changed your vote to 👎.' : 'Counted as not helpful.'} What went wrong? (optional)`], ephemeral: true, controls: reasonControls(record.id) };
}

/** What the reason picked after 👎 says: thanks, or which reasons there are when `reason` is none of them. */
export function reasonReply(reason: string): Reply {
  if (!isDownvoteReason(reason)) return { pages: [`"${reason}" is not one of the offered reasons; pick one from the list.`], ephemeral: true };
  return { pages: [`Thanks, noted: ${DOWNVOTE_REASONS[reason as DownvoteReason]}.`], ephemeral: true };
}

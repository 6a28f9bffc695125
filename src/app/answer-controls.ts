import type { Excerpt } from '../answer/excerpt.js';
import { DURATION_UNITS } from '../config.js';
import { DOWNVOTE_REASONS, isDownvoteReason, type AnswerRecord, type DownvoteReason, type FeedbackStore, type Vote } from '../feedback/feedback-store.js';
import type { CitedUnit } from './ask-flow.js';
import type { Control, Reply } from './conversation.js';
import { blockQuote, formatAnswer, literal, splitMessage } from './format.js';

/** Prefix of every `custom_id` Dateline puts under an answer. */
const PREFIX = 'dl';

/** What a click on an answer's control asks for. */
export type AnswerAction = 'more' | 'full' | 'up' | 'down' | 'why';

const ACTIONS: readonly AnswerAction[] = ['more', 'full', 'up', 'down', 'why'];

/** The `custom_id` of `action` on answer `answerId` (well under Discord's 100 characters). */
export function controlId(action: AnswerAction, answerId: string): string {
  return `${PREFIX}:${action}:${answerId}`;
}

/** Reads a `custom_id` written by {@link controlId}; undefined for anything else. */
export function parseControlId(customId: string): { action: AnswerAction; answerId: string } | undefined {
  const [prefix, action, answerId, ...rest] = customId.split(':');
  if (prefix !== PREFIX || !answerId || rest.length > 0 || !ACTIONS.includes(action as AnswerAction)) return undefined;
  return { action: action as AnswerAction, answerId };
}

/** The buttons under an answer: More excerpts, Full paragraph, 👍, 👎. */
export function answerControls(record: Pick<AnswerRecord, 'id' | 'shown'>): Control[][] {
  const quotesNothing = record.shown.length === 0 ? { disabled: true } : {};
  return [
    [
      { kind: 'button', id: controlId('more', record.id), label: 'More excerpts', style: 'secondary', ...quotesNothing },
      { kind: 'button', id: controlId('full', record.id), label: 'Full paragraph', style: 'secondary', ...quotesNothing },
      { kind: 'button', id: controlId('up', record.id), label: 'Helpful', emoji: '👍', style: 'secondary' },
      { kind: 'button', id: controlId('down', record.id), label: 'Not helpful', emoji: '👎', style: 'secondary' },
    ],
  ];
}

/** The select offered after 👎. */
export function reasonControls(answerId: string): Control[][] {
  return [
    [
      {
        kind: 'select',
        id: controlId('why', answerId),
        placeholder: 'What went wrong?',
        options: Object.entries(DOWNVOTE_REASONS).map(([value, label]) => ({ value, label })),
      },
    ],
  ];
}

/** True once an answer's buttons have outlived `ttlMs`. */
export function isExpired(record: AnswerRecord | undefined, ttlMs: number, now: number): boolean {
  return record === undefined || now - record.createdAt > ttlMs;
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

/** Records a vote and says so; a 👎 also offers the reasons. */
export function voteReply(store: FeedbackStore, record: AnswerRecord, userId: string, vote: Vote): Reply {
  const { changed } = store.vote(record.id, userId, vote);
  if (vote === 'up') return { pages: [changed ? 'Changed your vote to 👍 helpful. Thanks!' : 'Thanks! Counted as helpful.'], ephemeral: true };
  return { pages: [`${changed ? 'Changed your vote to 👎.' : 'Counted as not helpful.'} What went wrong? (optional)`], ephemeral: true, controls: reasonControls(record.id) };
}

/** Records the reason picked after 👎. */
export function reasonReply(store: FeedbackStore, record: AnswerRecord, userId: string, reason: string): Reply {
  if (!isDownvoteReason(reason)) return { pages: [`"${reason}" is not one of the offered reasons; pick one from the list.`], ephemeral: true };
  store.setReason(record.id, userId, reason);
  return { pages: [`Thanks, noted: ${DOWNVOTE_REASONS[reason as DownvoteReason]}.`], ephemeral: true };
}

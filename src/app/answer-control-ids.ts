import { DOWNVOTE_REASONS, type AnswerRecord } from '../feedback/feedback-store.js';
import type { Control } from './conversation.js';

/**
 * The controls under an answer and their `custom_id`s: written and read
 * here only, so a button keeps working across restarts and versions.
 */

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

/** True once an answer's buttons have outlived `ttlMs` (or the answer is gone). */
export function buttonsExpired(record: AnswerRecord | undefined, ttlMs: number, now: number): boolean {
  return record === undefined || now - record.createdAt > ttlMs;
}

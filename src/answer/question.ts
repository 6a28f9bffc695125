import { ErrorId, UserFacingError } from '../errors.js';

/** Longest question accepted, in characters, after clean-up. */
export const MAX_QUESTION_CHARS = 1000;

/** Characters a reader cannot see: controls, zero-width and direction marks, soft hyphen, BOM, Unicode tags. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/gu;

/**
 * Cleans a question: removes control, zero-width, bidirectional-override,
 * soft-hyphen and Unicode tag characters (U+E0000–U+E007F, invisible text
 * that would otherwise ride along into replies and JSON), folds whitespace. Throws a {@link UserFacingError}
 * (`bad-question`) for an empty or over-long question.
 */
export function cleanQuestion(raw: string): string {
  const cleaned = raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') throw new UserFacingError(ErrorId.BadQuestion, 'The question is empty. Ask something about the story, e.g. "Where did Kerry and Lavrov meet?"');
  if (cleaned.length > MAX_QUESTION_CHARS) {
    throw new UserFacingError(ErrorId.BadQuestion, `The question is ${cleaned.length} characters long; keep it under ${MAX_QUESTION_CHARS}.`);
  }
  return cleaned;
}

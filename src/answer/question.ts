import { ErrorId, UserFacingError } from '../errors.js';

/** Longest question accepted, in characters, after clean-up. */
export const MAX_QUESTION_CHARS = 1000;

/**
 * Cleans a question: removes control, zero-width and bidirectional-override
 * characters, folds whitespace. Throws a {@link UserFacingError}
 * (`bad-question`) for an empty or over-long question.
 */
export function cleanQuestion(raw: string): string {
  const cleaned = raw
    .normalize('NFKC')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') throw new UserFacingError(ErrorId.BadQuestion, 'The question is empty. Ask something about the story, e.g. "Where did Kerry and Lavrov meet?"');
  if (cleaned.length > MAX_QUESTION_CHARS) {
    throw new UserFacingError(ErrorId.BadQuestion, `The question is ${cleaned.length} characters long; keep it under ${MAX_QUESTION_CHARS}.`);
  }
  return cleaned;
}

/**
 * Errors as data: every failure a user can act on is a {@link UserFacingError}
 * with a stable {@link ErrorId}. Front ends (CLI, Discord) turn it into a
 * friendly message in one place; anything else is a crash and is logged.
 */
export enum ErrorId {
  /** An environment variable or option has a value we cannot use. */
  BadConfig = 'bad-config',
  /** The seeds folder is missing or holds no readable story. */
  NoStories = 'no-stories',
  /** The embedding model could not be loaded (offline hub model, missing folder). */
  ModelUnavailable = 'model-unavailable',
  /** The question is empty or otherwise unusable. */
  BadQuestion = 'bad-question',
  /** No index is loaded and none can be built. */
  IndexUnavailable = 'index-unavailable',
}

/** An error whose message is written for the person who can fix it. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    readonly id: ErrorId,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` is a {@link UserFacingError}, optionally of one identifier. */
export function isUserFacing(error: unknown, id?: ErrorId): error is UserFacingError {
  return error instanceof UserFacingError && (id === undefined || error.id === id);
}

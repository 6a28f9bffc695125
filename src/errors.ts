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
  /**
   * The index folder cannot hold an index: `INDEX_DIR` is a file, or
   * something Dateline writes there (`CURRENT`) is a folder.
   */
  BadIndexFolder = 'bad-index-folder',
  /** A story id that is not in the index. */
  UnknownStory = 'unknown-story',
  /** A caption number past the story's captions. */
  NoSuchCaption = 'no-such-caption',
}

/**
 * An error whose message is written for the person who can fix it. Front
 * ends may add their own identifiers (the bot's `BotErrorId`) through `Id`.
 */
export class UserFacingError<Id extends string = ErrorId> extends Error {
  override readonly name: string = 'UserFacingError';
  constructor(
    readonly id: Id,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` is a {@link UserFacingError} (of any front end's identifiers). */
export function isUserFacing(error: unknown): error is UserFacingError<string>;
/** True when `error` is a {@link UserFacingError} with identifier `id`. */
export function isUserFacing<Id extends string>(error: unknown, id: Id): error is UserFacingError<Id>;
export function isUserFacing(error: unknown, id?: string): boolean {
  return error instanceof UserFacingError && (id === undefined || error.id === id);
}

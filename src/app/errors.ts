import { UserFacingError } from '../errors.js';

/** Reasons the bot itself turns a request down; the core's reasons are `ErrorId`. */
export enum BotErrorId {
  /** `/reindex` by someone without Manage Server (or Administrator, or a moderator role). */
  NotModerator = 'not-moderator',
  /** A server-only command used in a DM. */
  GuildOnly = 'guild-only',
  /** Too many `/ask` in the cooldown window. */
  Cooldown = 'cooldown',
  /** A question longer than `/ask` allows (only a client that ignores the option's limit can send one). */
  QuestionTooLong = 'question-too-long',
  /** `/captions page:N` past the last page. */
  NoSuchPage = 'no-such-page',
  /** A rebuild failed for a reason that is not the seeds' fault. */
  ReindexFailed = 'reindex-failed',
  /** An interaction for a command this bot does not have (stale registration). */
  UnknownCommand = 'unknown-command',
  /** "Ask Dateline" on a message without text. */
  EmptyQuestion = 'empty-question',
  /** A caption page button of a story no longer in the index. */
  StoryGone = 'story-gone',
  /** A question in a channel where a moderator chose (`/settings`) that Dateline does not answer. */
  NotHere = 'not-here',
  /** A `/settings` change that cannot be made (a channel that is no channel, a list left empty). */
  BadSetting = 'bad-setting',
}

/** A refusal written for the Discord user, shown ephemerally by the interaction handler. */
export class BotError extends UserFacingError<BotErrorId> {
  override readonly name = 'BotError';
}

import type { CoreContext } from '../core-context.js';
import type { ReindexReport } from '../index/index-service.js';
import { FeedbackStore } from '../feedback/feedback-store.js';
import { ServerSettingsStore } from '../settings/server-settings-store.js';
import type { AppConfig } from './config.js';
import { Cooldown, type RateLimit } from './cooldown.js';
import { WorkQueue } from './work-queue.js';

/** What every command gets: the core's context plus the app's own state. */
export interface AppContext extends CoreContext {
  /** Per-user limit on questions (none in the terminal chat). */
  cooldown: Cooldown;
  /** Where answers wait their turn: a few at a time, first come first served. */
  answers: WorkQueue;
  /** Answers shown (for their buttons) and readers' votes. */
  feedback: FeedbackStore;
  /** Each server's `/settings`: where Dateline answers, and thread mode. */
  settings: ServerSettingsStore;
  /** How long the buttons under an answer keep working, in ms (`ANSWER_BUTTONS_TTL`). */
  buttonsTtlMs: number;
  /** How long a question stays the context for the same person's follow-ups in the same channel, in ms (`FOLLOW_UP_WINDOW`). */
  followUpWindowMs: number;
  /** Values never repeated in a reply or a log line (the bot's token, other secrets of the environment). */
  secrets: readonly string[];
  /** The clock buttons expire by (ms since the epoch). */
  now: () => number;
  /**
   * What the front end does after `/reindex` rebuilt the index, and the lines
   * it adds to the report (Discord under sharding: every shard loads the new
   * generation). Absent: nothing more to do.
   */
  afterReindex?: (report: ReindexReport) => Promise<readonly string[]>;
}

/** Options for {@link createAppContext}. */
export interface AppContextOptions {
  /** Clock for the cooldown and button expiry. Default `Date.now`. */
  now?: () => number;
  /** Answers computed at the same time. Default 4. */
  answerConcurrency?: number;
  /** Per-user limit on questions. Default none (the terminal chat; the bot passes `ASK_COOLDOWN`). */
  askCooldown?: RateLimit | null;
  /** Values to keep out of replies and logs. Default none. */
  secrets?: readonly (string | undefined)[];
  /** Feedback database to use. Default: `feedback.sqlite` in `config.dataDir`. */
  feedback?: FeedbackStore;
  /** Server settings to use. Default: `settings.sqlite` in `config.dataDir`, opened when first read. */
  settings?: ServerSettingsStore;
  /** See {@link AppContext.afterReindex}. Default none. */
  afterReindex?: AppContext['afterReindex'];
}

/** The app's context over the core's, opening the feedback database unless one is given (the settings database opens when first read). */
export function createAppContext(core: CoreContext, app: AppConfig, options: AppContextOptions = {}): AppContext {
  const now = options.now ?? Date.now;
  return {
    ...core,
    cooldown: new Cooldown(options.askCooldown ?? null, now),
    answers: new WorkQueue(options.answerConcurrency ?? 4),
    feedback: options.feedback ?? FeedbackStore.open(core.config.dataDir, { keepMs: app.buttonsTtlMs, now }),
    settings: options.settings ?? new ServerSettingsStore(core.config.dataDir, now),
    buttonsTtlMs: app.buttonsTtlMs,
    followUpWindowMs: app.followUpWindowMs,
    secrets: (options.secrets ?? []).filter((s): s is string => Boolean(s)),
    now,
    ...(options.afterReindex ? { afterReindex: options.afterReindex } : {}),
  };
}

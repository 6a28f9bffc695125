import type { AppContext } from '../context.js';
import { FeedbackStore } from '../feedback/feedback-store.js';
import { Cooldown } from './cooldown.js';
import { WorkQueue } from './work-queue.js';

/** What every command gets: the core's context plus the bot's own state. */
export interface BotContext extends AppContext {
  /** Per-user `/ask` limit. */
  cooldown: Cooldown;
  /** Where answers wait their turn: a few at a time, first come first served. */
  answers: WorkQueue;
  /** Answers shown (for their buttons) and readers' votes. */
  feedback: FeedbackStore;
  /** The clock buttons expire by (ms since the epoch). */
  now: () => number;
}

/** Options for {@link createBotContext}. */
export interface BotContextOptions {
  /** Clock for the cooldown and button expiry. Default `Date.now`. */
  now?: () => number;
  /** Answers computed at the same time. Default 4. */
  answerConcurrency?: number;
  /** Apply `config.discord.askCooldown`. Default true (the terminal chat turns it off). */
  cooldown?: boolean;
  /** Feedback database to use. Default: `feedback.sqlite` in `config.dataDir`. */
  feedback?: FeedbackStore;
}

/** The bot's context over the core's, opening the feedback database unless one is given. */
export function createBotContext(app: AppContext, options: BotContextOptions = {}): BotContext {
  const now = options.now ?? Date.now;
  const { config } = app;
  return {
    ...app,
    cooldown: new Cooldown(options.cooldown === false ? null : config.discord.askCooldown, now),
    answers: new WorkQueue(options.answerConcurrency ?? 4),
    feedback: options.feedback ?? FeedbackStore.open(config.dataDir, { keepMs: config.discord.buttonsTtlMs, now }),
    now,
  };
}

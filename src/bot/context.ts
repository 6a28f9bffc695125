import type { AppContext } from '../context.js';
import type { Cooldown } from './cooldown.js';
import type { WorkQueue } from './work-queue.js';

/** What every command gets: the core's context plus the bot's own state. */
export interface BotContext extends AppContext {
  /** Per-user `/ask` limit. */
  cooldown: Cooldown;
  /**
   * Discord drops an interaction not acknowledged within 3 s: work still
   * running after this many milliseconds is deferred first.
   */
  deferAfterMs: number;
  /** Where answers wait their turn: a few at a time, first come first served. */
  answers: WorkQueue;
}

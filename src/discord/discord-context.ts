import { createBotContext, type BotContext, type BotContextOptions } from '../app/app-context.js';
import type { AppContext } from '../context.js';
import { DEFER_THRESHOLDS } from './defer-policy.js';

/** The app's context plus what only Discord needs. */
export interface DiscordContext extends BotContext {
  /**
   * Discord drops an interaction not acknowledged within 3 s: work still
   * running after this many milliseconds is deferred first.
   */
  deferAfterMs: number;
}

/** Options for {@link createDiscordContext}. */
export interface DiscordContextOptions extends BotContextOptions {
  /** Defer work still running after this many ms (Discord allows 3 s). Default the policy's {@link DEFER_THRESHOLDS} (1500). */
  deferAfterMs?: number;
}

/** The bot's context: the app's, with Discord's deferral timer. */
export function createDiscordContext(app: AppContext, options: DiscordContextOptions = {}): DiscordContext {
  return { ...createBotContext(app, options), deferAfterMs: options.deferAfterMs ?? DEFER_THRESHOLDS.deferAfterMs };
}

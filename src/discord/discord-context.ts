import { createAppContext, type AppContext, type AppContextOptions } from '../app/app-context.js';
import type { CoreContext } from '../core-context.js';
import type { BotConfig, DiscordConfig } from './config.js';
import { DEFER_THRESHOLDS } from './defer-policy.js';

/** The app's context plus what only Discord needs. */
export interface DiscordContext extends AppContext {
  /** The bot's settings (token, API address, moderator roles…). */
  discord: DiscordConfig;
  /**
   * Discord drops an interaction not acknowledged within 3 s: work still
   * running after this many milliseconds is deferred first.
   */
  deferAfterMs: number;
}

/** Options for {@link createDiscordContext}. */
export interface DiscordContextOptions extends Omit<AppContextOptions, 'askCooldown' | 'secrets'> {
  /** Defer work still running after this many ms (Discord allows 3 s). Default the policy's {@link DEFER_THRESHOLDS} (1500). */
  deferAfterMs?: number;
}

/** The bot's context: the app's (with `ASK_COOLDOWN`, and the token kept secret), Discord's settings and deferral timer. */
export function createDiscordContext(core: CoreContext, config: BotConfig, options: DiscordContextOptions = {}): DiscordContext {
  const app = createAppContext(core, config.app, { ...options, askCooldown: config.discord.askCooldown, secrets: [config.discord.token] });
  return { ...app, discord: config.discord, deferAfterMs: options.deferAfterMs ?? DEFER_THRESHOLDS.deferAfterMs };
}

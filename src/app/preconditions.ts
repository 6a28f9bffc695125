import type { AppContext } from './app-context.js';
import type { Conversation } from './conversation.js';
import { BotError, BotErrorId } from './errors.js';

/** Checks a command makes before it runs; each throws a {@link BotError} that the request runner shows privately. */

/**
 * Refuses `command` unless it runs in a server and the user is a moderator
 * (see {@link Conversation.isModerator}); `doing` completes "Only moderators … can …".
 */
export function requireModerator(conversation: Conversation, command: string, doing: string): void {
  if (conversation.guildId === null) throw new BotError(BotErrorId.GuildOnly, `${command} works in a server only, not in direct messages.`);
  if (!conversation.isModerator()) {
    throw new BotError(BotErrorId.NotModerator, `Only moderators (Manage Server permission or a moderator role) can ${doing}. Nothing was changed.`);
  }
}

/**
 * Counts one question (or "More excerpts") against the asker's cooldown, or
 * refuses with when they may ask again, as Discord's relative timestamp
 * (`<t:…:R>`: "in 12 seconds", kept current by the client).
 */
export function takeAskTurn(conversation: Pick<Conversation, 'user'>, ctx: Pick<AppContext, 'cooldown' | 'now'>): void {
  const turn = ctx.cooldown.take(conversation.user.id);
  if (turn.ok) return;
  const { uses, seconds } = ctx.cooldown.limit!;
  const at = Math.ceil((ctx.now() + turn.retryAfterMs) / 1000);
  throw new BotError(BotErrorId.Cooldown, `You can ask ${uses} questions every ${seconds} s. Try again <t:${at}:R>.`);
}

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

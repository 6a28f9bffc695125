import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * What the bot needs in a channel: see it, reply (slash-command replies need
 * none of these; @mention answers are message replies, which also need the
 * history of the message they reply to), answer inside threads, and open a
 * thread for a question where a server turned thread mode on (`/settings`).
 */
export const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.ReadMessageHistory,
] as const;

/** The OAuth2 scopes: `bot` joins the server, `applications.commands` registers the slash and message commands. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The address a server owner opens to add the bot with exactly {@link BOT_PERMISSIONS}. */
export function inviteUrl(clientId: string): string {
  const permissions = BOT_PERMISSIONS.reduce((all, bit) => all | bit, 0n);
  const query = new URLSearchParams({ client_id: clientId, scope: INVITE_SCOPES.join(' '), permissions: permissions.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString().replace(/\+/g, '%20')}`;
}

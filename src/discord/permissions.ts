import type { Conversation } from '../app/conversation.js';
import { BotError, BotErrorId } from '../app/errors.js';
import { PermissionFlagsBits, type GuildMember, type APIInteractionGuildMember, type PermissionsBitField } from 'discord.js';

/** The parts of an interaction that say who the member is. */
export interface MemberFacts {
  memberPermissions: Readonly<PermissionsBitField> | null;
  member: GuildMember | APIInteractionGuildMember | null;
}

function roleIds(member: MemberFacts['member']): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
}

/**
 * Whether the member may run moderator commands: Manage Server or
 * Administrator in this channel (what Discord computed for the interaction,
 * so channel overrides count), or one of `moderatorRoleIds`.
 * Runtime check: server admins can change who sees a command.
 */
export function isModerator(interaction: MemberFacts, moderatorRoleIds: readonly string[]): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = roleIds(interaction.member);
  return moderatorRoleIds.some((id) => roles.includes(id));
}

/**
 * Refuses `command` unless it runs in a server and the user is a moderator
 * (see {@link isModerator}); `doing` completes "Only moderators … can …".
 */
export function requireModerator(conversation: Conversation, ctx: { config: { discord: { moderatorRoleIds: string[] } } }, command: string, doing: string): void {
  if (conversation.guildId === null) throw new BotError(BotErrorId.GuildOnly, `${command} works in a server only, not in direct messages.`);
  if (!conversation.isModerator(ctx.config.discord.moderatorRoleIds)) {
    throw new BotError(BotErrorId.NotModerator, `Only moderators (Manage Server permission or a moderator role) can ${doing}. Nothing was changed.`);
  }
}

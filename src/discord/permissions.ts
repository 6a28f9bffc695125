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

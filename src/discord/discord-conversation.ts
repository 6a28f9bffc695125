import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type RepliableInteraction,
} from 'discord.js';
import type { Channel, Control, Conversation, Place } from '../app/conversation.js';
import { isModerator } from './permissions.js';
import { answerInTime, deferralPlan, sendError, sendPages } from './respond.js';

const STYLES = { primary: ButtonStyle.Primary, secondary: ButtonStyle.Secondary, success: ButtonStyle.Success, danger: ButtonStyle.Danger } as const;

/** Rows of controls as Discord action rows. */
export function toActionRows(rows: readonly Control[][] = []): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return rows.map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((c): APIComponentInMessageActionRow =>
      c.kind === 'button'
        ? { type: ComponentType.Button, custom_id: c.id, label: c.label, style: STYLES[c.style], ...(c.emoji ? { emoji: { name: c.emoji } } : {}), ...(c.disabled ? { disabled: true } : {}) }
        : { type: ComponentType.StringSelect, custom_id: c.id, placeholder: c.placeholder, options: c.options.map((o) => ({ value: o.value, label: o.label })) },
    ),
  }));
}

/** Where a message or interaction is: its channel, and the thread's parent when that channel is a thread. */
export function placeOf(channelId: string | null, channel: { isThread(): boolean; parentId?: string | null } | null | undefined): Place {
  const parentId = channel?.isThread() ? channel.parentId : undefined;
  return { channelId, ...(parentId ? { parentId } : {}) };
}

/** Options for {@link interactionConversation}. */
export interface InteractionConversationOptions {
  via: Channel;
  /** Option values by name (a slash command's options, or the selected message's text). */
  values: Record<string, string | number | boolean | undefined>;
  /** Defer work still running this many ms after the interaction was created. */
  deferAfterMs: number;
  /** Roles whose members count as moderators besides Manage Server (`MODERATOR_ROLE_IDS`). */
  moderatorRoleIds: readonly string[];
}

/** A {@link Conversation} over a Discord interaction (slash command, context menu or component). */
export function interactionConversation(interaction: RepliableInteraction, options: InteractionConversationOptions): Conversation {
  return {
    via: options.via,
    user: { id: interaction.user.id, name: interaction.user.username },
    createdAt: interaction.createdTimestamp,
    guildId: interaction.inGuild() ? interaction.guildId : null,
    place: placeOf(interaction.channelId, interaction.channel),
    option: (name) => options.values[name],
    isModerator: () => interaction.inGuild() && isModerator(interaction, options.moderatorRoleIds),
    ackDueInMs: () => deferralPlan(interaction, options.deferAfterMs).inMs,
    inTime: (work, { ephemeral, slow }) => answerInTime(interaction, work, { ephemeral, slow, deferAfterMs: options.deferAfterMs }),
    send: (reply) => sendPages(interaction, reply.pages, { ephemeral: reply.ephemeral ?? false }, toActionRows(reply.controls)),
    fail: (message) => sendError(interaction, message),
  };
}

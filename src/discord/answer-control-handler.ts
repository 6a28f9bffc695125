import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import { runAnswerControl } from '../app/answer-controls.js';
import type { DiscordContext } from './discord-context.js';
import type { CommandOutcome } from '../app/command.js';
import { interactionConversation } from './discord-conversation.js';
import { NO_PINGS } from './respond.js';
import { type AnswerAction } from '../app/answer-control-ids.js';

/** {@link runAnswerControl} for a Discord button or select interaction. */
export function handleAnswerControl(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  control: { action: AnswerAction; answerId: string },
  ctx: DiscordContext,
): Promise<CommandOutcome> {
  const conversation = interactionConversation(interaction, { via: 'component', values: {}, deferAfterMs: ctx.deferAfterMs, moderatorRoleIds: ctx.discord.moderatorRoleIds });
  return runAnswerControl(
    conversation,
    control,
    {
      ...(interaction.isStringSelectMenu() ? { value: interaction.values[0] ?? '' } : {}),
      clearControls: async () => void (await interaction.update({ components: [] })),
      replaceWith: async (content) => void (await interaction.update({ content, components: [], allowedMentions: NO_PINGS })),
    },
    ctx,
  );
}

import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import { expiredReply, fullParagraphReply, isExpired, moreReply, reasonReply, voteReply, type AnswerAction } from '../app/answer-controls.js';
import { citedUnits, nextExcerpts } from '../app/ask-flow.js';
import type { CommandOutcome } from '../app/command.js';
import type { BotContext } from '../app/app-context.js';
import type { Conversation } from '../app/conversation.js';
import { interactionConversation } from './discord-conversation.js';
import { NO_PINGS } from './respond.js';

/** How a front end changes the message whose control was used. */
export interface ClickedMessage {
  /** The value picked in a select, if the control is one. */
  value?: string;
  /** Removes the message's controls (they expired). */
  clearControls(): Promise<void>;
  /** Replaces the message with `text` and no controls (the reason select, once answered). */
  replaceWith(text: string): Promise<void>;
}

/**
 * Answers a click on a button (or the reason select) under an answer. The
 * answer is looked up in the feedback database, so buttons keep working
 * after a restart; once expired, the message loses its buttons and the user
 * is told why. Every reply is private to the person who clicked.
 */
export async function runAnswerControl(
  conversation: Conversation,
  control: { action: AnswerAction; answerId: string },
  clicked: ClickedMessage,
  ctx: BotContext,
): Promise<CommandOutcome> {
  const record = ctx.feedback.getAnswer(control.answerId);
  const ttl = ctx.config.discord.buttonsTtlMs;
  if (!record || isExpired(record, ttl, ctx.now())) {
    await clicked.clearControls();
    await conversation.send(expiredReply(ttl));
    return { result: 'expired' };
  }
  const user = conversation.user.id;
  const privately = { ephemeral: true, slow: ctx.index.current() === undefined || ctx.index.busy };
  switch (control.action) {
    case 'more':
      await conversation.send(moreReply(record, await conversation.inTime(() => nextExcerpts(ctx, record), privately)));
      return { result: 'more' };
    case 'full':
      await conversation.send(fullParagraphReply(await conversation.inTime(async () => citedUnits(await ctx.index.open(), record.shown), privately)));
      return { result: 'full' };
    case 'up':
    case 'down':
      await conversation.send(voteReply(ctx.feedback, record, user, control.action));
      return { result: `vote-${control.action}` };
    case 'why':
      await clicked.replaceWith(reasonReply(ctx.feedback, record, user, clicked.value ?? '').pages[0]!);
      return { result: 'reason' };
  }
}

/** {@link runAnswerControl} for a Discord button or select interaction. */
export function handleAnswerControl(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  control: { action: AnswerAction; answerId: string },
  ctx: BotContext,
): Promise<CommandOutcome> {
  const conversation = interactionConversation(interaction, { via: 'component', values: {}, deferAfterMs: ctx.deferAfterMs });
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

import { setTimeout as delay } from 'node:timers/promises';
import { MessageFlags, type ChatInputCommandInteraction, type MessageMentionOptions } from 'discord.js';

/** Allowed mentions on every message: none, so quoted text or a question never pings anyone. */
export const NO_PINGS: MessageMentionOptions = { parse: [] };

/** Who sees a reply. */
export interface Visibility {
  /** Only the user who asked (Discord's ephemeral flag). */
  ephemeral: boolean;
}

const flags = ({ ephemeral }: Visibility) => (ephemeral ? MessageFlags.Ephemeral : 0) | MessageFlags.SuppressEmbeds;

/** Acknowledges the interaction without an answer yet ("thinking…"); the answer then edits it. */
export async function defer(interaction: ChatInputCommandInteraction, visibility: Visibility): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply({ flags: visibility.ephemeral ? MessageFlags.Ephemeral : undefined });
}

/** Options for {@link answerInTime}. */
export interface DeadlineOptions extends Visibility {
  /** Defer at once: the work is known to be slow (first load, rebuild under way). */
  slow: boolean;
  /** Defer when the work is still running after this many milliseconds. */
  deferAfterMs: number;
}

/**
 * Runs `work` so the interaction never expires: defers first when the work
 * is known to be slow, or as soon as it outlasts `deferAfterMs`; fast work
 * is answered with a plain reply afterwards.
 */
export async function answerInTime<T>(interaction: ChatInputCommandInteraction, work: () => Promise<T>, options: DeadlineOptions): Promise<T> {
  const task = work();
  const settled = task.then(
    () => 'done' as const,
    () => 'done' as const,
  );
  if (options.slow) {
    await defer(interaction, options);
    return task;
  }
  const timer = new AbortController();
  const first = await Promise.race([settled, delay(options.deferAfterMs, 'late' as const, { signal: timer.signal })]);
  timer.abort();
  if (first === 'late') await defer(interaction, options);
  return task;
}

/**
 * Sends `pages` in order: the first as the reply (or as the edit of a
 * deferred reply), the others as follow-ups with the same visibility.
 * Every message suppresses link previews and pings nobody.
 */
export async function sendPages(interaction: ChatInputCommandInteraction, pages: readonly string[], visibility: Visibility): Promise<void> {
  if (pages.length === 0) throw new Error('sendPages needs at least one page');
  for (const [i, content] of pages.entries()) {
    if (i === 0 && interaction.deferred && !interaction.replied) {
      await interaction.editReply({ content, allowedMentions: NO_PINGS, flags: MessageFlags.SuppressEmbeds });
    } else if (i === 0 && !interaction.replied) {
      await interaction.reply({ content, allowedMentions: NO_PINGS, flags: flags(visibility) });
    } else {
      await interaction.followUp({ content, allowedMentions: NO_PINGS, flags: flags(visibility) });
    }
  }
}

/**
 * Tells the user something went wrong, ephemerally where Discord allows:
 * a reply, the edit of a deferred reply (which keeps the deferral's
 * visibility), or a follow-up when already answered.
 */
export async function sendError(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content, allowedMentions: NO_PINGS });
  } else if (interaction.replied) {
    await interaction.followUp({ content, allowedMentions: NO_PINGS, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content, allowedMentions: NO_PINGS, flags: MessageFlags.Ephemeral });
  }
}

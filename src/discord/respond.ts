import { setTimeout as delay } from 'node:timers/promises';
import { MessageFlags, type APIActionRowComponent, type APIComponentInMessageActionRow, type MessageMentionOptions, type RepliableInteraction } from 'discord.js';
import { DEFER_THRESHOLDS, deferTimerMs, planDeferral, type DeferPlan } from './defer-policy.js';
import { eventLoopLag } from './event-loop-lag.js';
import { redact } from '../app/secrets.js';

/** Allowed mentions on every message: none, so quoted text or a question never pings anyone. */
export const NO_PINGS: MessageMentionOptions = { parse: [] };

/** Who sees a reply. */
export interface Visibility {
  /** Only the user who asked (Discord's ephemeral flag). */
  ephemeral: boolean;
}

const flags = ({ ephemeral }: Visibility) => (ephemeral ? MessageFlags.Ephemeral : 0) | MessageFlags.SuppressEmbeds;

/** Acknowledges the interaction without an answer yet ("thinking…"); the answer then edits it. */
export async function defer(interaction: RepliableInteraction, visibility: Visibility): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply({ flags: visibility.ephemeral ? MessageFlags.Ephemeral : undefined });
}

/** Options for {@link answerInTime}. */
export interface DeadlineOptions extends Visibility {
  /** Defer at once: the work is known to be slow (first load, rebuild under way, long queue). */
  slow: boolean;
  /**
   * Defer when the work is still running this many milliseconds after the
   * interaction was created (by Discord's clock, from its id) or after it
   * reached the bot, whichever comes first; at once when the interaction
   * arrived old or the event loop lags (see {@link deferralPlan}).
   */
  deferAfterMs: number;
}

/**
 * Milliseconds left before `interaction` reaches `deferAfterMs`: counted
 * from its creation (its snowflake's timestamp), so time spent waiting in a
 * backlog of gateway events counts against Discord's window, and never more
 * than `deferAfterMs` from now (a local clock behind Discord's cannot
 * stretch the window). The timer part of {@link deferralPlan}.
 */
export function msUntilDefer(interaction: Pick<RepliableInteraction, 'createdTimestamp'>, deferAfterMs: number, now = Date.now()): number {
  return deferTimerMs(now - interaction.createdTimestamp, deferAfterMs);
}

/**
 * When to defer `interaction` (see `defer-policy.ts`): after
 * {@link msUntilDefer} when it is fresh and the event loop keeps time, at
 * once when it arrived old or the loop lags.
 */
export function deferralPlan(
  interaction: Pick<RepliableInteraction, 'createdTimestamp'>,
  deferAfterMs: number,
  now = Date.now(),
  loopLagMs = eventLoopLag.lagMs(),
): DeferPlan {
  return planDeferral({ ageMs: now - interaction.createdTimestamp, loopLagMs }, { ...DEFER_THRESHOLDS, deferAfterMs });
}

/**
 * Runs `work` so the interaction never expires: defers first when the work
 * is known to be slow, when the interaction arrived old or the event loop
 * lags, or as soon as the work outlasts its deferral time (see
 * {@link deferralPlan}); fast work is answered with a plain reply afterwards.
 */
export async function answerInTime<T>(interaction: RepliableInteraction, work: () => Promise<T>, options: DeadlineOptions): Promise<T> {
  const wait = options.slow ? 0 : deferralPlan(interaction, options.deferAfterMs).inMs;
  const task = work();
  const settled = task.then(
    () => 'done' as const,
    () => 'done' as const,
  );
  if (wait === 0) {
    await defer(interaction, options);
    return task;
  }
  const timer = new AbortController();
  const first = await Promise.race([settled, delay(wait, 'late' as const, { signal: timer.signal })]);
  timer.abort();
  if (first === 'late') await defer(interaction, options);
  return task;
}

/** `content` with the bot's token redacted, should a question or a story ever quote it. */
function withoutToken(interaction: RepliableInteraction, content: string): string {
  return redact(content, [interaction.client.token]);
}

/**
 * Sends `pages` in order: the first as the reply (or as the edit of a
 * deferred reply), the others as follow-ups with the same visibility.
 * Every message suppresses link previews, pings nobody, and never holds the
 * bot's token; `components` go under the last page.
 */
export async function sendPages(
  interaction: RepliableInteraction,
  pages: readonly string[],
  visibility: Visibility,
  components: APIActionRowComponent<APIComponentInMessageActionRow>[] = [],
): Promise<void> {
  if (pages.length === 0) throw new Error('sendPages needs at least one page');
  for (const [i, page] of pages.entries()) {
    const content = withoutToken(interaction, page);
    const extra = i === pages.length - 1 && components.length > 0 ? { components } : {};
    if (i === 0 && interaction.deferred && !interaction.replied) {
      await interaction.editReply({ content, allowedMentions: NO_PINGS, flags: MessageFlags.SuppressEmbeds, ...extra });
    } else if (i === 0 && !interaction.replied) {
      await interaction.reply({ content, allowedMentions: NO_PINGS, flags: flags(visibility), ...extra });
    } else {
      await interaction.followUp({ content, allowedMentions: NO_PINGS, flags: flags(visibility), ...extra });
    }
  }
}

/**
 * Tells the user something went wrong, privately: a reply, the edit of a
 * private deferred reply, or a follow-up when already answered. A public
 * deferral ("Dateline is thinking…", as a busy bot sends for `/ask`) can
 * only turn into a message everyone sees, so it is deleted and the message
 * goes out as a private follow-up instead; only if Discord will not delete
 * it does the message fill it.
 */
export async function sendError(interaction: RepliableInteraction, message: string): Promise<void> {
  const content = withoutToken(interaction, message);
  const privately = { content, allowedMentions: NO_PINGS, flags: MessageFlags.Ephemeral } as const;
  if (interaction.deferred && !interaction.replied) {
    if (!interaction.ephemeral && (await interaction.deleteReply().then(() => true, () => false))) {
      await interaction.followUp(privately);
      return;
    }
    await interaction.editReply({ content, allowedMentions: NO_PINGS });
  } else if (interaction.replied) {
    await interaction.followUp(privately);
  } else {
    await interaction.reply(privately);
  }
}

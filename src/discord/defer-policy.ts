/**
 * When to defer an interaction ("Dateline is thinking…") rather than answer
 * it directly. Discord drops an interaction whose first response (reply or
 * deferral) has not arrived 3 s after it was created, by Discord's clock (the
 * timestamp in its snowflake id), however late the bot received it.
 *
 * Answering directly is nicer (one message, no "thinking…") and almost every
 * answer takes milliseconds, so a fresh interaction on an idle bot gets a
 * timer: the work is deferred only if it is still running at
 * {@link DeferThresholds.deferAfterMs}. That timer is only safe when the
 * interaction reached the bot early and the process runs its timers on time.
 * On a busy host neither holds (a probe measured interactions first handled
 * 2.1 s after creation), so the deferral goes out at once when the
 * interaction is already old or the event loop lags.
 *
 * Pure: the caller measures the age and the lag (see `event-loop-lag.ts`).
 */

/** Thresholds of {@link planDeferral}. */
export interface DeferThresholds {
  /**
   * Work still running this long after the interaction's creation is
   * deferred. Default 1500 ms: half of Discord's window, leaving 1.5 s for
   * the deferral to reach Discord.
   */
  deferAfterMs: number;
  /**
   * An interaction at least this old (by its snowflake) when the bot starts
   * on it is deferred at once: it waited in a backlog (the gateway, a busy
   * process), which says the process is behind, and waiting for the timer
   * would leave the deferral well under a second and a half. Default 1000 ms:
   * a healthy bot starts on an interaction within tens of milliseconds, so
   * only a backlog (or a local clock running a second ahead of Discord's,
   * which then costs an extra "thinking…" but never a missed window) gets here.
   */
  oldAtMs: number;
  /**
   * Event-loop lag (how late a timer fired, worst of the last couple of
   * seconds) at or above which every interaction is deferred at once: the
   * deferral timer itself would fire that late, and the process is short of
   * CPU. Default 200 ms: an idle or normally loaded bot (a burst of answers
   * takes turns of a few ms each) measures well under 50 ms, while a host
   * so busy that the probe saw 2 s backlogs stalls the loop for far longer.
   */
  laggingAtMs: number;
}

/** The thresholds the bot runs with; see {@link DeferThresholds}. */
export const DEFER_THRESHOLDS: Readonly<DeferThresholds> = Object.freeze({ deferAfterMs: 1500, oldAtMs: 1000, laggingAtMs: 200 });

/**
 * Why a deferral is planned when it is: `timer` (fresh interaction, idle
 * loop: defer only if the work outlasts `deferAfterMs`), `due` (the timer
 * has already run out), `old` or `lagging` (see {@link DeferThresholds}).
 */
export type DeferReason = 'timer' | 'due' | 'old' | 'lagging';

/** When to defer: after `inMs` if the work is still running then; `inMs` 0 means at once. */
export interface DeferPlan {
  inMs: number;
  reason: DeferReason;
}

/** What {@link planDeferral} decides from. */
export interface DeferState {
  /** Milliseconds since the interaction was created, by its snowflake (negative when the local clock is behind Discord's). */
  ageMs: number;
  /** Current event-loop lag in milliseconds. */
  loopLagMs: number;
}

/**
 * Milliseconds until an interaction `ageMs` old reaches `deferAfterMs`,
 * never more than `deferAfterMs` (a local clock behind Discord's cannot
 * stretch the window) and never less than 0.
 */
export function deferTimerMs(ageMs: number, deferAfterMs: number): number {
  return Math.max(0, Math.min(deferAfterMs, deferAfterMs - ageMs));
}

/** When to defer an interaction in `state`; see the file comment and {@link DeferThresholds}. */
export function planDeferral(state: DeferState, thresholds: Readonly<DeferThresholds> = DEFER_THRESHOLDS): DeferPlan {
  const inMs = deferTimerMs(state.ageMs, thresholds.deferAfterMs);
  if (inMs === 0) return { inMs: 0, reason: 'due' };
  if (state.ageMs >= thresholds.oldAtMs) return { inMs: 0, reason: 'old' };
  if (state.loopLagMs >= thresholds.laggingAtMs) return { inMs: 0, reason: 'lagging' };
  return { inMs, reason: 'timer' };
}

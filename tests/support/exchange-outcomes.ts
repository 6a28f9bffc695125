import type { InteractionExchange, InteractionResponse } from './fake-discord/index.js';
import { latencySummary, type LatencySummary } from './latency.js';

/** Discord's window for the first response to an interaction. */
export const DISCORD_WINDOW_MS = 3000;

/** What became of one interaction, from Discord's side. */
export interface ExchangeOutcome {
  /** The first response (reply or deferral), if any landed. */
  initial?: InteractionResponse;
  /** The message with the answer: the reply itself, or the edit of a deferred reply. */
  final?: InteractionResponse;
  deferred: boolean;
  /** No initial response, or deferred and never completed. */
  lost: boolean;
  /**
   * First response after Discord's window, or refused as expired. The window
   * counts from the interaction's creation (`x.createdAt`, its snowflake
   * time), not from when the fake delivered it: an interaction delivered
   * late has less than 3 s left, as on Discord.
   */
  late: boolean;
  /** More than one initial response tried, or the deferred reply completed more than once. */
  twice: boolean;
}

/** Classifies one exchange; see {@link ExchangeOutcome}. */
export function outcomeOf(x: InteractionExchange): ExchangeOutcome {
  const callbacks = x.responses.filter((r) => r.kind === 'callback');
  const edits = x.responses.filter((r) => r.kind === 'edit');
  const initial = callbacks[0];
  const deferred = initial?.type === 5;
  const final = deferred ? edits[0] : initial;
  return {
    ...(initial ? { initial } : {}),
    ...(final ? { final } : {}),
    deferred,
    lost: final === undefined,
    late: x.expired || (initial !== undefined && initial.at - x.createdAt > DISCORD_WINDOW_MS),
    twice: callbacks.length > 1 || edits.length > 1 || x.refused.some((r) => r.reason === 'already-acknowledged'),
  };
}

/** True once nothing more is expected for `x`: its answer landed, or Discord refused it. */
export function settled(x: InteractionExchange): boolean {
  const o = outcomeOf(x);
  return o.final !== undefined || x.refused.length > 0;
}

/**
 * Waits until every exchange is {@link settled}, or `timeoutMs` has passed
 * (then returns; the summary counts the unfinished ones as lost).
 */
export async function waitUntilSettled(exchanges: readonly InteractionExchange[], timeoutMs: number): Promise<void> {
  await Promise.all(exchanges.map((x) => x.waitFor(settled, timeoutMs).catch(() => x)));
}

/** Counts and timings of a batch of interactions. */
export interface BatchSummary {
  sent: number;
  answered: number;
  deferred: number;
  lost: number;
  late: number;
  twice: number;
  /** Seconds from the first dispatch to the last final answer. */
  seconds: number;
  /** Final answers per second over {@link seconds}. */
  throughput: number;
  /** First responses per second, from the first dispatch to the last first response. */
  acknowledgedPerSecond: number;
  /** Creation to first response (reply or deferral): what the user waits for, and what Discord's window measures. */
  firstResponse: LatencySummary;
  /** Creation to the message holding the answer. */
  finalAnswer: LatencySummary;
}

/**
 * Summarises a batch. Waits are measured by the fake from each interaction's
 * creation (its dispatch, unless it was delivered late: then the time it
 * spent on the way counts too, as the user waited through it); the rates
 * and `seconds` run from the first dispatch.
 */
export function summarize(exchanges: readonly InteractionExchange[]): BatchSummary {
  const outcomes = exchanges.map((x) => ({ x, o: outcomeOf(x) }));
  const firsts = outcomes.flatMap(({ x, o }) => (o.initial ? [o.initial.at - x.createdAt] : []));
  const finals = outcomes.flatMap(({ x, o }) => (o.final ? [o.final.at - x.createdAt] : []));
  const start = Math.min(...exchanges.map((x) => x.sentAt));
  const end = Math.max(...outcomes.flatMap(({ o }) => (o.final ? [o.final.at] : [])), start);
  const seconds = (end - start) / 1000;
  const answered = finals.length;
  const lastFirst = Math.max(...outcomes.flatMap(({ o }) => (o.initial ? [o.initial.at] : [])), start);
  return {
    sent: exchanges.length,
    answered,
    deferred: outcomes.filter(({ o }) => o.deferred).length,
    lost: outcomes.filter(({ o }) => o.lost).length,
    late: outcomes.filter(({ o }) => o.late).length,
    twice: outcomes.filter(({ o }) => o.twice).length,
    seconds: Number(seconds.toFixed(2)),
    throughput: seconds > 0 ? Math.round(answered / seconds) : answered,
    acknowledgedPerSecond: lastFirst > start ? Math.round((firsts.length * 1000) / (lastFirst - start)) : firsts.length,
    firstResponse: latencySummary(firsts),
    finalAnswer: latencySummary(finals),
  };
}

/** The text of the message holding the answer (empty when none arrived). */
export function finalText(x: InteractionExchange): string {
  const final = outcomeOf(x).final;
  return typeof final?.data?.content === 'string' ? final.data.content : '';
}

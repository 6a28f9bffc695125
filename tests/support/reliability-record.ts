import type { BatchSummary } from './exchange-outcomes.js';
import { formatLatency } from './latency.js';

/** A figure as shown in RELIABILITY.md. */
export type Figure = string | number | boolean;

/** Counts that RELIABILITY.md adds up over every scenario. */
export interface ScenarioCounts {
  /** Interactions sent to the bot. */
  interactions?: number;
  /** Interactions that never got their answer (or refusal). */
  lost?: number;
  /** Interactions whose first response missed Discord's 3-second window. */
  late?: number;
  /** Interactions answered (or acknowledged) more than once. */
  twice?: number;
  /** Faults injected (dropped connections, REST errors, kills, damaged files…). */
  faults?: number;
  /** Hostile or malformed inputs tried. */
  badInputs?: number;
}

/** One scenario of issue 5 with its figures from this run. */
export interface ScenarioRecord {
  /** Stable key, e.g. `load-1000-ask`. */
  id: string;
  title: string;
  counts: ScenarioCounts;
  /** Label → value, in the order they were recorded. */
  figures: Record<string, Figure>;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Scenarios a test measured, collected by tests/support/reliability-reporter.ts. */
    reliability?: ScenarioRecord[];
  }
}

/** The part of a vitest test context that carries metadata to reporters. */
interface TaskLike {
  meta: { reliability?: ScenarioRecord[] };
}

/**
 * Starts recording scenario `id` on the running test (`({ task }) => …`).
 * Record early: a test that fails half-way still shows what it measured.
 * The reporter writes every scenario to bench/results/reliability.json and
 * RELIABILITY.md when the run ends.
 */
export function recordScenario(task: TaskLike, id: string, title: string): ScenarioRecord {
  const record: ScenarioRecord = { id, title, counts: {}, figures: {} };
  (task.meta.reliability ??= []).push(record);
  return record;
}

/** The counts and figures of a {@link BatchSummary}, added to `record` (`prefix` labels a phase, e.g. "after resume"). */
export function addBatch(record: ScenarioRecord, batch: BatchSummary, prefix = ''): void {
  const label = (text: string) => (prefix ? `${prefix}: ${text}` : text);
  const c = record.counts;
  c.interactions = (c.interactions ?? 0) + batch.sent;
  c.lost = (c.lost ?? 0) + batch.lost;
  c.late = (c.late ?? 0) + batch.late;
  c.twice = (c.twice ?? 0) + batch.twice;
  Object.assign(record.figures, {
    [label('interactions')]: batch.sent,
    [label('answered')]: batch.answered,
    [label('deferred first')]: batch.deferred,
    [label('lost')]: batch.lost,
    [label('first response after 3 s')]: batch.late,
    [label('answered twice')]: batch.twice,
    [label('first responses per second')]: batch.acknowledgedPerSecond,
    [label('throughput (final answers/s)')]: batch.throughput,
    [label('time to first response p50/p95/p99')]: formatLatency(batch.firstResponse),
    [label('time to final answer p50/p95/p99')]: formatLatency(batch.finalAnswer),
  });
}

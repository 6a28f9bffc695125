import type { EvalQuestion } from '../../src/eval/datasets.js';
import type { MethodResult } from '../../src/eval/methods.js';
import type { Contestant } from './contestant.js';
import { judge, type Judgement } from './judge.js';

/** What one row costs and scores in process. */
export interface Warm {
  /** Seconds of `build`: reading the stories, building and saving the store. */
  buildS: number;
  /** Milliseconds of each question's timed `ask`, in question order. */
  timesMs: number[];
  judgement: Judgement;
}

/**
 * Builds `c`, asks every question once untimed (warming the JIT and
 * caches), then once more timed, and judges the timed pass's answers with
 * {@link judge}: the same steps and the same rule for every row.
 */
export async function measureWarm(c: Contestant, seedsDir: string, questions: readonly EvalQuestion[]): Promise<Warm> {
  const started = performance.now();
  await c.build(seedsDir);
  const buildS = (performance.now() - started) / 1000;
  for (const q of questions) await c.ask(q.q);
  const timesMs: number[] = [];
  const results: MethodResult[] = [];
  for (const q of questions) {
    const asked = performance.now();
    results.push(await c.ask(q.q));
    timesMs.push(performance.now() - asked);
  }
  return { buildS, timesMs, judgement: judge(questions, results) };
}

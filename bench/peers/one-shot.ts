import { assertIndexLoaded, runNode } from '../child-process.js';
import { median } from '../percentiles.js';
import type { Contestant } from './contestant.js';

/**
 * Cold one-shot time of each contestant, in seconds: the median wall time,
 * from spawn to exit, of `runs` fresh Node processes that load the saved
 * store (and the model, when the contestant has one) and answer `question`,
 * after one untimed run each that warms the file cache. Runs are
 * interleaved (one of each, `runs` times) so every row sees the same machine.
 * A run that prints nothing, or that rebuilt Dateline's index instead of
 * loading it, fails the measurement.
 */
export function measureOneShots(contestants: readonly Contestant[], question: string, runs: number): Map<string, number> {
  const once = (c: Contestant) => {
    const { args, env } = c.oneShot(question);
    const run = runNode(args, { env });
    assertIndexLoaded(run, `${c.name} one-shot`);
    if (run.stdout.trim() === '') throw new Error(`${c.name} one-shot printed no answer:\n${run.stderr}`);
    return run.wallMs;
  };
  for (const c of contestants) once(c);
  const times = new Map<string, number[]>(contestants.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) for (const c of contestants) times.get(c.name)!.push(once(c));
  return new Map([...times].map(([name, ms]) => [name, Number((median(ms) / 1000).toFixed(3))]));
}

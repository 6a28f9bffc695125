import os from 'node:os';
import type { BenchResults } from './results-schema.js';

/** The 1-minute load average now (0 where the OS has none, e.g. Windows). */
export function loadAverage(): number {
  return Number((os.loadavg()[0] ?? 0).toFixed(2));
}

/** The machine the benchmark ran on, as recorded in the results; `loadAtStart` from {@link loadAverage} before the run. */
export function machineInfo(loadAtStart: number): BenchResults['machine'] {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memory_gb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    load_average: { start: loadAtStart, end: loadAverage() },
  };
}

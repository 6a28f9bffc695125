import fs from 'node:fs/promises';
import path from 'node:path';
import { renderLatencyChart } from './latency-chart.js';
import type { BenchResults } from './results-schema.js';

/** File names inside the results folder. */
export const RESULT_FILES = { json: 'bench.json', chart: 'latency-vs-corpus.svg' } as const;

async function writeAtomically(file: string, data: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** Writes `bench.json` and the chart into `dir`, each replaced whole (never half-written). Returns their paths. */
export async function writeResults(results: BenchResults, dir: string): Promise<{ json: string; chart: string }> {
  await fs.mkdir(dir, { recursive: true });
  const json = path.join(dir, RESULT_FILES.json);
  const chart = path.join(dir, RESULT_FILES.chart);
  await writeAtomically(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeAtomically(chart, await renderLatencyChart(results));
  return { json, chart };
}

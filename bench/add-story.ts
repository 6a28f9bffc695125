import fs from 'node:fs/promises';
import path from 'node:path';
import { CLI, runNode } from './child-process.js';
import { median } from './percentiles.js';
import type { StoryFile } from './synthetic-corpus.js';

/** What adding one story to a built archive cost, end to end. */
export interface AddedStory {
  /** Wall time of the fresh `dateline reindex` process (model load, seed check, embedding the story, updating and saving the index), in seconds. */
  seconds: number;
  /** Its peak RSS, in MiB. */
  rssMib: number;
}

/**
 * Writes `story` into the seeds folder `env` points at and times a fresh
 * `dateline reindex` taking it in, as a newsroom adding a story would; fails
 * unless the report says it updated the index with exactly that story.
 */
export async function measureAddStory(env: NodeJS.ProcessEnv, seedsDir: string, story: StoryFile): Promise<AddedStory> {
  await fs.writeFile(path.join(seedsDir, story.name), story.text);
  const run = runNode([CLI, 'reindex'], { env, peakRss: true });
  if (!run.stdout.startsWith('Updated the index') || !run.stdout.includes(`added 1 (${story.name})`)) {
    throw new Error(`dateline reindex did not add ${story.name} incrementally:\n${run.stdout}${run.stderr}`);
  }
  return { seconds: Number((run.wallMs / 1000).toFixed(3)), rssMib: Number((run.peakRssMib ?? Number.NaN).toFixed(1)) };
}

/** Median wall time, in seconds, of `runs` fresh `dateline ask` processes over the index `env` points at. */
export function medianColdAsk(env: NodeJS.ProcessEnv, question: string, runs: number): number {
  const times = Array.from({ length: runs }, () => runNode([CLI, 'ask', question], { env }).wallMs / 1000);
  return Number(median(times).toFixed(3));
}

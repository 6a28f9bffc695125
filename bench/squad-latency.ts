import path from 'node:path';
import { parseConfig } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { loadSquadSet } from '../src/eval/datasets.js';
import { timeAnswers } from './answer-latency.js';
import { buildAndSaveIndex } from './build-index.js';
import { percentiles, type Percentiles } from './percentiles.js';

/**
 * Warm, in-process latency of `ask` on the SQuAD judging sample (its four
 * articles indexed as stories, every question asked once to warm up, then
 * timed once each): the `warm_squad_ms` of issue #16, in ms.
 */
export async function squadWarmLatency(squadFile: string, workDir: string, env: NodeJS.ProcessEnv, embedder: Embedder): Promise<Percentiles> {
  const set = await loadSquadSet(squadFile);
  const config = parseConfig({ ...env, SEEDS_DIR: set.seedsDir, INDEX_DIR: path.join(workDir, 'index-squad') });
  const { index } = await buildAndSaveIndex(config, embedder);
  const questions = [...set.answerable, ...set.unanswerable].map((q) => q.q);
  const options = { k: config.answerExcerpts };
  await timeAnswers(index, embedder, questions, options);
  return percentiles(await timeAnswers(index, embedder, questions, options));
}

import fs from 'node:fs/promises';
import { z } from 'zod';
import { loadStorySet } from '../src/eval/datasets.js';

/** The questions the benchmark asks. */
export interface BenchQuestions {
  /** The story dev questions, answerable then unanswerable: the warm-latency workload. */
  dev: string[];
  /** Dev questions then SQuAD questions: query vectors for recall (more and more varied than the dev set). */
  recall: string[];
}

const squadQuestions = z.object({ articles: z.array(z.object({ qas: z.array(z.object({ question: z.string() })) })) });

/** Reads the dev questions and, for recall, up to `recallCount` questions in all, topped up from the SQuAD sample. */
export async function loadBenchQuestions(storyFile: string, squadFile: string, seedsDir: string, recallCount: number): Promise<BenchQuestions> {
  const set = await loadStorySet(storyFile, seedsDir);
  const dev = [...set.answerable, ...set.unanswerable].map((q) => q.q);
  const squad = squadQuestions.parse(JSON.parse(await fs.readFile(squadFile, 'utf8'))).articles.flatMap((a) => a.qas.map((qa) => qa.question));
  return { dev, recall: [...dev, ...squad].slice(0, Math.max(recallCount, 1)) };
}

import { answer, answerQuery, prepareQuery, type AnswerOptions } from '../src/answer/answer.js';
import { cleanQuestion } from '../src/answer/question.js';
import type { Embedder } from '../src/embed/embedder.js';
import type { CorpusIndex } from '../src/index/corpus-index.js';
import { percentiles, type Percentiles } from './percentiles.js';
import { timedIndex } from './timed-index.js';

/** Per-stage latency of the answers, in ms. `selection` is the answer minus embedding and the searches: fusion, answer type, excerpts, abstention. */
export interface StageLatency {
  embed: Percentiles;
  vector_search: Percentiles;
  lexical_search: Percentiles;
  selection: Percentiles;
}

/** `count` questions taken from `questions` in order, cycling. */
export function cycle(questions: readonly string[], count: number): string[] {
  if (questions.length === 0) throw new Error('no questions to ask');
  return Array.from({ length: count }, (_, i) => questions[i % questions.length]!);
}

/**
 * Warm, in-process latency of the whole answer: each question cleaned,
 * embedded and answered exactly as `ask` does (the index already open). One
 * timing per question, in ms.
 */
export async function timeAnswers(index: CorpusIndex, embedder: Embedder, questions: readonly string[], options: AnswerOptions): Promise<number[]> {
  const times: number[] = [];
  for (const q of questions) {
    const started = performance.now();
    await answer(index, embedder, cleanQuestion(q), options);
    times.push(performance.now() - started);
  }
  return times;
}

/** The same answers split into stages, on a copy of `index` whose searches are timed (see {@link timedIndex}). */
export async function timeStages(index: CorpusIndex, embedder: Embedder, questions: readonly string[], options: AnswerOptions): Promise<StageLatency> {
  const { index: timed, clock } = timedIndex(index);
  const embed: number[] = [];
  const vector: number[] = [];
  const lexical: number[] = [];
  const selection: number[] = [];
  for (const q of questions) {
    const started = performance.now();
    const query = await prepareQuery(index, embedder, cleanQuestion(q));
    const embedded = performance.now();
    clock.reset();
    answerQuery(timed, query, options, embedder.words);
    const answered = performance.now();
    embed.push(embedded - started);
    vector.push(clock.vectorMs);
    lexical.push(clock.lexicalMs);
    selection.push(answered - embedded - clock.vectorMs - clock.lexicalMs);
  }
  return { embed: percentiles(embed), vector_search: percentiles(vector), lexical_search: percentiles(lexical), selection: percentiles(selection) };
}

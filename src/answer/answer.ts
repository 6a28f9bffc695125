import type { Embedder } from '../embed/embedder.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { retrieve, type Candidate, type Query, type RetrieveOptions } from '../retrieve/retrieve.js';
import { indexTerms, terms } from '../text/tokenize.js';
import { excerptFor, isDuplicate, type Excerpt } from './excerpt.js';

/** What `answer` returns; the JSON of `dateline ask --json`. */
export interface Answer {
  question: string;
  /** False when the story does not say: `excerpts` is then empty. */
  answered: boolean;
  /** Verbatim quotes, best first. */
  excerpts: Excerpt[];
  /** When declined: the closest passages, which are not an answer. */
  closest?: Excerpt[];
}

/** Answer options. */
export interface AnswerOptions {
  /** Excerpts to return (1–10). Default 3. */
  k?: number;
  retrieve?: RetrieveOptions;
  /**
   * Least share (0–1) of the question's content, weighted by rarity, that
   * the best passage must contain; below it the answer is declined. Default 0.5.
   */
  minCoverage?: number;
}

/**
 * Share of the question's content terms, each weighted by its rarity in
 * the corpus (BM25 idf over paragraphs), found in `evidence`.
 */
export function coverage(index: CorpusIndex, questionTerms: readonly string[], evidence: string): number {
  const have = new Set(terms(evidence));
  let total = 0;
  let found = 0;
  for (const t of new Set(questionTerms)) {
    const w = index.unitLexical.idf(t);
    total += w;
    if (have.has(t)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** Prepares a question: its vector and lexical terms. */
export async function prepareQuery(embedder: Embedder, question: string): Promise<Query> {
  const [vector] = await embedder.embed([question]);
  return { text: question, vector: vector!, terms: indexTerms(question) };
}

function pickExcerpts(index: CorpusIndex, ranked: readonly Candidate[], k: number): Excerpt[] {
  const kept: Excerpt[] = [];
  for (const c of ranked) {
    if (kept.length >= k) break;
    const excerpt = excerptFor(index, index.chunks[c.chunk]!, c.score);
    if (!isDuplicate(excerpt, kept)) kept.push(excerpt);
  }
  return kept;
}

/**
 * Answers `question` from `index` with up to `k` verbatim excerpts, best
 * first, or declines when the best evidence does not cover the question.
 */
export function answerQuery(index: CorpusIndex, query: Query, options: AnswerOptions = {}): Answer {
  const k = options.k ?? 3;
  const ranked = retrieve(index, query, options.retrieve);
  const excerpts = pickExcerpts(index, ranked, k);
  const best = excerpts[0];
  const questionTerms = terms(query.text);
  const unitText = best ? index.stories.find((s) => s.id === best.story)!.units.find((u) => u.start <= best.start && best.end <= u.end)!.text : '';
  const answered = best !== undefined && coverage(index, questionTerms, unitText) >= (options.minCoverage ?? 0.5);
  return answered
    ? { question: query.text, answered, excerpts }
    : { question: query.text, answered: false, excerpts: [], closest: excerpts };
}

/** Embeds the question and answers it; see {@link answerQuery}. */
export async function answer(index: CorpusIndex, embedder: Embedder, question: string, options: AnswerOptions = {}): Promise<Answer> {
  return answerQuery(index, await prepareQuery(embedder, question), options);
}

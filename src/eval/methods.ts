import type { Answer } from '../answer/answer.js';
import type { Embedder } from '../embed/embedder.js';
import { excerptFor, isDuplicate, type Excerpt } from '../answer/excerpt.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { Bm25Index } from '../index/lexical.js';
import type { Query } from '../retrieve/retrieve.js';
import { indexTerms, terms } from '../text/tokenize.js';

/** What a method says for one question. */
export interface MethodResult {
  answered: boolean;
  /** Excerpt texts, best first. */
  excerpts: string[];
  /**
   * When answered: 'low' when the method said it was not sure (the bot shows
   * the passages under "The story may not answer this directly"). Absent
   * counts as 'high' (the baselines have no notion of it).
   */
  confidence?: 'high' | 'low';
}

/**
 * An answer's confidence: `Answer.confidence` when the answer pipeline sets
 * it, else 'high' for any answer (read defensively, so the eval works before
 * and after the pipeline reports confidence); undefined when declined.
 */
export function answerConfidence(a: Pick<Answer, 'answered'>): 'high' | 'low' | undefined {
  if (!a.answered) return undefined;
  return (a as { confidence?: 'high' | 'low' }).confidence === 'low' ? 'low' : 'high';
}

/** The eval's view of one answer of the full method. */
export function resultOf(a: Answer): MethodResult {
  const confidence = answerConfidence(a);
  return { answered: a.answered, excerpts: a.excerpts.map((e) => e.text), ...(confidence ? { confidence } : {}) };
}

/** A way of answering, compared side by side on the same index. */
export interface Method {
  name: string;
  run(query: Query): MethodResult;
}

function topExcerpts(index: CorpusIndex, ranked: Iterable<{ chunk: number; score: number }>, k: number): string[] {
  const kept: Excerpt[] = [];
  for (const { chunk, score } of ranked) {
    if (kept.length >= k) break;
    const e = excerptFor(index, index.chunks[chunk]!, score);
    if (!isDuplicate(e, kept)) kept.push(e);
  }
  return kept.map((e) => e.text);
}

/**
 * The question as the baselines see it: as typed, embedded, with its plain
 * index terms (no question stage, no spelling help), built here so the
 * baselines do not move when the answer pipeline's own preparation changes.
 */
export async function baselineQuery(embedder: Embedder, text: string): Promise<Query> {
  const [vector] = await embedder.embed([text]);
  return { text, vector: vector!, terms: indexTerms(text) };
}

/** Baseline: plain BM25 over sentences (unigram stems), never declines unless nothing matches. */
export function lexicalBaseline(index: CorpusIndex, k = 3): Method {
  const bm25 = Bm25Index.build(index.chunks.map((c) => terms(c.text)));
  return {
    name: 'lexical (BM25 sentences)',
    run(query) {
      const hits = bm25.search(terms(query.text), 20).map((h) => ({ chunk: h.doc, score: h.score }));
      return { answered: hits.length > 0, excerpts: topExcerpts(index, hits, k) };
    },
  };
}

/** Baseline: nearest sentences by embedding alone, never declines. */
export function denseBaseline(index: CorpusIndex, k = 3): Method {
  return {
    name: 'dense (vector only)',
    run(query) {
      const hits = index.vector.search(query.vector, 20).map((h) => ({ chunk: h.id, score: h.similarity }));
      return { answered: true, excerpts: topExcerpts(index, hits, k) };
    },
  };
}


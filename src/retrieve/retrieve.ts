import { dot } from '../embed/embedder.js';
import { row, type CorpusIndex } from '../index/corpus-index.js';

/** Per-signal scores of one candidate sentence, each roughly in [0, 1]. */
export interface Signals {
  /** Cosine of question and sentence. */
  dense: number;
  /** Sentence BM25, divided by the best candidate's. */
  lexical: number;
  /** Cosine of question and the sentence's paragraph or caption. */
  contextDense: number;
  /** Paragraph BM25, divided by the best paragraph's. */
  contextLexical: number;
}

/** A candidate sentence with its signals and fused score. */
export interface Candidate {
  chunk: number;
  signals: Signals;
  score: number;
}

/** Sentences taken from each of the vector and the lexical index for a corpus-wide search. */
const CANDIDATES_PER_INDEX = 40;

/**
 * Weights of the {@link Signals} in the fused score (they need not sum to 1).
 * A weighted sum was measured to beat reciprocal-rank fusion here (DESIGN.md).
 */
const FUSION_WEIGHTS: Signals = { dense: 0.35, lexical: 0.35, contextDense: 0.15, contextLexical: 0.15 };

/** Retrieval settings. */
export interface RetrieveOptions {
  /**
   * Search this story only (its position in `index.stories`). Every sentence
   * of the story is scored (a story is small), so the answer does not depend
   * on how many other stories are indexed. Default: all stories.
   */
  story?: number;
}

/** Where the candidates come from, and what the relative lexical scores are divided by. */
interface Pool {
  ids: Set<number>;
  maxLex: number;
  maxUnit: number;
}

/** The best sentences of the whole corpus by the vector and lexical indexes, with the lexical hits' neighbours. */
function corpusPool(index: CorpusIndex, query: Query): Pool {
  const lexHits = index.lexical.search(query.terms, CANDIDATES_PER_INDEX);
  const denseHits = index.vector.search(query.vector, CANDIDATES_PER_INDEX);
  const ids = new Set<number>([...denseHits.map((h) => h.id), ...lexHits.map((h) => h.doc)]);
  const sameUnit = (a: number, b: number) => {
    const x = index.chunks[a];
    const y = index.chunks[b];
    return x !== undefined && y !== undefined && x.story === y.story && x.unit === y.unit;
  };
  for (const h of lexHits.slice(0, 20)) {
    if (sameUnit(h.doc, h.doc - 1)) ids.add(h.doc - 1);
    if (sameUnit(h.doc, h.doc + 1)) ids.add(h.doc + 1);
  }
  return { ids, maxLex: lexHits[0]?.score ?? 0, maxUnit: index.unitLexical.search(query.terms, 1)[0]?.score ?? 0 };
}

/** Every sentence of one story, with the story's own best lexical scores. */
function storyPool(index: CorpusIndex, query: Query, story: number): Pool {
  const ids = new Set(index.chunks.filter((c) => c.story === story).map((c) => c.id));
  const maxLex = Math.max(0, ...[...ids].map((id) => index.lexical.score(query.terms, id)));
  const maxUnit = Math.max(0, ...(index.unitRow[story] ?? []).map((row) => index.unitLexical.score(query.terms, row)));
  return { ids, maxLex, maxUnit };
}

/** A question prepared once: its vector and lexical terms. */
export interface Query {
  text: string;
  vector: Float32Array;
  terms: string[];
}

/**
 * Hybrid retrieval: the union of the vector index's and the lexical index's
 * best sentences, each scored on four signals (sentence and paragraph, dense
 * and lexical) and fused by a weighted sum. Best first.
 */
export function retrieve(index: CorpusIndex, query: Query, options: RetrieveOptions = {}): Candidate[] {
  const dim = index.manifest.model.dimension;
  const { ids, maxLex, maxUnit } = options.story === undefined ? corpusPool(index, query) : storyPool(index, query, options.story);
  const relLex = (id: number) => (maxLex > 0 ? index.lexical.score(query.terms, id) / maxLex : 0);
  const out: Candidate[] = [];
  for (const id of ids) {
    const chunk = index.chunks[id]!;
    const unitRow = index.unitRow[chunk.story]![chunk.unit]!;
    const signals: Signals = {
      dense: dot(query.vector, row(index.vectors, dim, id)),
      lexical: relLex(id),
      contextDense: dot(query.vector, row(index.unitVectors, dim, unitRow)),
      contextLexical: maxUnit > 0 ? index.unitLexical.score(query.terms, unitRow) / maxUnit : 0,
    };
    const score =
      FUSION_WEIGHTS.dense * signals.dense +
      FUSION_WEIGHTS.lexical * signals.lexical +
      FUSION_WEIGHTS.contextDense * signals.contextDense +
      FUSION_WEIGHTS.contextLexical * signals.contextLexical;
    out.push({ chunk: id, signals, score });
  }
  out.sort((a, b) => b.score - a.score || a.chunk - b.chunk);
  return out;
}

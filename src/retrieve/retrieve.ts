import type { CorpusIndex } from '../index/corpus-index.js';

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

/**
 * Sentences taken from each of the vector and the lexical index for a
 * corpus-wide search: 30, the fewest that answer the SQuAD training articles
 * exactly as 40 did (20 lost two top-1 answers of 1,502); fewer candidates,
 * less scoring per question (DESIGN.md).
 */
export const CANDIDATES_PER_INDEX = 30;

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
  /** Sentence BM25 scores already known (the lexical hits'): `score` would give the same. */
  lexScores: Map<number, number>;
}

/** The best sentences of the whole corpus by the vector and lexical indexes, with the lexical hits' neighbours. */
function corpusPool(index: CorpusIndex, query: Query): Pool {
  const lexHits = index.lexical.search(query.terms, CANDIDATES_PER_INDEX);
  const denseHits = index.vector.search(query.vector, CANDIDATES_PER_INDEX);
  const ids = new Set<number>();
  for (const h of denseHits) ids.add(h.id);
  const lexScores = new Map<number, number>();
  for (const h of lexHits) {
    ids.add(h.doc);
    lexScores.set(h.doc, h.score);
  }
  const sameUnit = (a: number, b: number) => {
    const x = index.chunks[a];
    const y = index.chunks[b];
    return x !== undefined && y !== undefined && x.story === y.story && x.unit === y.unit;
  };
  for (const h of lexHits.slice(0, 20)) {
    if (sameUnit(h.doc, h.doc - 1)) ids.add(h.doc - 1);
    if (sameUnit(h.doc, h.doc + 1)) ids.add(h.doc + 1);
  }
  return { ids, maxLex: lexHits[0]?.score ?? 0, maxUnit: index.unitLexical.search(query.terms, 1)[0]?.score ?? 0, lexScores };
}

/** Every sentence of one story, with the story's own best lexical scores. */
function storyPool(index: CorpusIndex, scores: LexicalScores, story: number): Pool {
  const ids = new Set(index.chunks.filter((c) => c.story === story).map((c) => c.id));
  const lexScores = new Map([...ids].map((id) => [id, scores.sentence(id)]));
  const maxLex = Math.max(0, ...lexScores.values());
  const maxUnit = Math.max(0, ...(index.unitRow[story] ?? []).map((row) => scores.unit(row)));
  return { ids, maxLex, maxUnit, lexScores };
}

/** A question's BM25 scorers, its terms looked up once: sentences by id, units by row. */
interface LexicalScores {
  sentence: (doc: number) => number;
  unit: (row: number) => number;
}

/** A question prepared once: its vector and lexical terms. */
export interface Query {
  text: string;
  vector: Float32Array;
  terms: string[];
}

/** The candidates' paragraphs: each one's unit row once (`rows`), and the position in `rows` of each candidate's. */
function paragraphsOf(index: CorpusIndex, chunkIds: readonly number[]): { rows: number[]; of: Int32Array } {
  const rows: number[] = [];
  const at = new Map<number, number>();
  const of = new Int32Array(chunkIds.length);
  chunkIds.forEach((id, i) => {
    const chunk = index.chunks[id]!;
    const row = index.unitRow[chunk.story]![chunk.unit]!;
    let u = at.get(row);
    if (u === undefined) at.set(row, (u = rows.push(row) - 1));
    of[i] = u;
  });
  return { rows, of };
}

/**
 * Hybrid retrieval: the union of the vector index's and the lexical index's
 * best sentences, each scored on four signals (sentence and paragraph, dense
 * and lexical) and fused by a weighted sum. Best first. Each paragraph is
 * scored once, however many of its sentences are candidates.
 */
export function retrieve(index: CorpusIndex, query: Query, options: RetrieveOptions = {}): Candidate[] {
  const scores: LexicalScores = { sentence: index.lexical.scorer(query.terms), unit: index.unitLexical.scorer(query.terms) };
  const { ids, maxLex, maxUnit, lexScores } = options.story === undefined ? corpusPool(index, query) : storyPool(index, scores, options.story);
  const chunkIds = [...ids];
  const paragraphs = paragraphsOf(index, chunkIds);
  const dense = index.vectors.dots(query.vector, chunkIds);
  const unitDense = index.unitVectors.dots(query.vector, paragraphs.rows);
  const unitLexical = paragraphs.rows.map((row) => (maxUnit > 0 ? scores.unit(row) / maxUnit : 0));
  const out = chunkIds.map((id, i): Candidate => {
    const u = paragraphs.of[i]!;
    const signals: Signals = {
      dense: dense[i]!,
      lexical: maxLex > 0 ? (lexScores.get(id) ?? scores.sentence(id)) / maxLex : 0,
      contextDense: unitDense[u]!,
      contextLexical: unitLexical[u]!,
    };
    const score =
      FUSION_WEIGHTS.dense * signals.dense +
      FUSION_WEIGHTS.lexical * signals.lexical +
      FUSION_WEIGHTS.contextDense * signals.contextDense +
      FUSION_WEIGHTS.contextLexical * signals.contextLexical;
    return { chunk: id, signals, score };
  });
  out.sort((a, b) => b.score - a.score || a.chunk - b.chunk);
  return out;
}

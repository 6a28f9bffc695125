import type { WordVectors } from '../embed/word-vectors.js';
import { stem } from '../text/tokenize.js';

/** A passage's content words, with their stems and unit vectors (rows of one matrix), prepared once. */
export interface PassageWords {
  stems: ReadonlySet<string>;
  /** The words' vectors, row after row (`rows × dimension`); words without a vector have no row. */
  matrix: Float32Array;
  rows: number;
}

/** A question word to look for, with its weight. */
export interface WeightedWord {
  word: string;
  weight: number;
}

/** Prepares a passage's distinct content words for {@link softCoverage}. */
export function passageWords(contentWords: Iterable<string>, vectors?: WordVectors): PassageWords {
  const stems = new Set<string>();
  const rows: Float32Array[] = [];
  for (const w of new Set(contentWords)) {
    stems.add(stem(w));
    const v = vectors?.vector(w);
    if (v) rows.push(v);
  }
  const dimension = vectors?.dimension ?? 0;
  const matrix = new Float32Array(rows.length * dimension);
  rows.forEach((row, i) => matrix.set(row, i * dimension));
  return { stems, matrix, rows: rows.length };
}

/** The largest cosine between `v` and a row of `passage` (at least 0). */
function bestCosine(v: Float32Array, passage: PassageWords): number {
  const { matrix, rows } = passage;
  const dimension = v.length;
  let best = 0;
  for (let r = 0, offset = 0; r < rows; r++, offset += dimension) {
    let sum = 0;
    for (let k = 0; k < dimension; k++) sum += v[k]! * matrix[offset + k]!;
    if (sum > best) best = sum;
  }
  return best;
}

/** How closely a passage holds `word`: 1 for the same stem, else its nearest word's cosine (at least 0). */
export function wordMatch(word: string, passage: PassageWords, vectors?: WordVectors): number {
  if (passage.stems.has(stem(word))) return 1;
  const v = vectors?.vector(word);
  return v ? bestCosine(v, passage) : 0;
}

/**
 * Soft coverage (0–1): the weighted share of the question's words that the
 * passage holds, each counted by its best match — the same stem counts 1,
 * a paraphrase its word vectors' cosine (`demonstrators` meets
 * `participants` at about 0.3). Without word vectors it is hard coverage.
 */
export function softCoverage(question: readonly WeightedWord[], passage: PassageWords, vectors?: WordVectors): number {
  return new SoftMatcher(question, vectors).coverage(passage);
}

/**
 * {@link wordMatch} and {@link softCoverage} for one question, each pair of
 * word and passage computed once: the reranking and the evidence look at the
 * same sentences and paragraphs. Lives as long as the question's answer.
 */
export class SoftMatcher {
  private readonly matches = new Map<PassageWords, Map<string, number>>();
  private readonly coverages = new Map<PassageWords, number>();

  constructor(
    /** The question's weighted content words. */
    readonly question: readonly WeightedWord[],
    /** Word vectors; without them matching is by stem only. */
    readonly vectors?: WordVectors,
  ) {}

  /** {@link wordMatch}, remembered. */
  match(word: string, passage: PassageWords): number {
    let byWord = this.matches.get(passage);
    if (!byWord) this.matches.set(passage, (byWord = new Map()));
    let m = byWord.get(word);
    if (m === undefined) byWord.set(word, (m = wordMatch(word, passage, this.vectors)));
    return m;
  }

  /** {@link softCoverage} of the question, remembered. */
  coverage(passage: PassageWords): number {
    let c = this.coverages.get(passage);
    if (c === undefined) {
      let total = 0;
      let found = 0;
      for (const { word, weight } of this.question) {
        total += weight;
        found += weight * this.match(word, passage);
      }
      this.coverages.set(passage, (c = total === 0 ? 0 : found / total));
    }
    return c;
  }
}

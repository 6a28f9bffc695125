import type { WordVectors } from '../embed/word-vectors.js';
import { dotRows } from '../retrieve/dot-rows.js';
import { stem } from '../text/tokenize.js';

/**
 * Unit vectors of distinct words, row after row, with each word's row. A
 * paragraph's rows are shared by the sentences inside it, so a question
 * word's cosines with them are computed once per question.
 */
export interface WordRows {
  /** `count × dimension` values. */
  matrix: Float32Array;
  count: number;
  /** Where each row starts in `matrix`. */
  offsets: Int32Array;
  /** The row of each word that has a vector. */
  rowOf: ReadonlyMap<string, number>;
}

/** A passage's content words: their stems, and the rows of their vectors, prepared once. */
export interface PassageWords {
  stems: ReadonlySet<string>;
  /** Where the vectors are: the passage's own rows, or those of a passage holding it ({@link passageWithin}). */
  words: WordRows;
  /** The rows of `words` holding this passage's words (words without a vector have none). */
  rows: Int32Array;
}

/** A question word to look for, with its weight. */
export interface WeightedWord {
  word: string;
  weight: number;
}

/** Prepares a passage's distinct content words for {@link softCoverage}. */
export function passageWords(contentWords: Iterable<string>, vectors?: WordVectors): PassageWords {
  const stems = new Set<string>();
  const rowOf = new Map<string, number>();
  const vs: Float32Array[] = [];
  for (const w of new Set(contentWords)) {
    stems.add(stem(w));
    const v = vectors?.vector(w);
    if (v) rowOf.set(w, vs.push(v) - 1);
  }
  const dimension = vectors?.dimension ?? 0;
  const matrix = new Float32Array(vs.length * dimension);
  vs.forEach((v, i) => matrix.set(v, i * dimension));
  const rows = Int32Array.from(vs.keys());
  return { stems, words: { matrix, count: vs.length, offsets: rows.map((r) => r * dimension), rowOf }, rows };
}

/**
 * Prepares a part of `outer` (a sentence of its paragraph) that takes its
 * vectors from `outer`'s rows; a standalone {@link passageWords} when a word
 * with a vector is not among them.
 */
export function passageWithin(contentWords: Iterable<string>, outer: PassageWords, vectors?: WordVectors): PassageWords {
  const distinct = new Set(contentWords);
  const stems = new Set<string>();
  const rows: number[] = [];
  for (const w of distinct) {
    stems.add(stem(w));
    const r = outer.words.rowOf.get(w);
    if (r !== undefined) rows.push(r);
    else if (vectors?.vector(w)) return passageWords(distinct, vectors);
  }
  return { stems, words: outer.words, rows: Int32Array.from(rows) };
}

/** The largest of the cosines `cos[at + r]` at the passage's rows `r` (at least 0). */
function bestOf(cos: Float64Array, at: number, passage: PassageWords): number {
  const { rows } = passage;
  let best = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = cos[at + rows[i]!]!;
    if (c > best) best = c;
  }
  return best;
}

/** How closely a passage holds `word`: 1 for the same stem, else its nearest word's cosine (at least 0). */
export function wordMatch(word: string, passage: PassageWords, vectors?: WordVectors): number {
  if (passage.stems.has(stem(word))) return 1;
  const v = vectors?.vector(word);
  if (!v) return 0;
  const cos = new Float64Array(passage.words.count);
  dotRows(v, passage.words.matrix, passage.words.offsets, cos);
  return bestOf(cos, 0, passage);
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
 * {@link wordMatch} and {@link softCoverage} for one question: each question
 * word's vector is looked up once, and its cosines with a paragraph's rows
 * are computed once for the paragraph and every sentence inside it (the
 * reranking and the evidence look at the same sentences and paragraphs).
 * Lives as long as the question's answer.
 */
export class SoftMatcher {
  private readonly vectorOf = new Map<string, Float32Array | undefined>();
  /** Where a word's cosines with a set of rows start in {@link cosines}. */
  private readonly starts = new Map<WordRows, Map<string, number>>();
  /** Every cosine computed for the question, in one growing buffer rather than an array per word and paragraph. */
  private cosines = new Float64Array(0);
  private used = 0;
  private readonly coverages = new Map<PassageWords, number>();

  constructor(
    /** The question's weighted content words. */
    readonly question: readonly WeightedWord[],
    /** Word vectors; without them matching is by stem only. */
    readonly vectors?: WordVectors,
  ) {}

  private vector(word: string): Float32Array | undefined {
    if (this.vectorOf.has(word)) return this.vectorOf.get(word);
    const v = this.vectors?.vector(word);
    this.vectorOf.set(word, v);
    return v;
  }

  /** Where the cosines of `word` (vector `v`) with `words`' rows are in {@link cosines}, computed on first use. */
  private offsetOf(word: string, v: Float32Array, words: WordRows): number {
    let byWord = this.starts.get(words);
    if (!byWord) this.starts.set(words, (byWord = new Map()));
    let at = byWord.get(word);
    if (at === undefined) {
      at = this.reserve(words.count);
      dotRows(v, words.matrix, words.offsets, this.cosines, at);
      byWord.set(word, at);
    }
    return at;
  }

  /** The start of `n` free places in {@link cosines}, growing it when full (a question of the SQuAD sample uses about 1,600). */
  private reserve(n: number): number {
    if (this.used + n > this.cosines.length) {
      const grown = new Float64Array(Math.max(2048, 2 * this.cosines.length, this.used + n));
      grown.set(this.cosines.subarray(0, this.used));
      this.cosines = grown;
    }
    const at = this.used;
    this.used += n;
    return at;
  }

  /** {@link wordMatch}, each cosine computed once. */
  match(word: string, passage: PassageWords): number {
    if (passage.stems.has(stem(word))) return 1;
    const v = this.vector(word);
    if (!v) return 0;
    const at = this.offsetOf(word, v, passage.words);
    return bestOf(this.cosines, at, passage);
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

import type { WordVectors } from '../embed/word-vectors.js';
import { dotRows } from '../index/dot-rows.js';
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
  /** Every word asked about (the question's first), with its stem and vector (`null`: none; `undefined`: not looked up yet). */
  private readonly words: string[] = [];
  private readonly stems: string[] = [];
  private readonly vectorOf: (Float32Array | null | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  /** The slot of each of the question's words. */
  private readonly questionSlots: number[];
  /** For each set of rows: where each word's cosines with them start in {@link cosines}, by slot (undefined: not computed yet). */
  private readonly starts = new Map<WordRows, (number | undefined)[]>();
  /** Every cosine computed for the question, in one growing buffer rather than an array per word and paragraph. */
  private cosines = new Float64Array(0);
  private used = 0;
  private readonly coverages = new Map<PassageWords, number>();

  constructor(
    /** The question's weighted content words. */
    readonly question: readonly WeightedWord[],
    /** Word vectors; without them matching is by stem only. */
    readonly vectors?: WordVectors,
  ) {
    this.questionSlots = question.map(({ word }) => this.slot(word));
  }

  /** The slot of `word`, added on first sight. */
  private slot(word: string): number {
    let slot = this.slots.get(word);
    if (slot === undefined) {
      slot = this.words.push(word) - 1;
      this.stems.push(stem(word));
      this.vectorOf.push(undefined);
      this.slots.set(word, slot);
    }
    return slot;
  }

  private vector(slot: number): Float32Array | null {
    let v = this.vectorOf[slot];
    if (v === undefined) this.vectorOf[slot] = v = this.vectors?.vector(this.words[slot]!) ?? null;
    return v;
  }

  private startsOf(words: WordRows): (number | undefined)[] {
    let starts = this.starts.get(words);
    if (!starts) this.starts.set(words, (starts = []));
    return starts;
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

  /** {@link wordMatch} of the word in `slot`; `starts` are the passage's rows' ({@link startsOf}). */
  private matchAt(slot: number, passage: PassageWords, starts: (number | undefined)[]): number {
    if (passage.stems.has(this.stems[slot]!)) return 1;
    const v = this.vector(slot);
    if (!v) return 0;
    let at = starts[slot];
    if (at === undefined) {
      const { words } = passage;
      starts[slot] = at = this.reserve(words.count);
      dotRows(v, words.matrix, words.offsets, this.cosines, at);
    }
    return bestOf(this.cosines, at, passage);
  }

  /** {@link wordMatch}, each cosine computed once. */
  match(word: string, passage: PassageWords): number {
    return this.matchAt(this.slot(word), passage, this.startsOf(passage.words));
  }

  /** {@link softCoverage} of the question, remembered. */
  coverage(passage: PassageWords): number {
    let c = this.coverages.get(passage);
    if (c === undefined) {
      const starts = this.startsOf(passage.words);
      let total = 0;
      let found = 0;
      this.question.forEach(({ weight }, i) => {
        total += weight;
        found += weight * this.matchAt(this.questionSlots[i]!, passage, starts);
      });
      this.coverages.set(passage, (c = total === 0 ? 0 : found / total));
    }
    return c;
  }
}

import { dot } from '../embed/embedder.js';
import type { WordVectors } from '../embed/word-vectors.js';
import { stem } from '../text/tokenize.js';

/** A passage's content words, with their stems and vectors, prepared once. */
export interface PassageWords {
  stems: ReadonlySet<string>;
  vectors: Float32Array[];
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
  return { stems, vectors: rows };
}

/** How closely a passage holds `word`: 1 for the same stem, else its nearest word's cosine (at least 0). */
export function wordMatch(word: string, passage: PassageWords, vectors?: WordVectors): number {
  if (passage.stems.has(stem(word))) return 1;
  const v = vectors?.vector(word);
  if (!v) return 0;
  let best = 0;
  for (const p of passage.vectors) best = Math.max(best, dot(v, p));
  return best;
}

/**
 * Soft coverage (0–1): the weighted share of the question's words that the
 * passage holds, each counted by its best match — the same stem counts 1,
 * a paraphrase its word vectors' cosine (`demonstrators` meets
 * `participants` at about 0.3). Without word vectors it is hard coverage.
 */
export function softCoverage(question: readonly WeightedWord[], passage: PassageWords, vectors?: WordVectors): number {
  let total = 0;
  let found = 0;
  for (const { word, weight } of question) {
    total += weight;
    found += weight * wordMatch(word, passage, vectors);
  }
  return total === 0 ? 0 : found / total;
}

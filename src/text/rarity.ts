import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** SIF-style smoothing: a word of probability p weighs a/(a+p). 1e-4 separates everyday words from names and rare terms. */
export const RARITY_A = 1e-4;

const WORD_LIST = path.join(PROJECT_ROOT, 'src', 'text', 'data', 'word-ranks.txt');
/** Vocabulary size of the source the ranks come from (GloVe 6B via wink), for Zipf's normaliser. */
const SOURCE_VOCABULARY = 341_479;
const HARMONIC = Math.log(SOURCE_VOCABULARY) + 0.5772156649;

let ranks: Map<string, number> | undefined;

function load(): Map<string, number> {
  if (!ranks) {
    const words = fs.readFileSync(WORD_LIST, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    ranks = new Map(words.map((w, i) => [w, i + 1]));
  }
  return ranks;
}

/**
 * How informative an English word is, 0–1, from its frequency rank in a
 * general corpus (Zipf's law): `the` ≈ 0, `country` ≈ 0.6, a name or a term
 * outside the 50,000 most frequent words = 1. Independent of the stories, so
 * it also works on a one-story corpus where document frequencies say little.
 */
export function rarity(word: string): number {
  const rank = load().get(word);
  if (rank === undefined) return 1;
  const p = 1 / (rank * HARMONIC);
  return RARITY_A / (RARITY_A + p);
}

/** True when `word` is outside the frequency list: a name, a number or a rare term. */
export function isRare(word: string): boolean {
  return !load().has(word);
}

import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import { StringTable } from './string-table.js';
import { remember } from './word-memory.js';

/** The words of a {@link WORD_LIST} file's text, in rank order. */
export function listedWords(text: string): string[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#'));
}

/** SIF-style smoothing: a word of probability p weighs a/(a+p). 1e-4 separates everyday words from names and rare terms. */
export const RARITY_A = 1e-4;

/** The list, most frequent first, one word per line (`#` lines are comments). */
export const WORD_LIST = path.join(PROJECT_ROOT, 'src', 'text', 'data', 'word-ranks.txt');
/**
 * The same words as a ready-made {@link StringTable} (id = rank − 1), written
 * by `npm run model:vocab`: read in a millisecond, where filling a `Map` of
 * the 50,000 words cost a one-shot ask about 35 ms. A test checks it against the list.
 */
export const WORD_TABLE = path.join(PROJECT_ROOT, 'src', 'text', 'data', 'word-ranks.bin');
/** Vocabulary size of the source the ranks come from (GloVe 6B via wink), for Zipf's normaliser. */
const SOURCE_VOCABULARY = 341_479;
const HARMONIC = Math.log(SOURCE_VOCABULARY) + 0.5772156649;

/** The word list as a hash table (an id is a rank − 1), read on first use. */
let ranks: StringTable | undefined;
/** Ranks looked up so far (0: not in the list), so warm answers pay a `Map` look-up. */
const seen = new Map<string, number>();

function rankOf(word: string): number {
  return remember(seen, word, () => {
    ranks ??= new StringTable(new Uint8Array(fs.readFileSync(WORD_TABLE)));
    return (ranks.id(word) ?? -1) + 1;
  });
}

/**
 * How informative an English word is, 0–1, from its frequency rank in a
 * general corpus (Zipf's law): `the` ≈ 0, `country` ≈ 0.6, a name or a term
 * outside the 50,000 most frequent words = 1. Independent of the stories, so
 * it also works on a one-story corpus where document frequencies say little.
 */
export function rarity(word: string): number {
  const rank = rankOf(word);
  if (rank === 0) return 1;
  const p = 1 / (rank * HARMONIC);
  return RARITY_A / (RARITY_A + p);
}

/** True when `word` is outside the frequency list: a name, a number or a rare term. */
export function isRare(word: string): boolean {
  return rankOf(word) === 0;
}

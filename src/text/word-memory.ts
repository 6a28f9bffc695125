import { words } from './tokenize.js';

/** Texts whose words are remembered at most; then the memory starts over (bounded, whatever the archive's size). */
const LIMIT = 50_000;
const lists = new Map<string, readonly string[]>();
const sets = new Map<string, ReadonlySet<string>>();

/**
 * `memory`'s value for `key` (a text, or a row of an index), made and kept
 * on first sight; past `limit` entries (default {@link LIMIT}) the memory
 * starts over, so it stays bounded however long the process serves.
 */
export function remember<K, T>(memory: Map<K, T>, key: K, make: () => T, limit = LIMIT): T {
  let value = memory.get(key);
  if (value === undefined) {
    if (memory.size >= limit) memory.clear();
    memory.set(key, (value = make()));
  }
  return value;
}

/**
 * The words of a passage (`words(text)`, without offsets), remembered: the
 * same sentences and paragraphs are candidates for question after question,
 * and their words never depend on the question. Callers must not change them.
 */
export function wordList(text: string): readonly string[] {
  return remember(lists, text, () => words(text).map((w) => w.word));
}

/** {@link wordList} as a set, remembered too. */
export function wordSetOf(text: string): ReadonlySet<string> {
  return remember(sets, text, () => new Set(wordList(text)));
}

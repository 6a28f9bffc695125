import { words } from './tokenize.js';

/** Texts whose words are remembered at most; then the memory starts over (bounded, whatever the archive's size). */
const LIMIT = 50_000;
const lists = new Map<string, readonly string[]>();
const sets = new Map<string, ReadonlySet<string>>();

/** `memory`'s value for `text`, made and kept on first sight; past {@link LIMIT} entries the memory starts over. */
export function remember<T>(memory: Map<string, T>, text: string, make: () => T): T {
  let value = memory.get(text);
  if (value === undefined) {
    if (memory.size >= LIMIT) memory.clear();
    memory.set(text, (value = make()));
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

import { words } from './tokenize.js';

/**
 * The stories' own vocabulary: how often each (folded) word occurs, and how
 * often it is written with a capital inside a sentence — a name, even when
 * a question types it in lower case.
 */
export class Lexicon {
  private readonly byLength = new Map<number, string[]>();

  private constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly capitalised: ReadonlyMap<string, number>,
  ) {
    for (const w of counts.keys()) {
      const list = this.byLength.get(w.length);
      if (list) list.push(w);
      else this.byLength.set(w.length, [w]);
    }
  }

  /** The vocabulary of `texts`. */
  static of(texts: Iterable<string>): Lexicon {
    const counts = new Map<string, number>();
    const capitalised = new Map<string, number>();
    for (const text of texts) {
      for (const w of words(text)) {
        counts.set(w.word, (counts.get(w.word) ?? 0) + 1);
        const first = text[w.start]!;
        const prev = text.slice(Math.max(0, w.start - 3), w.start);
        if (first !== first.toLowerCase() && !/(^|[.!?:"“]\s*)$/.test(prev) && w.start > 0) capitalised.set(w.word, (capitalised.get(w.word) ?? 0) + 1);
      }
    }
    return new Lexicon(counts, capitalised);
  }

  /**
   * This vocabulary after stories change: the words of `removed` texts
   * taken out, those of `added` texts counted in (what {@link Lexicon.of}
   * over the stories now gives, without reading the unchanged ones).
   */
  withChanges(removed: Iterable<string>, added: Iterable<string>): Lexicon {
    const counts = new Map(this.counts);
    const capitalised = new Map(this.capitalised);
    const apply = (from: Lexicon, sign: number) => {
      for (const [w, n] of from.counts) counts.set(w, (counts.get(w) ?? 0) + sign * n);
      for (const [w, n] of from.capitalised) capitalised.set(w, (capitalised.get(w) ?? 0) + sign * n);
    };
    apply(Lexicon.of(removed), -1);
    apply(Lexicon.of(added), 1);
    for (const [w, n] of counts) if (n <= 0) counts.delete(w);
    for (const [w, n] of capitalised) if (n <= 0) capitalised.delete(w);
    return new Lexicon(counts, capitalised);
  }

  /** The vocabulary as parallel lists, to be stored with an index and read back by {@link Lexicon.fromEntries}. */
  entries(): { words: string[]; counts: Uint32Array; capitalised: Uint32Array } {
    const words = [...this.counts.keys()];
    return { words, counts: Uint32Array.from(words, (w) => this.counts.get(w)!), capitalised: Uint32Array.from(words, (w) => this.capitalised.get(w) ?? 0) };
  }

  /** The lexicon whose {@link Lexicon.entries} these are (no story is read again). */
  static fromEntries(words: readonly string[], counts: ArrayLike<number>, capitalised: ArrayLike<number>): Lexicon {
    if (counts.length !== words.length || capitalised.length !== words.length) throw new Error('the lexicon lists differ in length');
    const byWord = new Map<string, number>();
    const upper = new Map<string, number>();
    words.forEach((w, i) => {
      byWord.set(w, counts[i]!);
      if (capitalised[i]! > 0) upper.set(w, capitalised[i]!);
    });
    return new Lexicon(byWord, upper);
  }

  /** Occurrences of a folded word. */
  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  /** True when the stories write `word` with a capital inside sentences at least half the time: a name. */
  isName(word: string): boolean {
    const n = this.counts.get(word) ?? 0;
    return n > 0 && (this.capitalised.get(word) ?? 0) * 2 >= n && word.length >= 3;
  }

  /**
   * The stories' word nearest to an unknown `word` within the edit distance
   * its length allows (1 up to 7 letters, 2 from 8; none under 4), the most
   * frequent on a tie; undefined when none or when two different words tie.
   */
  nearest(word: string): string | undefined {
    if (word.length < 4 || /\d/.test(word)) return undefined;
    const limit = word.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    let bestCount = 0;
    let tie = false;
    for (let len = word.length - limit; len <= word.length + limit; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        if (candidate.length < 4 || !sameStart(word, candidate)) continue;
        const d = editDistance(word, candidate, limit);
        if (d > limit) continue;
        const count = this.counts.get(candidate)!;
        if (d < bestDistance || (d === bestDistance && count > bestCount)) {
          tie = d === bestDistance && count === bestCount && best !== undefined;
          best = candidate;
          bestDistance = d;
          bestCount = count;
        } else if (d === bestDistance && count === bestCount) tie = true;
      }
    }
    return tie ? undefined : best;
  }
}

/**
 * A cheap filter before the edit distance: a typo rarely changes both of the
 * first two letters, so a candidate shares the first or the second letter
 * with the word, or has the two swapped.
 */
function sameStart(word: string, candidate: string): boolean {
  return word[0] === candidate[0] || word[1] === candidate[1] || (word[0] === candidate[1] && word[1] === candidate[0]);
}

/** The three rows {@link editDistance} works in, reused from call to call (it runs for every candidate spelling). */
let rows = new Int32Array(3 * 32);

/**
 * Optimal-string-alignment distance (insert, delete, substitute, swap two
 * neighbours), stopping early once it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Offsets of the rows two back, one back and current in `rows`; they rotate.
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j < width; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const free = prev2;
    prev2 = prev;
    prev = cur;
    cur = free;
  }
  return rows[prev + b.length]!;
}

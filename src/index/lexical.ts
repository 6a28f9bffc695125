import { StringTable } from '../text/string-table.js';
import type { Pack } from './pack.js';
import { kthLargest, topK } from './top-k.js';

/** BM25 parameters. */
export interface Bm25Params {
  /** Term-frequency saturation (0.5–2). Default 1.2. */
  k1: number;
  /** Length normalisation (0–1). Default 0.5. */
  b: number;
}

/** b = 0.5: sentences vary less in length than documents, and full normalisation over-rewards short ones (measured, DESIGN.md). */
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5 };

/** Index of `doc` in a flat [doc, tf, …] posting list sorted by doc, or -1. */
function findDoc(list: Uint32Array, doc: number): number {
  let lo = 0;
  let hi = list.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list[2 * mid]!;
    if (d === doc) return 2 * mid;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The first pair index at or after `from` whose doc is at least `doc` in a
 * flat [doc, tf, …] list sorted by doc (the pair count when none): galloping,
 * so walking a long list for a few ascending docs costs little.
 */
function seek(list: Uint32Array, from: number, doc: number): number {
  const pairs = list.length >> 1;
  let lo = from;
  let hi = from;
  let step = 1;
  while (hi < pairs && list[2 * hi]! < doc) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > pairs) hi = pairs;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[2 * mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k-th highest of `scores` over `docs` (-Infinity when there are fewer than k). */
function kthBest(docs: readonly number[], scores: Float64Array, k: number): number {
  if (docs.length < k) return -Infinity;
  return kthLargest(docs, scores, k);
}

/** Slack for sums taken in another order: far above rounding, far below any real score gap. */
function margin(score: number): number {
  return 1e-9 * (Math.abs(score) + 1);
}

/** A copy of `array` twice as long, the new half filled with `fill`. */
function grown<T extends Int32Array | Uint32Array>(array: T, fill = 0): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

/** A query term as scoring reads it: its postings and its weight (idf). */
interface QueryTerm {
  list: Uint32Array;
  w: number;
}

/** A scored document. */
export interface Hit {
  doc: number;
  score: number;
}

/**
 * What answering asks of a lexical index. {@link Bm25Index} is the one
 * Dateline builds; a wrapper that composes over it (the bench's timing) can
 * stand in without patching it.
 */
export interface LexicalSearch {
  /** Documents indexed. */
  readonly size: number;
  /** Documents containing `term`. */
  df(term: string): number;
  /** Inverse document frequency of `term`. */
  idf(term: string): number;
  /** The `k` best documents for the query terms, best first. */
  search(query: readonly string[], k: number): Hit[];
  /** The score `search` gives `doc`. */
  score(query: readonly string[], doc: number): number;
  /**
   * {@link score} for one query and many documents: the query's terms are
   * looked up once, then each call scores one document.
   */
  scorer(query: readonly string[]): (doc: number) => number;
}

/**
 * An index's stored form, the sections of its pack file: document lengths,
 * the terms as a {@link StringTable}, and each term's postings — term `t`'s
 * flat [doc, tf, doc, tf, …] list sorted by doc is
 * `postings[starts[t] … starts[t + 1])`.
 */
export interface Bm25Parts {
  lengths: Uint32Array;
  terms: Uint8Array;
  starts: Uint32Array;
  postings: Uint32Array;
}

/** Where a term's postings are read from: arrays in memory, a pack read from disk on demand, or two indexes joined. */
type PostingSource = (term: string) => Uint32Array | undefined;

const EMPTY = new Uint32Array(0);
/** Terms whose postings an index remembers before it starts afresh (bounds memory on an archive read from disk). */
const POSTINGS_MEMO = 50_000;

/**
 * An inverted index with Okapi BM25 scoring over pre-tokenised documents
 * (the caller decides the terms: stems, bigrams, fields). Built in memory;
 * opened from a pack either in memory or on disk, where only the document
 * lengths are read up front and each query reads its terms' postings.
 */
export class Bm25Index implements LexicalSearch {
  private readonly avgLength: number;
  private readonly scores: Float64Array;
  private readonly memo = new Map<string, Uint32Array | null>();

  private constructor(
    readonly params: Bm25Params,
    private readonly docLengths: Uint32Array,
    private readonly source: PostingSource,
    /** The stored form: kept when built in memory, read whole from the pack when asked otherwise. */
    private readonly stored: () => Bm25Parts,
  ) {
    let total = 0;
    for (const l of docLengths) total += l;
    this.avgLength = docLengths.length ? total / docLengths.length : 1;
    this.scores = new Float64Array(docLengths.length);
  }

  /**
   * Builds an index; document `i` is `docs[i]`. Terms are numbered in order
   * of first appearance, each document's (term, tf) pairs go into flat typed
   * arrays, and a counting sort by term lays out the postings, documents in
   * order: an archive's millions of pairs without a Map or an array per term
   * (at ×10,000 the Map-and-arrays build took 80 s of the build, mostly GC).
   */
  static build(docs: readonly (readonly string[])[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const ids = new Map<string, number>();
    let lastDoc = new Int32Array(1024).fill(-1);
    let pairOf = new Int32Array(1024);
    let pairTerm = new Int32Array(1024);
    let pairDoc = new Uint32Array(1024);
    let pairTf = new Uint32Array(1024);
    let pairs = 0;
    const lengths = new Uint32Array(docs.length);
    for (let doc = 0; doc < docs.length; doc++) {
      const terms = docs[doc]!;
      lengths[doc] = terms.length;
      for (const term of terms) {
        let id = ids.get(term);
        if (id === undefined) {
          id = ids.size;
          ids.set(term, id);
          if (id === lastDoc.length) {
            lastDoc = grown(lastDoc, -1);
            pairOf = grown(pairOf);
          }
        }
        if (lastDoc[id] === doc) {
          pairTf[pairOf[id]!]!++;
          continue;
        }
        if (pairs === pairTerm.length) {
          pairTerm = grown(pairTerm);
          pairDoc = grown(pairDoc);
          pairTf = grown(pairTf);
        }
        lastDoc[id] = doc;
        pairOf[id] = pairs;
        pairTerm[pairs] = id;
        pairDoc[pairs] = doc;
        pairTf[pairs++] = 1;
      }
    }
    const count = ids.size;
    const starts = new Uint32Array(count + 1);
    for (let p = 0; p < pairs; p++) starts[pairTerm[p]! + 1]! += 2;
    for (let t = 0; t < count; t++) starts[t + 1]! += starts[t]!;
    const postings = new Uint32Array(starts[count]!);
    const next = starts.slice(0, count);
    for (let p = 0; p < pairs; p++) {
      const at = next[pairTerm[p]!]!;
      postings[at] = pairDoc[p]!;
      postings[at + 1] = pairTf[p]!;
      next[pairTerm[p]!] = at + 2;
    }
    return Bm25Index.fromParts({ lengths, terms: StringTable.build([...ids.keys()]), starts, postings }, params);
  }

  /** An index over its stored form in memory. */
  static fromParts(parts: Bm25Parts, params: Bm25Params): Bm25Index {
    const terms = new StringTable(parts.terms);
    const { starts, postings } = parts;
    if (starts.length !== terms.size + 1 || starts[terms.size] !== postings.length) throw new Error('the lexical index\'s term list and postings do not match');
    const source: PostingSource = (term) => {
      const t = terms.id(term);
      return t === undefined ? undefined : postings.subarray(starts[t]!, starts[t + 1]!);
    };
    return new Bm25Index(params, parts.lengths, source, () => parts);
  }

  /**
   * The index stored as sections `<name>.lengths|terms|starts|postings` of
   * `pack`. Only the document lengths are read now; terms and postings are
   * read when a query asks for them (from memory or disk, as the pack is).
   */
  static open(pack: Pack, name: string, params: Bm25Params): Bm25Index {
    const lengths = pack.u32(`${name}.lengths`);
    const termsAt = pack.info(`${name}.terms`);
    const startsAt = pack.info(`${name}.starts`);
    const postingsAt = pack.info(`${name}.postings`);
    if (termsAt.type !== 'u8' || startsAt.type !== 'u32' || postingsAt.type !== 'u32') throw new Error(`the lexical index ${name} has sections of the wrong type`);
    const terms = new StringTable(pack.source, termsAt.offset);
    if (startsAt.length !== terms.size + 1) throw new Error(`the lexical index ${name}'s term list and postings do not match`);
    const bytes = pack.source;
    const source: PostingSource = (term) => {
      const t = terms.id(term);
      if (t === undefined) return undefined;
      const start = bytes.u32(startsAt.offset + 4 * t);
      const end = bytes.u32(startsAt.offset + 4 * t + 4);
      if (end < start || end > postingsAt.length) throw new Error(`the lexical index ${name} is damaged (postings of term ${t})`);
      return end === start ? EMPTY : bytes.u32s(postingsAt.offset + 4 * start, end - start);
    };
    const stored = () => ({ lengths, terms: pack.u8(`${name}.terms`), starts: pack.u32(`${name}.starts`), postings: pack.u32(`${name}.postings`) });
    return new Bm25Index(params, lengths, source, stored);
  }

  /**
   * `first`'s documents, then `second`'s numbered on after them, scored as
   * one index: document counts, lengths and each term's documents are the
   * two added together, so every score is the one an index built over both
   * at once gives (a base segment and the stories added since, `segments.ts`).
   * It has no stored form of its own: its parts stay where they are.
   */
  static joined(first: Bm25Index, second: Bm25Index): Bm25Index {
    if (first.params.k1 !== second.params.k1 || first.params.b !== second.params.b) throw new Error('cannot join BM25 indexes with different k1 or b');
    const lengths = new Uint32Array(first.size + second.size);
    lengths.set(first.docLengths);
    lengths.set(second.docLengths, first.size);
    const source: PostingSource = (term) => {
      const a = first.postings(term);
      const b = second.postings(term);
      if (!b) return a;
      const list = new Uint32Array((a?.length ?? 0) + b.length);
      if (a) list.set(a);
      for (let i = 0, o = a?.length ?? 0; i < b.length; i += 2, o += 2) {
        list[o] = b[i]! + first.size;
        list[o + 1] = b[i + 1]!;
      }
      return list;
    };
    return new Bm25Index(first.params, lengths, source, () => {
      throw new Error('a joined lexical index has no stored form of its own: its segments keep theirs');
    });
  }

  /** The stored form (the sections of its pack); an index opened from disk reads them whole. */
  parts(): Bm25Parts {
    return this.stored();
  }

  /**
   * A term's postings, remembered: the same terms come back in every
   * question (and `idf` is asked many times per answer), and a lookup in
   * the stored table, let alone a read from disk, costs far more than a Map.
   */
  private postings(term: string): Uint32Array | undefined {
    const known = this.memo.get(term);
    if (known !== undefined) return known ?? undefined;
    const list = this.source(term) ?? null;
    if (this.memo.size >= POSTINGS_MEMO) this.memo.clear();
    this.memo.set(term, list);
    return list ?? undefined;
  }

  get size(): number {
    return this.docLengths.length;
  }

  /** Documents containing `term`. */
  df(term: string): number {
    return (this.postings(term)?.length ?? 0) / 2;
  }

  /** BM25 inverse document frequency (always positive); a term absent from the corpus gets the highest value. */
  idf(term: string): number {
    const n = this.df(term);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /**
   * The `k` best documents for the query terms (a term repeated in the query
   * counts once per occurrence), best first; documents with no term score 0 and are left out.
   *
   * Exact, but it does not read every posting of a common word: terms are
   * taken rarest first, and once the weight still to come cannot lift a
   * document nobody has seen to the k-th best score so far (MaxScore), the
   * common terms' long lists are only looked up for the documents still in
   * the running, which are dropped as soon as they cannot reach it either.
   * The few that can are scored again term by term in query order, so hits
   * carry exactly the scores {@link score} gives.
   */
  search(query: readonly string[], k: number): Hit[] {
    if (k <= 0) return [];
    const { k1 } = this.params;
    const terms = this.queryTerms(query);
    const byRarity = terms.slice().sort((x, y) => x.list.length - y.list.length);
    const partial = this.scores;
    const touched: number[] = [];
    let rest = 0;
    for (const t of byRarity) rest += t.w * (k1 + 1);
    let best = 0;
    let next = 0;
    let running: number[] | undefined;
    for (; next < byRarity.length; next++) {
      if (touched.length >= k && rest < best) {
        const floor = kthBest(touched, partial, k);
        if (rest < floor - margin(floor)) {
          running = touched.filter((doc) => partial[doc]! + rest >= floor - margin(floor)).sort((x, y) => x - y);
          break;
        }
      }
      const { list, w } = byRarity[next]!;
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        if (partial[doc] === 0) touched.push(doc);
        const s = (partial[doc]! += this.weigh(w, list[i + 1]!, doc));
        if (s > best) best = s;
      }
      rest -= w * (k1 + 1);
    }
    if (running) {
      for (; next < byRarity.length; next++) {
        const { list, w } = byRarity[next]!;
        const pairs = list.length >> 1;
        let at = 0;
        for (const doc of running) {
          at = seek(list, at, doc);
          if (at === pairs) break;
          if (list[2 * at] === doc) partial[doc]! += this.weigh(w, list[2 * at + 1]!, doc);
        }
        rest -= w * (k1 + 1);
        const floor = kthBest(running, partial, k);
        running = running.filter((doc) => partial[doc]! + rest >= floor - margin(floor));
      }
    }
    const pool = running ?? touched;
    const floor = kthBest(pool, partial, k);
    const contenders = pool.filter((doc) => partial[doc]! >= floor - margin(floor));
    for (const doc of touched) partial[doc] = 0;
    const exact = new Map(contenders.map((doc) => [doc, this.scoreWith(terms, doc)]));
    return topK(contenders, (doc) => exact.get(doc)!, Math.min(k, contenders.length)).map((doc) => ({ doc, score: exact.get(doc)! }));
  }

  /** What one occurrence count `tf` of a term of weight `w` adds to `doc`'s score. */
  private weigh(w: number, tf: number, doc: number): number {
    const { k1, b } = this.params;
    return (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.docLengths[doc]!) / this.avgLength));
  }

  /** `doc`'s score over the query's terms (their postings and weights, in query order). */
  private scoreWith(terms: readonly QueryTerm[], doc: number): number {
    let score = 0;
    for (const { list, w } of terms) {
      const at = findDoc(list, doc);
      if (at >= 0) score += this.weigh(w, list[at + 1]!, doc);
    }
    return score;
  }

  /** The BM25 score `search` gives `doc` (0 when it holds no query term), without scanning other documents. */
  score(query: readonly string[], doc: number): number {
    return this.scoreWith(this.queryTerms(query), doc);
  }

  scorer(query: readonly string[]): (doc: number) => number {
    const terms = this.queryTerms(query);
    return (doc) => this.scoreWith(terms, doc);
  }

  /** The postings and weight of each query term the index holds, in query order (a repeated term once per occurrence). */
  private queryTerms(query: readonly string[]): QueryTerm[] {
    const terms: QueryTerm[] = [];
    for (const term of query) {
      const list = this.postings(term);
      if (list) terms.push({ list, w: this.idf(term) });
    }
    return terms;
  }
}

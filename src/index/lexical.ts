import { topK } from './top-k.js';

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

/** A scored document. */
export interface Hit {
  doc: number;
  score: number;
}

/** Serialised form, stored as `lexical.json`. */
export interface Bm25Json {
  params: Bm25Params;
  docLengths: number[];
  /** term → flat [doc, tf, doc, tf, …]. */
  postings: Record<string, number[]>;
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
  /** The serialised form `saveIndex` writes. */
  toJSON(): Bm25Json;
}

/**
 * An inverted index with Okapi BM25 scoring over pre-tokenised documents
 * (the caller decides the terms: stems, bigrams, fields).
 */
export class Bm25Index implements LexicalSearch {
  private readonly avgLength: number;
  private readonly scores: Float64Array;

  private constructor(
    readonly params: Bm25Params,
    private readonly docLengths: Uint32Array,
    private readonly postings: Map<string, Uint32Array>,
  ) {
    let total = 0;
    for (const l of docLengths) total += l;
    this.avgLength = docLengths.length ? total / docLengths.length : 1;
    this.scores = new Float64Array(docLengths.length);
  }

  /** Builds an index; document `i` is `docs[i]`. */
  static build(docs: readonly (readonly string[])[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const lists = new Map<string, number[]>();
    docs.forEach((terms, doc) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let list = lists.get(t);
        if (!list) lists.set(t, (list = []));
        list.push(doc, n);
      }
    });
    const postings = new Map<string, Uint32Array>();
    for (const [t, list] of lists) postings.set(t, Uint32Array.from(list));
    return new Bm25Index(params, Uint32Array.from(docs.map((d) => d.length)), postings);
  }

  static fromJSON(json: Bm25Json): Bm25Index {
    const postings = new Map<string, Uint32Array>();
    for (const [t, list] of Object.entries(json.postings)) postings.set(t, Uint32Array.from(list));
    return new Bm25Index(json.params, Uint32Array.from(json.docLengths), postings);
  }

  toJSON(): Bm25Json {
    const postings: Record<string, number[]> = {};
    for (const [t, list] of this.postings) postings[t] = Array.from(list);
    return { params: this.params, docLengths: Array.from(this.docLengths), postings };
  }

  get size(): number {
    return this.docLengths.length;
  }

  /** Documents containing `term`. */
  df(term: string): number {
    return (this.postings.get(term)?.length ?? 0) / 2;
  }

  /** BM25 inverse document frequency (always positive); a term absent from the corpus gets the highest value. */
  idf(term: string): number {
    const n = this.df(term);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /**
   * The `k` best documents for the query terms (a term repeated in the query
   * counts once per occurrence), best first; documents with no term score 0 and are left out.
   */
  search(query: readonly string[], k: number): Hit[] {
    const { k1, b } = this.params;
    const scores = this.scores;
    const touched: number[] = [];
    for (const term of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const w = this.idf(term);
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        const tf = list[i + 1]!;
        const norm = tf + k1 * (1 - b + (b * this.docLengths[doc]!) / this.avgLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (w * tf * (k1 + 1)) / norm;
      }
    }
    const best = topK(touched, (doc) => scores[doc]!, Math.min(k, touched.length));
    const hits = best.map((doc) => ({ doc, score: scores[doc]! }));
    for (const doc of touched) scores[doc] = 0;
    return hits;
  }

  /** The BM25 score `search` gives `doc` (0 when it holds no query term), without scanning other documents. */
  score(query: readonly string[], doc: number): number {
    const { k1, b } = this.params;
    let score = 0;
    for (const term of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const at = findDoc(list, doc);
      if (at < 0) continue;
      const tf = list[at + 1]!;
      const w = this.idf(term);
      const norm = tf + k1 * (1 - b + (b * this.docLengths[doc]!) / this.avgLength);
      score += (w * tf * (k1 + 1)) / norm;
    }
    return score;
  }
}

import { StringTable } from '../text/string-table.js';
import { Bm25Index, type Bm25Params, type Bm25Parts } from './lexical.js';

/** A document of an incremental update: its id in the new index and its terms. */
export interface AddedDocument {
  doc: number;
  terms: readonly string[];
}

/**
 * The BM25 index `parts` becomes when documents are removed, renumbered and
 * added, without re-reading the documents it keeps: `docOf[d]` is old
 * document d's id in the new index (−1: removed; it must keep the old order),
 * `added` are the new documents, `size` the new count. Postings stay sorted
 * by document, so the result scores exactly as `Bm25Index.build` over the new
 * documents would. Runs of terms that gained no document are copied in bulk
 * (one `set` when no document moved, as when a story is added at the end). Terms no document uses any more keep an empty list until
 * a full rebuild.
 */
export function updateBm25(parts: Bm25Parts, docOf: Int32Array, added: readonly AddedDocument[], size: number, params: Bm25Params): Bm25Index {
  const terms = new StringTable(parts.terms);
  const lengths = new Uint32Array(size);
  docOf.forEach((now, old) => {
    if (now >= 0) lengths[now] = parts.lengths[old]!;
  });
  const extra: string[] = [];
  const extraId = new Map<string, number>();
  const addedLists = new Map<number, number[]>();
  for (const { doc, terms: words } of [...added].sort((a, b) => a.doc - b.doc)) {
    lengths[doc] = words.length;
    const tf = new Map<string, number>();
    for (const t of words) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let id = terms.id(t) ?? extraId.get(t);
      if (id === undefined) {
        id = terms.size + extra.length;
        extraId.set(t, id);
        extra.push(t);
      }
      let list = addedLists.get(id);
      if (!list) addedLists.set(id, (list = []));
      list.push(doc, n);
    }
  }
  const count = terms.size + extra.length;
  const modified = [...addedLists.keys()].sort((a, b) => a - b);
  const removes = docOf.some((d) => d < 0);
  const identity = !removes && docOf.every((d, i) => d === i);
  const { starts: oldStarts, postings: oldPostings } = parts;
  let kept = oldPostings.length;
  if (removes) {
    kept = 0;
    for (let i = 0; i < oldPostings.length; i += 2) if (docOf[oldPostings[i]!]! >= 0) kept += 2;
  }
  let addedTotal = 0;
  for (const list of addedLists.values()) addedTotal += list.length;
  const starts = new Uint32Array(count + 1);
  const postings = new Uint32Array(kept + addedTotal);
  let at = 0;
  /** Copies the old postings of terms [a, b), renumbered, none of which gained a document. */
  const copyTerms = (a: number, b: number) => {
    if (a >= b) return;
    if (!removes) {
      const from = oldStarts[a]!;
      const shift = at - from;
      for (let t = a; t < b; t++) starts[t] = oldStarts[t]! + shift;
      const end = oldStarts[b]!;
      if (identity) postings.set(oldPostings.subarray(from, end), at);
      else for (let i = from; i < end; i += 2) {
        postings[at + i - from] = docOf[oldPostings[i]!]!;
        postings[at + i - from + 1] = oldPostings[i + 1]!;
      }
      at += end - from;
      return;
    }
    for (let t = a; t < b; t++) {
      starts[t] = at;
      for (let i = oldStarts[t]!; i < oldStarts[t + 1]!; i += 2) {
        const doc = docOf[oldPostings[i]!]!;
        if (doc < 0) continue;
        postings[at++] = doc;
        postings[at++] = oldPostings[i + 1]!;
      }
    }
  };
  /** Writes term t's postings: its old ones renumbered, merged by document with the added ones. */
  const mergeTerm = (t: number, more: readonly number[]) => {
    starts[t] = at;
    let j = 0;
    if (t < terms.size) {
      for (let i = oldStarts[t]!; i < oldStarts[t + 1]!; i += 2) {
        const doc = docOf[oldPostings[i]!]!;
        if (doc < 0) continue;
        for (; j < more.length && more[j]! < doc; j += 2) {
          postings[at++] = more[j]!;
          postings[at++] = more[j + 1]!;
        }
        postings[at++] = doc;
        postings[at++] = oldPostings[i + 1]!;
      }
    }
    for (; j < more.length; j += 2) {
      postings[at++] = more[j]!;
      postings[at++] = more[j + 1]!;
    }
  };
  let next = 0;
  for (const t of modified) {
    copyTerms(next, Math.min(t, terms.size));
    mergeTerm(t, addedLists.get(t)!);
    next = t + 1;
  }
  copyTerms(next, terms.size);
  starts[count] = at;
  return Bm25Index.fromParts({ lengths, terms: StringTable.extend(parts.terms, extra), starts, postings }, params);
}

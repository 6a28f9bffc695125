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
 * documents would. Terms no document uses any more keep an empty list until
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
  const { starts: oldStarts, postings: oldPostings } = parts;
  const starts = new Uint32Array(count + 1);
  let total = 0;
  for (let t = 0; t < count; t++) {
    starts[t] = total;
    if (t < terms.size) for (let i = oldStarts[t]!; i < oldStarts[t + 1]!; i += 2) if (docOf[oldPostings[i]!]! >= 0) total += 2;
    total += addedLists.get(t)?.length ?? 0;
  }
  starts[count] = total;
  const postings = new Uint32Array(total);
  for (let t = 0; t < count; t++) {
    let at = starts[t]!;
    const more = addedLists.get(t) ?? [];
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
  }
  return Bm25Index.fromParts({ lengths, terms: StringTable.extend(parts.terms, extra), starts, postings }, params);
}

import type { CorpusIndex } from './corpus-index.js';
import { Bm25Index } from './lexical.js';
import type { Manifest } from './manifest.js';
import { lazyArray } from './packed-stories.js';
import { JoinedVectorTable } from './vector-table.js';
import type { Neighbour, VectorSearch } from './vector.js';

/** The k best of two neighbour lists, higher similarity first, ties by smaller id. */
function bestOf(a: readonly Neighbour[], b: readonly Neighbour[], k: number): Neighbour[] {
  return [...a, ...b].sort((x, y) => y.similarity - x.similarity || x.id - y.id).slice(0, k);
}

/**
 * An index that answers as one over `base`'s stories followed by `delta`'s:
 * chunk, unit and story numbers of the delta come after the base's; BM25
 * counts documents and lengths over both, so lexical scores are those of a
 * whole build; the vector search asks the base's graph (or scan) and scans
 * the delta, and keeps the best of both. `manifest` lists every story.
 */
export function joinSegments(manifest: Manifest, base: CorpusIndex, delta: CorpusIndex): CorpusIndex {
  const stories = base.stories.length;
  const chunks = base.chunks.length;
  const units = base.units.length;
  const deltaChunks = delta.chunks.map((c) => ({ ...c, id: c.id + chunks, story: c.story + stories }));
  const vector: VectorSearch = {
    count: base.vector.count + delta.vector.count,
    search: (query, k) =>
      bestOf(
        base.vector.search(query, k),
        delta.vector.search(query, k).map((n) => ({ id: n.id + chunks, similarity: n.similarity })),
        k,
      ),
  };
  return {
    manifest,
    stories: lazyArray(stories + delta.stories.length, (s) => (s < stories ? base.stories[s]! : delta.stories[s - stories]!)),
    chunks: lazyArray(chunks + deltaChunks.length, (i) => (i < chunks ? base.chunks[i]! : deltaChunks[i - chunks]!)),
    vectors: new JoinedVectorTable(base.vectors, delta.vectors),
    unitVectors: new JoinedVectorTable(base.unitVectors, delta.unitVectors),
    units: lazyArray(units + delta.units.length, (r): [number, number] => {
      if (r < units) return base.units[r]!;
      const [s, u] = delta.units[r - units]!;
      return [s + stories, u];
    }),
    unitRow: lazyArray(stories + delta.stories.length, (s) => (s < stories ? base.unitRow[s]! : delta.unitRow[s - stories]!.map((r) => r + units))),
    lexical: Bm25Index.joined(base.lexical as Bm25Index, delta.lexical as Bm25Index),
    unitLexical: Bm25Index.joined(base.unitLexical as Bm25Index, delta.unitLexical as Bm25Index),
    vector,
    vectorLabels: base.vectorLabels,
    lexicon: delta.lexicon,
    segments: { base, delta },
  };
}

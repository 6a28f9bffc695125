import type { Embedder } from '../src/embed/embedder.js';
import type { CorpusIndex } from '../src/index/corpus-index.js';
import { ExactVectorIndex, type VectorSearch } from '../src/index/vector.js';

/** Similarities this close count as equally near (duplicate sentences have identical vectors). */
const TIE = 1e-5;

/**
 * recall@k of `approximate` against `exact` for each query vector: the share
 * of the approximate top k whose similarity reaches the exact k-th best
 * (so a different one of several equally near vectors is not counted as a miss). Mean over queries.
 */
export function recallAtK(approximate: VectorSearch, exact: VectorSearch, queries: readonly Float32Array[], k: number): number {
  if (queries.length === 0) return Number.NaN;
  let total = 0;
  for (const q of queries) {
    const truth = exact.search(q, k);
    const kth = truth[truth.length - 1]?.similarity ?? -Infinity;
    const found = approximate.search(q, k).filter((h) => h.similarity >= kth - TIE).length;
    total += truth.length === 0 ? 1 : Math.min(found, truth.length) / truth.length;
  }
  return total / queries.length;
}

/** recall@k of the index's hnswlib graph against an exact scan of the same chunk vectors, for the embedded `questions`. */
export async function indexRecall(index: CorpusIndex, embedder: Embedder, questions: readonly string[], k: number): Promise<number> {
  const queries = await embedder.embed(questions);
  return recallAtK(index.vector, new ExactVectorIndex(index.vectors.flat(), index.manifest.model.dimension), queries, k);
}

import hnswlib from 'hnswlib-node';
import type { Neighbour, VectorSearch } from '../src/index/vector.js';

const { BruteforceSearch } = hnswlib;

/**
 * Exact nearest neighbours by hnswlib's C++ `BruteforceSearch` (cosine, the
 * same space as the HNSW graph): the fair baseline for `speedup_vs_exact`,
 * since both sides then run hnswlib's native distance code.
 */
export class BruteforceVectorIndex implements VectorSearch {
  private readonly index: InstanceType<typeof BruteforceSearch>;
  readonly count: number;

  /** Indexes the `vectors` (concatenated, `dimension` each), labelled 0…n-1 as chunk ids. */
  constructor(vectors: Float32Array, dimension: number) {
    this.count = vectors.length / dimension;
    this.index = new BruteforceSearch('cosine', dimension);
    this.index.initIndex(Math.max(1, this.count));
    for (let i = 0; i < this.count; i++) this.index.addPoint(Array.from(vectors.subarray(i * dimension, (i + 1) * dimension)), i);
  }

  search(query: Float32Array, k: number): Neighbour[] {
    const n = Math.min(k, this.count);
    if (n === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
    return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i]! }));
  }
}

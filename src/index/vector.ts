import hnswlib from 'hnswlib-node';
import { DEFAULT_HNSW, type HnswParams } from './hnsw-params.js';
import { topK } from './top-k.js';

const { HierarchicalNSW } = hnswlib;

/** A neighbour: its label and cosine similarity. */
export interface Neighbour {
  id: number;
  similarity: number;
}

/** Nearest-neighbour search over unit vectors, by cosine similarity. */
export interface VectorSearch {
  readonly count: number;
  search(query: Float32Array, k: number): Neighbour[];
}

/** An approximate index over hnswlib's HNSW graph; labels are chunk ids. */
export class HnswVectorIndex implements VectorSearch {
  private constructor(
    private readonly index: InstanceType<typeof HierarchicalNSW>,
    readonly count: number,
    private readonly efSearch: number,
  ) {}

  /** Builds the graph over `vectors`, labelled 0…n-1. */
  static build(vectors: readonly Float32Array[], dimension: number, params: HnswParams = DEFAULT_HNSW): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', dimension);
    index.initIndex(Math.max(1, vectors.length), params.m, params.efConstruction, 42);
    vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
    index.setEf(params.efSearch);
    return new HnswVectorIndex(index, vectors.length, params.efSearch);
  }

  /** Reads a graph written by {@link save}. */
  static load(file: string, dimension: number, count: number, params: HnswParams = DEFAULT_HNSW): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', dimension);
    index.readIndexSync(file);
    index.setEf(params.efSearch);
    return new HnswVectorIndex(index, count, params.efSearch);
  }

  save(file: string): void {
    this.index.writeIndexSync(file);
  }

  search(query: Float32Array, k: number): Neighbour[] {
    const n = Math.min(k, this.count);
    if (n === 0) return [];
    if (n > this.efSearch) this.index.setEf(n);
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
    if (n > this.efSearch) this.index.setEf(this.efSearch);
    return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i]! }));
  }
}

/** Exact search by scanning every vector: the reference for recall and the baseline for speed. */
export class ExactVectorIndex implements VectorSearch {
  constructor(
    private readonly vectors: Float32Array,
    private readonly dimension: number,
  ) {}

  get count(): number {
    return this.vectors.length / this.dimension;
  }

  search(query: Float32Array, k: number): Neighbour[] {
    const d = this.dimension;
    const sims = new Float32Array(this.count);
    for (let i = 0; i < sims.length; i++) {
      let s = 0;
      for (let j = 0, o = i * d; j < d; j++) s += query[j]! * this.vectors[o + j]!;
      sims[i] = s;
    }
    const ids = new Uint32Array(sims.length).map((_, i) => i);
    return topK(ids, (id) => sims[id]!, Math.min(k, sims.length)).map((id) => ({ id, similarity: sims[id]! }));
  }
}

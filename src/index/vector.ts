import hnswlib from 'hnswlib-node';
import { DEFAULT_HNSW, resolveEfSearch, scansExactly, type HnswParams } from './hnsw-params.js';
import { BestScores } from './top-k.js';

const { BruteforceSearch, HierarchicalNSW } = hnswlib;

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

/**
 * An approximate index over hnswlib's HNSW graph. Graph labels map to chunk
 * ids through `labels` (label → chunk id, −1 for a chunk removed by an
 * incremental reindex): a full build labels chunk i with i; an incremental
 * one keeps unchanged chunks' labels and gives new chunks new labels.
 *
 * A small graph (`efSearch` auto, under `AUTO_EXACT_BELOW` live vectors) is
 * searched by hnswlib's exact C++ scan over its own stored vectors instead,
 * labelled by chunk id and built on the first search: exact and faster there.
 */
export class HnswVectorIndex implements VectorSearch {
  /** The exact scan a small graph is searched by, once built. */
  private scan: BruteforceVectorIndex | undefined;

  private constructor(
    private readonly index: InstanceType<typeof HierarchicalNSW>,
    readonly count: number,
    /** The candidate list searches use (`efSearch` resolved for this graph's size). */
    readonly efSearch: number,
    /** Label → chunk id (−1: removed). */
    readonly labels: Int32Array,
    /** Whether searches scan every live vector exactly ({@link scansExactly}). */
    readonly exact: boolean,
  ) {}

  /** The random seed of every graph built (hnswlib draws node levels from it): the same rows in the same order give the same graph. */
  static readonly SEED = 42;

  /** Builds the graph over `vectors`, labelled 0…n-1 (`graph-worker.ts` builds the same graph off the main thread). */
  static build(vectors: readonly Float32Array[], dimension: number, params: HnswParams = DEFAULT_HNSW): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', dimension);
    index.initIndex(Math.max(1, vectors.length), params.m, params.efConstruction, HnswVectorIndex.SEED, true);
    vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
    const ef = resolveEfSearch(params.efSearch, vectors.length);
    index.setEf(ef);
    return new HnswVectorIndex(index, vectors.length, ef, Int32Array.from(vectors, (_, i) => i), scansExactly(params.efSearch, vectors.length));
  }

  /** Reads a graph written by {@link save}; `labels` is the map saved with it. */
  static load(file: string, dimension: number, labels: Int32Array, params: HnswParams = DEFAULT_HNSW): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', dimension);
    index.readIndexSync(file, true);
    let live = 0;
    for (const c of labels) if (c >= 0) live++;
    const ef = resolveEfSearch(params.efSearch, live);
    index.setEf(ef);
    if (index.getIdsList().some((label) => label >= labels.length)) throw new Error('the vector graph has labels its label map lacks');
    return new HnswVectorIndex(index, live, ef, labels, scansExactly(params.efSearch, live));
  }

  /**
   * For an incremental reindex: the graph saved in `file` (labelled by
   * `previous`), read afresh so the serving one is untouched, with chunks
   * `chunkOf` maps to −1 deleted, the others relabelled to their new ids,
   * and each `added` vector inserted as its `chunk` (into deleted slots first).
   */
  static update(file: string, dimension: number, previous: Int32Array, chunkOf: Int32Array, added: readonly { chunk: number; vector: Float32Array }[], params: HnswParams): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', dimension);
    index.readIndexSync(file, true);
    const labels = new Int32Array(previous.length + added.length).fill(-1);
    let live = 0;
    previous.forEach((chunk, label) => {
      if (chunk < 0) return;
      const now = chunkOf[chunk]!;
      if (now < 0) index.markDelete(label);
      else {
        labels[label] = now;
        live++;
      }
    });
    const needed = live + added.length;
    if (needed > index.getMaxElements()) index.resizeIndex(Math.max(needed, Math.ceil(index.getMaxElements() * 1.25)));
    added.forEach(({ chunk, vector }, i) => {
      const label = previous.length + i;
      index.addPoint(Array.from(vector), label, true);
      labels[label] = chunk;
    });
    const ef = resolveEfSearch(params.efSearch, needed);
    index.setEf(ef);
    return new HnswVectorIndex(index, needed, ef, labels, scansExactly(params.efSearch, needed));
  }

  /** The graph's live vectors as stored, each with its chunk id. */
  private *livePoints(): Generator<[number[], number]> {
    for (let label = 0; label < this.labels.length; label++) {
      const chunk = this.labels[label]!;
      if (chunk >= 0) yield [this.index.getPoint(label), chunk];
    }
  }

  save(file: string): void {
    this.index.writeIndexSync(file);
  }

  search(query: Float32Array, k: number): Neighbour[] {
    const n = Math.min(k, this.count);
    if (n === 0) return [];
    if (this.exact) return (this.scan ??= new BruteforceVectorIndex(this.index.getNumDimensions(), this.count, this.livePoints())).search(query, n);
    if (n > this.efSearch) this.index.setEf(n);
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
    if (n > this.efSearch) this.index.setEf(this.efSearch);
    const out: Neighbour[] = [];
    neighbors.forEach((label, i) => {
      const id = this.labels[label] ?? -1;
      if (id >= 0) out.push({ id, similarity: 1 - distances[i]! });
    });
    return out;
  }
}

/**
 * Exact nearest neighbours by hnswlib's C++ `BruteforceSearch` (cosine, the
 * graph's own space and distance code): what a small graph is searched by
 * ({@link HnswVectorIndex}), and the bench's fair baseline for
 * `speedup_vs_exact`, both sides then running hnswlib's native code.
 */
export class BruteforceVectorIndex implements VectorSearch {
  private readonly index: InstanceType<typeof BruteforceSearch>;

  /** Indexes `count` points, each a vector with its id (a chunk id). */
  constructor(
    dimension: number,
    readonly count: number,
    points: Iterable<readonly [vector: number[], id: number]>,
  ) {
    this.index = new BruteforceSearch('cosine', dimension);
    this.index.initIndex(Math.max(1, count));
    for (const [vector, id] of points) this.index.addPoint(vector, id);
  }

  /** The `vectors` (concatenated, `dimension` each), labelled 0…n-1 as chunk ids. */
  static overRows(vectors: Float32Array, dimension: number): BruteforceVectorIndex {
    const count = vectors.length / dimension;
    const rows = function* (): Generator<[number[], number]> {
      for (let i = 0; i < count; i++) yield [Array.from(vectors.subarray(i * dimension, (i + 1) * dimension)), i];
    };
    return new BruteforceVectorIndex(dimension, count, rows());
  }

  search(query: Float32Array, k: number): Neighbour[] {
    const n = Math.min(k, this.count);
    if (n === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
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

  /**
   * One pass over every vector keeping the k best in a bounded min-heap (no
   * score array, no sort of everything). Similarities are rounded to
   * float32, ties go to the smaller id. (A one-shot ask scans byte codes
   * instead, `QuantisedVectorIndex`, and gets these same neighbours.)
   */
  search(query: Float32Array, k: number): Neighbour[] {
    const d = this.dimension;
    const v = this.vectors;
    const n = this.count;
    const best = new BestScores(Math.min(k, n));
    for (let id = 0, o = 0; id < n; id++, o += d) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += query[j]! * v[o + j]!;
      best.push(id, Math.fround(dot));
    }
    return best.sorted().map(({ id, score }) => ({ id, similarity: score }));
  }
}

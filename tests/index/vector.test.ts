import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/eval/seeded-random.js';
import { AUTO_EXACT_BELOW, DEFAULT_HNSW } from '../../src/index/hnsw-params.js';
import { BruteforceVectorIndex, ExactVectorIndex, HnswVectorIndex } from '../../src/index/vector.js';

const DIM = 16;

/** `n` random unit vectors, clustered so that a small graph walk can miss neighbours. */
function unitVectors(n: number, seed: number): Float32Array[] {
  const rng = seededRandom(seed);
  const random = () => rng.next();
  const centres = Array.from({ length: 8 }, () => Float32Array.from({ length: DIM }, () => random() * 2 - 1));
  return Array.from({ length: n }, (_, i) => {
    const v = Float32Array.from(centres[i % 8]!, (c) => c + 0.3 * (random() * 2 - 1));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const flat = (vs: readonly Float32Array[]) => {
  const out = new Float32Array(vs.length * DIM);
  vs.forEach((v, i) => out.set(v, i * DIM));
  return out;
};

const ids = (hits: readonly { id: number }[]) => hits.map((h) => h.id);

describe('HnswVectorIndex on a small corpus (efSearch auto)', () => {
  const vectors = unitVectors(600, 7);
  const queries = unitVectors(40, 99);
  const exact = new ExactVectorIndex(flat(vectors), DIM);

  it('finds exactly the nearest sentences, as a full scan does', () => {
    const small = HnswVectorIndex.build(vectors, DIM, { m: 4, efConstruction: 16, efSearch: 'auto' });
    expect(small.exact).toBe(true);
    for (const q of queries) expect(ids(small.search(q, 30))).toEqual(ids(exact.search(q, 30)));
  });

  it('walks the graph when efSearch is set explicitly, which can miss neighbours', () => {
    const walked = HnswVectorIndex.build(vectors, DIM, { m: 4, efConstruction: 16, efSearch: 10 });
    expect(walked.exact).toBe(false);
    const misses = queries.filter((q) => ids(walked.search(q, 30)).join() !== ids(exact.search(q, 30)).join());
    expect(misses.length).toBeGreaterThan(0);
  });

  it('after an incremental update, scans the live chunks only, under their new ids', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-vector-'));
    const file = path.join(dir, 'graph.bin');
    HnswVectorIndex.build(vectors, DIM, DEFAULT_HNSW).save(file);
    // chunk 0 removed, the others shift down by one; one new vector appended as the last chunk
    const chunkOf = Int32Array.from(vectors, (_, i) => i - 1);
    const added = unitVectors(1, 5)[0]!;
    const previous = Int32Array.from(vectors, (_, i) => i);
    const updated = HnswVectorIndex.update(file, DIM, previous, chunkOf, [{ chunk: vectors.length - 1, vector: added }], DEFAULT_HNSW);
    expect(updated.exact).toBe(true);
    const now = [...vectors.slice(1), added];
    const expected = new ExactVectorIndex(flat(now), DIM);
    for (const q of [...queries, added]) expect(ids(updated.search(q, 10))).toEqual(ids(expected.search(q, 10)));
    expect(updated.search(added, 1)[0]!.id).toBe(vectors.length - 1);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('leaves larger corpora to the graph', () => {
    expect(AUTO_EXACT_BELOW).toBeGreaterThan(600);
    const big = HnswVectorIndex.build(unitVectors(AUTO_EXACT_BELOW, 3), DIM, { m: 4, efConstruction: 16, efSearch: 'auto' });
    expect(big.exact).toBe(false);
  });
});

describe('BruteforceVectorIndex (hnswlib C++ brute force)', () => {
  it('returns the same neighbours and similarities as the JavaScript exact loop', () => {
    const vectors = flat(unitVectors(500, 1));
    const cpp = BruteforceVectorIndex.overRows(vectors, DIM);
    const js = new ExactVectorIndex(vectors, DIM);
    expect(cpp.count).toBe(500);
    for (const query of unitVectors(20, 2)) {
      const a = cpp.search(query, 10);
      const b = js.search(query, 10);
      expect(ids(a)).toEqual(ids(b));
      a.forEach((h, i) => expect(h.similarity).toBeCloseTo(b[i]!.similarity, 5));
    }
  });

  it('returns at most the vectors it holds', () => {
    const cpp = BruteforceVectorIndex.overRows(flat(unitVectors(3, 3)), DIM);
    expect(cpp.search(unitVectors(1, 4)[0]!, 10)).toHaveLength(3);
  });
});

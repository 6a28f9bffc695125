import { describe, expect, it } from 'vitest';
import { BruteforceVectorIndex } from '../../bench/exact-search.js';
import { seededRandom } from '../../src/eval/seeded-random.js';
import { ExactVectorIndex } from '../../src/index/vector.js';

function unitVectors(count: number, dimension: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(count * dimension);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let j = 0; j < dimension; j++) norm += (out[i * dimension + j] = random.next() * 2 - 1) ** 2;
    for (let j = 0; j < dimension; j++) out[i * dimension + j]! /= Math.sqrt(norm);
  }
  return out;
}

describe('BruteforceVectorIndex (hnswlib C++ brute force)', () => {
  it('returns the same neighbours and similarities as the JavaScript exact loop', () => {
    const dimension = 16;
    const vectors = unitVectors(500, dimension, 1);
    const cpp = new BruteforceVectorIndex(vectors, dimension);
    const js = new ExactVectorIndex(vectors, dimension);
    expect(cpp.count).toBe(500);
    const queries = unitVectors(20, dimension, 2);
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * dimension, (q + 1) * dimension);
      const a = cpp.search(query, 10);
      const b = js.search(query, 10);
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      a.forEach((h, i) => expect(h.similarity).toBeCloseTo(b[i]!.similarity, 5));
    }
  });

  it('returns at most the vectors it holds', () => {
    const cpp = new BruteforceVectorIndex(unitVectors(3, 4, 3), 4);
    expect(cpp.search(new Float32Array([1, 0, 0, 0]), 10)).toHaveLength(3);
  });
});

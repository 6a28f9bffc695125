import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.js';
import { buildSettings } from '../../src/index/build-settings.js';
import { MIN_RESCORED, QuantisedVectorIndex, quantiseRows } from '../../src/index/quantised-scan.js';
import { ExactVectorIndex } from '../../src/index/vector.js';
import { MemoryVectorTable } from '../../src/index/vector-table.js';
import { readSeeds } from '../../src/ingest/read-seeds.js';
import { bundledEmbedder, testConfig } from '../support/fixtures.js';

/** Deterministic unit vectors (a small LCG), many of them close to each other. */
function unitRows(count: number, dimension: number, seed: number): Float32Array {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const rows = new Float32Array(count * dimension);
  for (let r = 0; r < count; r++) {
    let norm = 0;
    for (let j = 0; j < dimension; j++) norm += (rows[r * dimension + j] = next()) ** 2;
    for (let j = 0; j < dimension; j++) rows[r * dimension + j]! /= Math.sqrt(norm);
  }
  return rows;
}

describe('the byte-code scan of a one-shot ask', () => {
  it('finds exactly the neighbours, similarities and order of the exact float scan', () => {
    const dimension = 32;
    const rows = unitRows(3000, dimension, 7);
    const scan = new QuantisedVectorIndex(quantiseRows(rows, dimension), new MemoryVectorTable(rows, dimension));
    const exact = new ExactVectorIndex(rows, dimension);
    const queries = unitRows(50, dimension, 11);
    for (let q = 0; q < 50; q++) {
      const query = queries.subarray(q * dimension, (q + 1) * dimension);
      for (const k of [1, 10, 40]) expect(scan.search(query, k)).toEqual(exact.search(query, k));
    }
  });

  it('gives every neighbour when fewer vectors than asked are indexed, and none for k 0', () => {
    const rows = unitRows(5, 8, 3);
    const scan = new QuantisedVectorIndex(quantiseRows(rows, 8), new MemoryVectorTable(rows, 8));
    expect(scan.search(rows.subarray(0, 8), 40).map((n) => n.id).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(scan.search(rows.subarray(0, 8), 0)).toEqual([]);
    expect(MIN_RESCORED).toBeGreaterThan(5);
  });

  it('keeps every coordinate within half a step of its byte code, and a zero row at zero', () => {
    const rows = Float32Array.from([0.5, -0.3, 0.125, 0, 0, 0, 0, 0]);
    const { codes, scales } = quantiseRows(rows, 4);
    expect(Array.from(codes.subarray(0, 4))).toEqual([127, -76, 32, 0]);
    for (let j = 0; j < 4; j++) expect(Math.abs(codes[j]! * scales[0]! - rows[j]!)).toBeLessThanOrEqual(scales[0]! / 2);
    expect(scales[1]).toBe(0);
    expect(Array.from(codes.subarray(4))).toEqual([0, 0, 0, 0]);
  });

  it('refuses codes that do not match the vectors', () => {
    const rows = unitRows(4, 8, 5);
    expect(() => new QuantisedVectorIndex(quantiseRows(rows.subarray(0, 24), 8), new MemoryVectorTable(rows, 8))).toThrow(/do not match/);
  });

  it('answers the seed story\'s questions with the float scan\'s sentences', async () => {
    const config = await testConfig();
    const embedder = await bundledEmbedder();
    const index = await buildIndex(await readSeeds(config.seedsDir), embedder, buildSettings({ embedder, hnsw: config.hnsw }));
    const flat = index.vectors.flat();
    const scan = new QuantisedVectorIndex(quantiseRows(flat, embedder.dimension), index.vectors);
    const exact = new ExactVectorIndex(flat, embedder.dimension);
    for (const q of ['whos breedlov', 'wat day did they talk', 'Who took the photo of Lavrov?', 'What did Kerry propose?']) {
      const [v] = await embedder.embed([q]);
      expect(scan.search(v!, 40)).toEqual(exact.search(v!, 40));
    }
  });
});

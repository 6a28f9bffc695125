import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HnswParams } from './hnsw-params.js';
import { HnswVectorIndex } from './vector.js';

/**
 * Vectors from which a full build inserts the graph on a worker thread while
 * the main thread builds the lexical indexes. Below it the graph takes well
 * under a second and a worker's start and the file round trip are not worth it.
 */
export const GRAPH_WORKER_MIN = 20_000;

/**
 * The worker: a plain CommonJS script (run with `eval`, so the same code
 * serves the compiled CLI and the TypeScript tests). It inserts the rows in
 * order with {@link HnswVectorIndex.build}'s seed and parameters, so the graph
 * is the one the main thread would have built, and writes it to `file`.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { HierarchicalNSW } = require(workerData.hnswlib);
const { vectors, dimension, count, m, efConstruction, seed, file } = workerData;
const index = new HierarchicalNSW('cosine', dimension);
index.initIndex(Math.max(1, count), m, efConstruction, seed, true);
for (let i = 0; i < count; i++) index.addPoint(Array.from(vectors.subarray(i * dimension, (i + 1) * dimension)), i);
index.writeIndexSync(file);
parentPort.postMessage('written');
`;

/**
 * Starts building the graph of `flat` (row i labelled i) on a worker thread
 * and resolves to it, read back from a scratch file, once the worker is done.
 * The main thread stays free meanwhile: at ×10,000 the graph takes about
 * 150 s on one core and the lexical indexes about 70 s on the other. A worker
 * that fails rejects the promise (the build fails, the previous generation
 * keeps serving).
 */
export async function buildGraphOffThread(flat: Float32Array, dimension: number, params: HnswParams): Promise<HnswVectorIndex> {
  const count = flat.length / dimension;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-graph-'));
  const file = path.join(dir, 'hnsw.bin');
  try {
    const hnswlib = createRequire(import.meta.url).resolve('hnswlib-node');
    const workerData = { hnswlib, vectors: flat, dimension, count, m: params.m, efConstruction: params.efConstruction, seed: HnswVectorIndex.SEED, file };
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      let written = false;
      worker.once('message', () => (written = true));
      worker.once('error', reject);
      worker.once('exit', (code) => (written ? resolve() : reject(new Error(`the graph worker stopped (exit code ${code}) before writing the graph`))));
    });
    return HnswVectorIndex.load(file, dimension, Int32Array.from({ length: count }, (_, i) => i), params);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

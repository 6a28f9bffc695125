import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { buildCorpusIndex, type CorpusIndex } from '../src/index/corpus-index.js';
import { currentGeneration, saveIndex } from '../src/index/store.js';
import { readSeeds, seedsHash } from '../src/ingest/read-seeds.js';

/** Where the time of one index build went, in seconds. */
export interface BuildTiming {
  /** Reading, validating and parsing the seed files. */
  read: number;
  /** Embedding every sentence and unit. */
  embed: number;
  /** Chunking, BM25 and the hnswlib graph: the rest of `buildCorpusIndex`. */
  index: number;
  /** Writing the generation folder (with fsync and checksums). */
  save: number;
  total: number;
}

/** A built and saved index, with its cost. */
export interface BuiltIndex {
  index: CorpusIndex;
  timing: BuildTiming;
  /** Bytes of the generation folder on disk. */
  bytes: number;
}

/** `embedder` with the time spent in `embed` added to `clock.ms`. */
function timedEmbedder(embedder: Embedder, clock: { ms: number }): Embedder {
  return {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    async embed(texts) {
      const started = performance.now();
      try {
        return await embedder.embed(texts);
      } finally {
        clock.ms += performance.now() - started;
      }
    },
  };
}

async function folderBytes(dir: string): Promise<number> {
  const names = await fs.readdir(dir);
  const sizes = await Promise.all(names.map(async (n) => (await fs.stat(path.join(dir, n))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Does what `dateline reindex` does after the model is loaded — read the
 * seeds of `config.seedsDir`, build, save into `config.indexDir` — timing
 * each step. The saved index is the one the CLI and the bot then load.
 */
export async function buildAndSaveIndex(config: Config, embedder: Embedder): Promise<BuiltIndex> {
  const started = performance.now();
  const scan = await readSeeds(config.seedsDir, { maxBytes: config.maxSeedBytes });
  const read = performance.now();
  const embedClock = { ms: 0 };
  const index = await buildCorpusIndex(scan.stories, timedEmbedder(embedder, embedClock), { seedsHash: seedsHash(scan.stories), hnsw: config.hnsw });
  const built = performance.now();
  await saveIndex(index, config.indexDir);
  const saved = performance.now();
  const generation = await currentGeneration(config.indexDir);
  if (!generation) throw new Error(`saveIndex left no CURRENT generation in ${config.indexDir}`);
  const s = (ms: number) => Number((ms / 1000).toFixed(3));
  return {
    index,
    bytes: await folderBytes(path.join(config.indexDir, generation)),
    timing: {
      read: s(read - started),
      embed: s(embedClock.ms),
      index: s(built - read - embedClock.ms),
      save: s(saved - built),
      total: s(saved - started),
    },
  };
}

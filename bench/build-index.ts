import fs from 'node:fs/promises';
import path from 'node:path';
import { CONFIDENCE_MODEL } from '../src/answer/confidence-model.js';
import type { Config } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { buildIndex } from '../src/index/build-index.js';
import { buildSettings } from '../src/index/build-settings.js';
import type { CorpusIndex } from '../src/index/corpus-index.js';
import { withStamps } from '../src/index/manifest.js';
import { saveIndex } from '../src/index/store.js';
import { readSeeds } from '../src/ingest/read-seeds.js';

/** Where the time of one index build went, in seconds. */
export interface BuildTiming {
  /** Reading, validating and parsing the seed files. */
  read: number;
  /** Embedding every sentence and unit. */
  embed: number;
  /** Chunking, BM25 and the hnswlib graph: the rest of `buildIndex`. */
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
 * seeds of `config.seedsDir`, build with the app's settings, save into
 * `config.indexDir` — timing each step. The saved index is the one the CLI
 * and the bot then load (as is, without rebuilding).
 */
export async function buildAndSaveIndex(config: Config, embedder: Embedder): Promise<BuiltIndex> {
  const started = performance.now();
  const scan = await readSeeds(config.seedsDir, { maxBytes: config.maxSeedBytes });
  const read = performance.now();
  const embedClock = { ms: 0 };
  const settings = buildSettings({ embedder, hnsw: config.hnsw, confidenceModel: CONFIDENCE_MODEL.version });
  const index = await buildIndex(scan, timedEmbedder(embedder, embedClock), settings, { efSearch: config.hnsw.efSearch });
  if (scan.stamps) index.manifest.stories = withStamps(index.manifest.stories, scan.stamps);
  const built = performance.now();
  const { generation, manifest } = await saveIndex(index, config.indexDir);
  const saved = performance.now();
  const s = (ms: number) => Number((ms / 1000).toFixed(3));
  return {
    index: { ...index, manifest },
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

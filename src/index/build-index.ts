import { chunkStories } from '../chunk/chunk.js';
import type { Embedder } from '../embed/embedder.js';
import { seedsHash, type SeedScan } from '../ingest/read-seeds.js';
import { indexTerms } from '../text/tokenize.js';
import { flatten, unitTable, type BuildProgress, type BuildStage, type CorpusIndex } from './corpus-index.js';
import { Bm25Index } from './lexical.js';
import { Lexicon } from '../text/lexicon.js';
import { SCHEMA_VERSION, type BuildSettings, type Manifest } from './manifest.js';
import type { Story } from '../ingest/story.js';
import { DEFAULT_HNSW } from './hnsw-params.js';
import { MemoryVectorTable } from './vector-table.js';
import { buildGraphOffThread, GRAPH_WORKER_MIN } from './graph-worker.js';
import { ExactVectorIndex, HnswVectorIndex } from './vector.js';

/** Texts embedded per call. */
const EMBED_BATCH = 256;

/** How {@link buildIndex} runs; none of it is a build setting (none is compared when loading). */
export interface BuildIndexOptions {
  /** Called as the build goes: each embedding batch, and the start and end of every later stage. */
  onProgress?: (event: BuildProgress) => void;
  /** Who asked for the build, recorded in the manifest. Default `automatic`. */
  builtBy?: string;
  /** Candidate list of the built graph's searches (`HNSW_EF_SEARCH`; can change without a rebuild). Default {@link DEFAULT_HNSW}'s. */
  efSearch?: number | 'auto';
  /**
   * Search the vectors with a graph (true, the default) or by scanning them
   * all (false: for the small segment of stories added since the last whole
   * build, where a scan is exact and quicker than building a graph).
   */
  graph?: boolean;
  /**
   * Sentences from which the graph is inserted on a worker thread while this
   * thread builds the lexical indexes (the same graph either way). Default
   * {@link GRAPH_WORKER_MIN}.
   */
  graphWorkerMin?: number;
}

/** Checks that `settings` were made for `embedder`. */
export function checkEmbedder(embedder: Embedder, settings: BuildSettings): void {
  if (embedder.modelId !== settings.model.id || embedder.dimension !== settings.model.dimension) {
    throw new Error(`The settings are for ${settings.model.id} (${settings.model.dimension}-d), the embedder is ${embedder.modelId} (${embedder.dimension}-d)`);
  }
}

/** Embeds `texts` in batches, reporting progress; one vector per text. */
export async function embedAll(embedder: Embedder, texts: readonly string[], progress: (done: number, total: number) => void): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  progress(0, texts.length);
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    vectors.push(...(await embedder.embed(texts.slice(i, i + EMBED_BATCH))));
    progress(Math.min(i + EMBED_BATCH, texts.length), texts.length);
  }
  return vectors;
}

/** The manifest of an index of `stories` (files listed later by `saveIndex`; the build time set by the caller). */
export function newManifest(stories: readonly Story[], counts: Manifest['counts'], settings: BuildSettings, builtBy: string | undefined): Manifest {
  const { chunking, lexical, hnsw } = settings;
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    model: settings.model,
    chunking,
    lexical,
    hnsw,
    seedsHash: seedsHash(stories),
    stories: stories.map((s) => ({ id: s.id, file: s.file, sha256: s.sha256 })),
    counts,
    builtAt: new Date().toISOString(),
    builtBy: builtBy ?? 'automatic',
    buildSeconds: 0,
    files: {},
  };
  if (settings.confidenceModel !== undefined) manifest.confidenceModel = settings.confidenceModel;
  return manifest;
}

/**
 * Embeds and indexes the stories of `scan` in memory, as `settings` say (see
 * `buildSettings`), recording them in the manifest. `saveIndex` persists it.
 */
export async function buildIndex(scan: SeedScan, embedder: Embedder, settings: BuildSettings, options: BuildIndexOptions = {}): Promise<CorpusIndex> {
  checkEmbedder(embedder, settings);
  const started = performance.now();
  const { stories } = scan;
  const { chunking, lexical: terms, hnsw } = settings;
  const chunks = chunkStories(stories, { attachCredits: chunking.attachCredits });
  const { units, unitRow } = unitTable(stories);
  const texts = [...chunks.map((c) => c.text), ...units.map(([s, u]) => stories[s]!.units[u]!.text)];
  const dim = embedder.dimension;
  const progress = (stage: BuildStage, done: number, total: number) => options.onProgress?.({ stage, done, total, sentences: chunks.length });
  const vectors = await embedAll(embedder, texts, (done, total) => progress('embedding', done, total));
  const chunkVectors = vectors.slice(0, chunks.length);
  const manifest = newManifest(stories, { stories: stories.length, units: units.length, chunks: chunks.length }, settings, options.builtBy);
  progress('graph', 0, 1);
  const flatVectors = flatten(chunkVectors, dim);
  const params = { ...hnsw, efSearch: options.efSearch ?? DEFAULT_HNSW.efSearch };
  const offThread = options.graph !== false && chunks.length >= (options.graphWorkerMin ?? GRAPH_WORKER_MIN);
  const pending = offThread ? buildGraphOffThread(flatVectors, dim, params) : undefined;
  pending?.catch(() => undefined);
  const inThread = offThread ? undefined : options.graph === false ? new ExactVectorIndex(flatVectors, dim) : HnswVectorIndex.build(chunkVectors, dim, params);
  // Off the main thread, the lexical indexes are built while the graph is, and shown as part of its stage.
  const graphBuilt = () => {
    progress('graph', 1, 1);
    progress('lexical', 0, 1);
  };
  if (inThread) graphBuilt();
  const bm25 = { k1: terms.k1, b: terms.b };
  const lexical = Bm25Index.build(chunks.map((c) => indexTerms(c.text, terms)), bm25);
  const unitLexical = Bm25Index.build(units.map(([s, u]) => indexTerms(stories[s]!.units[u]!.text, terms)), bm25);
  const lexicon = Lexicon.of(stories.map((s) => s.text));
  const vector = inThread ?? (await pending!);
  if (!inThread) graphBuilt();
  const vectorLabels = vector instanceof HnswVectorIndex ? vector.labels : Int32Array.from(chunkVectors, (_, i) => i);
  progress('lexical', 1, 1);
  manifest.buildSeconds = (performance.now() - started) / 1000;
  return {
    manifest,
    stories,
    chunks,
    vectors: new MemoryVectorTable(flatVectors, dim),
    unitVectors: new MemoryVectorTable(flatten(vectors.slice(chunks.length), dim), dim),
    units,
    unitRow,
    lexical,
    unitLexical,
    vector,
    vectorLabels,
    lexicon,
  };
}

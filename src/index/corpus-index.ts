import { chunkStories, type Chunk, type ChunkOptions } from '../chunk/chunk.js';
import type { Embedder } from '../embed/embedder.js';
import type { Story } from '../ingest/story.js';
import { indexTerms, type TermOptions } from '../text/tokenize.js';

/** Lexical extras used unless a build says otherwise. */
export const DEFAULT_TERMS: TermOptions = { bigrams: true, prefixes: true };
import { Bm25Index, DEFAULT_BM25 } from './lexical.js';
import { SCHEMA_VERSION, type Manifest } from './manifest.js';
import { DEFAULT_HNSW, HnswVectorIndex, type HnswParams, type VectorSearch } from './vector.js';

/**
 * A loaded, immutable index: everything needed to answer. A reindex builds a
 * new one and swaps the reference, so an answer never mixes two versions.
 */
export interface CorpusIndex {
  manifest: Manifest;
  stories: Story[];
  /** Sentence chunks, `chunks[i].id === i`. */
  chunks: Chunk[];
  /** Chunk vectors, row i at `i * dimension`. */
  vectors: Float32Array;
  /** Unit (paragraph, caption) vectors, row j for `units[j]`. */
  unitVectors: Float32Array;
  /** Every unit as `[story, unit]`, in the order of `unitVectors`. */
  units: [number, number][];
  /** Row of `units` for `[story][unit]`. */
  unitRow: number[][];
  /** BM25 over chunk (sentence) terms. */
  lexical: Bm25Index;
  /** BM25 over unit (paragraph) terms, for context. */
  unitLexical: Bm25Index;
  vector: VectorSearch;
}

/** The stages of building and saving an index, in order. */
export const BUILD_STAGES = ['embedding', 'graph', 'lexical', 'saving'] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

/**
 * Where a build is. `done` of `total`: texts embedded (sentences, then
 * paragraphs and captions) while embedding; 0 of 1 and 1 of 1 at the start
 * and end of a stage done in one step. `sentences`: how many are indexed.
 */
export interface BuildProgress {
  stage: BuildStage;
  done: number;
  total: number;
  sentences: number;
}

/** How an index is built. Every field is recorded in the manifest. */
export interface BuildOptions {
  chunking?: ChunkOptions;
  /** Extra lexical terms (bigrams, prefixes). Default both on. */
  terms?: TermOptions;
  hnsw?: HnswParams;
  /** Called as the build goes: each embedding batch, and the start and end of every later stage. */
  onProgress?: (event: BuildProgress) => void;
  /** Seeds hash to record (see `seedsHash`). */
  seedsHash: string;
  /** Who asked for the build, recorded in the manifest. Default `automatic`. */
  builtBy?: string;
  /** Version of the confidence model the index is built for, recorded in the manifest (see `Manifest.confidenceModel`). */
  confidenceModel?: number;
}

/** Copies `rows` into one flat array. */
export function flatten(rows: readonly Float32Array[], dimension: number): Float32Array {
  const out = new Float32Array(rows.length * dimension);
  rows.forEach((r, i) => out.set(r, i * dimension));
  return out;
}

/** Row `i` of a flat vector array, without copying. */
export function row(flat: Float32Array, dimension: number, i: number): Float32Array {
  return flat.subarray(i * dimension, (i + 1) * dimension);
}

/** The unit table and its reverse lookup. */
export function unitTable(stories: readonly Story[]): { units: [number, number][]; unitRow: number[][] } {
  const units: [number, number][] = [];
  const unitRow = stories.map((s, si) => s.units.map((_, ui) => units.push([si, ui]) - 1));
  return { units, unitRow };
}

/** Embeds and indexes `stories` in memory. */
export async function buildCorpusIndex(stories: Story[], embedder: Embedder, options: BuildOptions): Promise<CorpusIndex> {
  const started = performance.now();
  const attachCredits = options.chunking?.attachCredits ?? true;
  const termOptions = options.terms ?? DEFAULT_TERMS;
  const hnsw = options.hnsw ?? DEFAULT_HNSW;
  const chunks = chunkStories(stories, { attachCredits });
  const { units, unitRow } = unitTable(stories);
  const texts = [...chunks.map((c) => c.text), ...units.map(([s, u]) => stories[s]!.units[u]!.text)];
  const dim = embedder.dimension;
  const vectors: Float32Array[] = [];
  const step = 256;
  const progress = (stage: BuildStage, done: number, total: number) => options.onProgress?.({ stage, done, total, sentences: chunks.length });
  progress('embedding', 0, texts.length);
  for (let i = 0; i < texts.length; i += step) {
    vectors.push(...(await embedder.embed(texts.slice(i, i + step))));
    progress('embedding', Math.min(i + step, texts.length), texts.length);
  }
  const chunkVectors = vectors.slice(0, chunks.length);
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    model: { id: embedder.modelId, dimension: dim },
    chunking: { unit: 'sentence', attachCredits },
    lexical: { k1: DEFAULT_BM25.k1, b: DEFAULT_BM25.b, ...termOptions },
    hnsw: { m: hnsw.m, efConstruction: hnsw.efConstruction },
    seedsHash: options.seedsHash,
    stories: stories.map((s) => ({ id: s.id, file: s.file, sha256: s.sha256 })),
    counts: { stories: stories.length, units: units.length, chunks: chunks.length },
    builtAt: new Date().toISOString(),
    builtBy: options.builtBy ?? 'automatic',
    buildSeconds: 0,
    files: {},
  };
  if (options.confidenceModel !== undefined) manifest.confidenceModel = options.confidenceModel;
  progress('graph', 0, 1);
  const vector = HnswVectorIndex.build(chunkVectors, dim, hnsw);
  progress('graph', 1, 1);
  progress('lexical', 0, 1);
  const lexical = Bm25Index.build(chunks.map((c) => indexTerms(c.text, termOptions)));
  const unitLexical = Bm25Index.build(units.map(([s, u]) => indexTerms(stories[s]!.units[u]!.text, termOptions)));
  progress('lexical', 1, 1);
  const index: CorpusIndex = {
    manifest,
    stories,
    chunks,
    vectors: flatten(chunkVectors, dim),
    unitVectors: flatten(vectors.slice(chunks.length), dim),
    units,
    unitRow,
    lexical,
    unitLexical,
    vector,
  };
  manifest.buildSeconds = (performance.now() - started) / 1000;
  return index;
}

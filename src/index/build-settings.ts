import type { Embedder } from '../embed/embedder.js';
import { DEFAULT_BM25 } from './lexical.js';
import type { BuildSettings } from './manifest.js';
import type { HnswParams } from './hnsw-params.js';

/** What {@link buildSettings} derives the settings from. */
export interface BuildSettingsSource {
  embedder: Pick<Embedder, 'modelId' | 'dimension'>;
  /** The configured graph (`HNSW_M`, `HNSW_EF_CONSTRUCTION`); `efSearch` is not a build setting. */
  hnsw: Pick<HnswParams, 'm' | 'efConstruction'>;
  /** Version of the confidence model answers are judged with; absent: none recorded, any index serves. */
  confidenceModel?: number;
}

/**
 * The one place the build settings come from: a build records exactly these
 * in its manifest, and the loader compares a manifest with exactly these, so
 * the two can never disagree (which would rebuild at every start).
 * Chunking keeps photo credits with their sentence; lexical terms include
 * bigrams and prefixes, scored with {@link DEFAULT_BM25}.
 */
export function buildSettings({ embedder, hnsw, confidenceModel }: BuildSettingsSource): BuildSettings {
  const settings: BuildSettings = {
    model: { id: embedder.modelId, dimension: embedder.dimension },
    chunking: { unit: 'sentence', attachCredits: true },
    lexical: { k1: DEFAULT_BM25.k1, b: DEFAULT_BM25.b, bigrams: true, prefixes: true },
    hnsw: { m: hnsw.m, efConstruction: hnsw.efConstruction },
  };
  if (confidenceModel !== undefined) settings.confidenceModel = confidenceModel;
  return settings;
}

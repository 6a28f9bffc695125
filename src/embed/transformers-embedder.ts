import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from './embedder.js';
import { BUNDLED_MODEL_ID } from './bundled-model.js';
import { hasFastPath, loadBundledEmbedder } from './bundled-embedder.js';
import { modelUnavailable } from './model-unavailable.js';

/** Options for {@link loadTransformersEmbedder}. */
export interface TransformersEmbedderOptions {
  /** transformers.js model id, e.g. the bundled `dateline/glove-100d-sif` or `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** Folder searched for local models first; hub downloads are cached here too. */
  modelsDir: string;
  /** Texts per forward pass while indexing. Default 64. */
  batchSize?: number;
  /**
   * Whether a model missing from `modelsDir` may be downloaded from the hub.
   * Default: false for the bundled model (it must never reach out), true otherwise.
   */
  allowRemote?: boolean;
}

/**
 * Loads an embedding model as an {@link Embedder} (mean pooling, L2
 * normalisation). The bundled model loads from disk through its fast path
 * (precomputed vocabulary, onnxruntime-node directly: no transformers.js at
 * all, for a quick cold start, issue #16) when its `vocab.bin` is there;
 * other models, and a bundled folder without one, go through a
 * transformers.js pipeline, imported only then. Remote loading is off for the
 * bundled model; hub models are downloaded once into `modelsDir`.
 * Throws a {@link UserFacingError} (`model-unavailable`) saying how to recover.
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const allowRemote = options.allowRemote ?? options.modelId !== BUNDLED_MODEL_ID;
  if (!allowRemote && !fs.existsSync(path.join(options.modelsDir, options.modelId, 'config.json'))) {
    throw modelUnavailable(options, allowRemote, new Error(`no config.json in ${path.join(options.modelsDir, options.modelId)}`));
  }
  if (options.modelId === BUNDLED_MODEL_ID && hasFastPath(options)) return loadBundledEmbedder(options);
  const { loadPipelineEmbedder } = await import('./pipeline-embedder.js');
  return loadPipelineEmbedder(options, allowRemote);
}

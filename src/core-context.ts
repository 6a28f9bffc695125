import type { Config } from './config.js';
import type { Embedder } from './embed/embedder.js';
import { CONFIDENCE_MODEL } from './answer/confidence-model.js';
import { loadTransformersEmbedder } from './embed/transformers-embedder.js';
import { IndexService, type ProgressListener } from './index/index-service.js';
import type { VectorMode } from './index/store.js';
import type { Logger } from './logger.js';

/** Everything a front end (CLI, Discord, benchmark) needs, passed explicitly. */
export interface CoreContext {
  config: Config;
  embedder: Embedder;
  index: IndexService;
  logger: Logger;
}

/** Options for {@link createCoreContext}. */
export interface CoreContextOptions {
  /** Use this embedder instead of loading `config.embeddingModel`. */
  embedder?: Embedder;
  onProgress?: ProgressListener;
  /** How the index searches vectors once loaded (see `VectorMode`). Default `graph`. */
  vectorSearch?: VectorMode;
}

/** Loads the embedding model and wires the index service; the index itself opens lazily. */
export async function createCoreContext(config: Config, logger: Logger, options: CoreContextOptions = {}): Promise<CoreContext> {
  const embedder = options.embedder ?? (await loadTransformersEmbedder({ modelId: config.embeddingModel, modelsDir: config.modelsDir }));
  return { config, embedder, logger, index: new IndexService({ config, embedder, logger, confidenceModel: CONFIDENCE_MODEL.version, ...(options.vectorSearch ? { vectorSearch: options.vectorSearch } : {}) }, options.onProgress) };
}

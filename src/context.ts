import type { Config } from './config.js';
import type { Embedder } from './embed/embedder.js';
import { CONFIDENCE_MODEL } from './answer/confidence-model.js';
import { loadTransformersEmbedder } from './embed/transformers-embedder.js';
import { IndexService, type ProgressListener } from './index/index-service.js';
import type { Logger } from './logger.js';

/** Everything a front end (CLI, Discord, benchmark) needs, passed explicitly. */
export interface AppContext {
  config: Config;
  embedder: Embedder;
  index: IndexService;
  logger: Logger;
}

/** Options for {@link createContext}. */
export interface ContextOptions {
  /** Use this embedder instead of loading `config.embeddingModel`. */
  embedder?: Embedder;
  onProgress?: ProgressListener;
}

/** Loads the embedding model and wires the index service; the index itself opens lazily. */
export async function createContext(config: Config, logger: Logger, options: ContextOptions = {}): Promise<AppContext> {
  const embedder = options.embedder ?? (await loadTransformersEmbedder({ modelId: config.embeddingModel, modelsDir: config.modelsDir }));
  return { config, embedder, logger, index: new IndexService({ config, embedder, logger, confidenceModel: CONFIDENCE_MODEL.version }, options.onProgress) };
}

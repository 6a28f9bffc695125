import fs from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { BUNDLED_MODEL_ID } from '../config.js';
import { ErrorId, UserFacingError } from '../errors.js';
import type { Embedder } from './embedder.js';

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

class TransformersEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dimension: number,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize).map((t) => (t.trim() === '' ? ' ' : t));
      const tensor = await this.extractor(batch, { pooling: 'mean', normalize: true });
      const data = tensor.data as Float32Array;
      for (let k = 0; k < batch.length; k++) {
        const v = data.slice(k * this.dimension, (k + 1) * this.dimension);
        out.push(v);
      }
    }
    return out;
  }
}

function unavailable(options: TransformersEmbedderOptions, allowRemote: boolean, cause: unknown): UserFacingError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const bundled = options.modelId === BUNDLED_MODEL_ID;
  const advice = bundled
    ? `The bundled model should be at ${path.join(options.modelsDir, options.modelId)}: restore it with \`git checkout -- embeddings/models\` or rebuild it with \`npm run model:build\`.`
    : allowRemote
      ? `It is not in ${options.modelsDir} and could not be downloaded from the Hugging Face hub (no internet, or a wrong id). ` +
        `Run once with internet to cache it, or unset EMBEDDING_MODEL to use the bundled offline model ${BUNDLED_MODEL_ID}.`
      : `It is not in ${options.modelsDir} and remote loading is off. Unset EMBEDDING_MODEL to use the bundled offline model ${BUNDLED_MODEL_ID}.`;
  return new UserFacingError(ErrorId.ModelUnavailable, `Could not load embedding model "${options.modelId}" (${reason}). ${advice}`, { cause });
}

/**
 * Loads a transformers.js feature-extraction pipeline as an {@link Embedder}
 * (mean pooling, L2 normalisation). The bundled model loads from disk with
 * remote loading off; hub models are downloaded once into `modelsDir`.
 * Throws a {@link UserFacingError} (`model-unavailable`) saying how to recover.
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const allowRemote = options.allowRemote ?? options.modelId !== BUNDLED_MODEL_ID;
  env.localModelPath = options.modelsDir.endsWith(path.sep) ? options.modelsDir : options.modelsDir + path.sep;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  env.cacheDir = options.modelsDir;
  if (!allowRemote && !fs.existsSync(path.join(options.modelsDir, options.modelId, 'config.json'))) {
    throw unavailable(options, allowRemote, new Error(`no config.json in ${path.join(options.modelsDir, options.modelId)}`));
  }
  let extractor: FeatureExtractionPipeline;
  let probe: Float32Array;
  try {
    extractor = (await pipeline('feature-extraction', options.modelId, { quantized: true })) as FeatureExtractionPipeline;
    const tensor = await extractor(['dimension probe'], { pooling: 'mean', normalize: true });
    probe = tensor.data as Float32Array;
  } catch (error) {
    throw unavailable(options, allowRemote, error);
  }
  return new TransformersEmbedder(options.modelId, probe.length, extractor, options.batchSize ?? 64);
}

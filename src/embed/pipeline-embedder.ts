import fs from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './embedder.js';
import { rowTableWordVectors, type WordVectors } from './word-vectors.js';
import { BUNDLED_MODEL_ID } from './bundled-model.js';
import { meanPoolNormalized, modelTexts } from './mean-pool.js';
import { modelUnavailable, type ModelLocation } from './model-unavailable.js';

class PipelineEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dimension: number,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
    readonly words?: WordVectors,
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = modelTexts(texts.slice(i, i + this.batchSize));
      const inputs = this.extractor.tokenizer(batch, { padding: true, truncation: true });
      const outputs = await this.extractor.model(inputs);
      out.push(...meanPoolNormalized(outputs.last_hidden_state ?? outputs.logits, inputs.attention_mask));
    }
    return out;
  }
}

/**
 * Loads a transformers.js feature-extraction pipeline as an {@link Embedder}
 * (mean pooling, L2 normalisation): the path for hub models, and the
 * reference the bundled model's fast path is tested against. Callers check
 * that a local model exists first; this imports transformers.js (~0.2 s) and
 * builds its tokenizer from `tokenizer.json`. Default batch size 64.
 * Throws a {@link UserFacingError} (`model-unavailable`) saying how to recover.
 */
export async function loadPipelineEmbedder(options: ModelLocation & { batchSize?: number }, allowRemote: boolean): Promise<Embedder> {
  env.localModelPath = options.modelsDir.endsWith(path.sep) ? options.modelsDir : options.modelsDir + path.sep;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  env.cacheDir = options.modelsDir;
  let extractor: FeatureExtractionPipeline;
  let probe: Float32Array;
  try {
    extractor = (await pipeline('feature-extraction', options.modelId, { quantized: true })) as FeatureExtractionPipeline;
    const tensor = await extractor(['dimension probe'], { pooling: 'mean', normalize: true });
    probe = tensor.data as Float32Array;
  } catch (error) {
    throw modelUnavailable(options, allowRemote, error);
  }
  return new PipelineEmbedder(options.modelId, probe.length, extractor, options.batchSize ?? 64, staticWordVectors(options, extractor, probe.length));
}

/** The word rows of the bundled static model, looked up through its own tokenizer's vocabulary (contextual hub models have none). */
function staticWordVectors(options: ModelLocation, extractor: FeatureExtractionPipeline, dimension: number): WordVectors | undefined {
  const onnxFile = path.join(options.modelsDir, options.modelId, 'onnx', 'model_quantized.onnx');
  const vocabulary = (extractor.tokenizer as unknown as { model?: { tokens_to_ids?: Map<string, number> } }).model?.tokens_to_ids;
  if (options.modelId !== BUNDLED_MODEL_ID || !vocabulary || !fs.existsSync(onnxFile)) return undefined;
  return rowTableWordVectors(onnxFile, dimension, (word) => vocabulary.get(word));
}

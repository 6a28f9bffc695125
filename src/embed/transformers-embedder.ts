import fs from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { ErrorId, UserFacingError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { rowTableWordVectors, type WordVectors } from './word-vectors.js';
import { BUNDLED_MODEL_ID } from './bundled-model.js';

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
 * Mean pooling over the unmasked tokens, then L2 normalisation, with the
 * exact arithmetic of the pipeline's `{pooling: 'mean', normalize: true}`
 * (double sums, float32 storage, float32 norm accumulator) so vectors are
 * bit-identical, but reading each tensor's data once: transformers.js wraps
 * tensors in a Proxy, and its own pooling pays a trap on every element.
 */
function meanPoolNormalized(hidden: { dims: number[]; data: unknown }, mask: { data: unknown }): Float32Array[] {
  const [batch, seq, dim] = hidden.dims as [number, number, number];
  const data = hidden.data as Float32Array;
  const attention = mask.data as BigInt64Array;
  const out: Float32Array[] = [];
  const norm = new Float32Array(1);
  for (let r = 0; r < batch; r++) {
    const v = new Float32Array(dim);
    const base = r * seq * dim;
    const attn = new Float64Array(seq);
    let count = 0;
    for (let j = 0; j < seq; j++) count += attn[j] = Number(attention[r * seq + j]);
    for (let k = 0; k < dim; k++) {
      let sum = 0;
      for (let j = 0; j < seq; j++) sum += data[base + k + j * dim]! * attn[j]!;
      v[k] = sum / count;
    }
    norm[0] = 0;
    for (let k = 0; k < dim; k++) norm[0] += v[k]! ** 2;
    norm[0] = norm[0] ** (1 / 2);
    for (let k = 0; k < dim; k++) v[k]! /= norm[0];
    out.push(v);
  }
  return out;
}

class TransformersEmbedder implements Embedder {
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
      const batch = texts.slice(i, i + this.batchSize).map((t) => (t.trim() === '' ? ' ' : t));
      const inputs = this.extractor.tokenizer(batch, { padding: true, truncation: true });
      const outputs = await this.extractor.model(inputs);
      out.push(...meanPoolNormalized(outputs.last_hidden_state ?? outputs.logits, inputs.attention_mask));
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
  return new TransformersEmbedder(options.modelId, probe.length, extractor, options.batchSize ?? 64, staticWordVectors(options, extractor, probe.length));
}

/** The word rows of the bundled static model, looked up through its own tokenizer's vocabulary (contextual hub models have none). */
function staticWordVectors(options: TransformersEmbedderOptions, extractor: FeatureExtractionPipeline, dimension: number): WordVectors | undefined {
  const onnxFile = path.join(options.modelsDir, options.modelId, 'onnx', 'model_quantized.onnx');
  const vocabulary = (extractor.tokenizer as unknown as { model?: { tokens_to_ids?: Map<string, number> } }).model?.tokens_to_ids;
  if (options.modelId !== BUNDLED_MODEL_ID || !vocabulary || !fs.existsSync(onnxFile)) return undefined;
  return rowTableWordVectors(onnxFile, dimension, (word) => vocabulary.get(word));
}

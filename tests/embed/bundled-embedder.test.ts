import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID } from '../../src/embed/bundled-model.js';
import { loadBundledEmbedder } from '../../src/embed/bundled-embedder.js';
import { loadPipelineEmbedder } from '../../src/embed/pipeline-embedder.js';
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { splitSentences } from '../../src/text/sentences.js';
import { runBuilt } from '../support/built-process.js';
import { seedsFolder, seedText, tempDir } from '../support/fixtures.js';
import { longText, TRICKY_INPUTS } from './reference-tokenizer.js';

const location = { modelId: BUNDLED_MODEL_ID, modelsDir: path.join(PROJECT_ROOT, 'embeddings', 'models') };
let fast: Embedder;
let pipeline: Embedder;

beforeAll(async () => {
  fast = await loadBundledEmbedder(location);
  pipeline = await loadPipelineEmbedder(location, false);
}, 60_000);

/** The vectors' bits, so that equality means bit-identical (and NaN equals NaN). */
function bits(vectors: Float32Array[]): number[][] {
  return vectors.map((v) => [...new Uint32Array(v.buffer, v.byteOffset, v.length)]);
}

describe('bundled-model fast path', { timeout: 120_000 }, () => {
  it('gives bit-identical vectors to the transformers.js pipeline on the seed story’s sentences, in batches and one by one', async () => {
    const story = await seedText();
    const sentences = splitSentences(story).map((s) => story.slice(s.start, s.end));
    expect(bits(await fast.embed(sentences))).toEqual(bits(await pipeline.embed(sentences)));
    for (const s of sentences.slice(0, 8)) expect(bits(await fast.embed([s]))).toEqual(bits(await pipeline.embed([s])));
  });

  it('gives bit-identical vectors on tricky, blank and over-long texts, across batch boundaries', async () => {
    const texts = [...TRICKY_INPUTS, longText(5000), 'Where did Kerry and Lavrov meet?', ...Array.from({ length: 70 }, (_, i) => `sentence ${i} on sanctions`)];
    expect(bits(await fast.embed(texts))).toEqual(bits(await pipeline.embed(texts)));
  });

  it('has the pipeline’s dimension and word vectors', () => {
    expect(fast.dimension).toBe(pipeline.dimension);
    for (const word of ['paris', 'lavrov', 'the', ',', 'zzzqqq', '[CLS]']) {
      const [f, p] = [fast.words!.vector(word), pipeline.words!.vector(word)];
      expect(f === undefined ? undefined : [...f]).toEqual(p === undefined ? undefined : [...p]);
    }
  });

  it('is what loadTransformersEmbedder gives for the bundled model', async () => {
    const loaded = await loadTransformersEmbedder(location);
    expect(loaded.constructor.name).toBe(fast.constructor.name);
    expect(loaded.constructor.name).not.toBe(pipeline.constructor.name);
  });

  it('a one-shot ask with the bundled model loads neither transformers.js nor onnxruntime (its lookup is computed from the tables)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir('dateline-embed-index-'), LOG_LEVEL: 'info' };
    delete env.EMBEDDING_MODEL;
    const trace = `--import ${pathToFileURL(path.join(PROJECT_ROOT, 'tests/support/trace-packages.mjs')).href}`;
    const run = await runBuilt('bin/dateline.js', ['ask', 'Where did Kerry and Lavrov meet?'], { cwd: PROJECT_ROOT, env: { ...env, NODE_OPTIONS: trace }, input: '' });
    expect(run.code).toBe(0);
    const loaded = run.stderr.split('\n').filter((l) => l.startsWith('loaded-package: ')).map((l) => l.slice('loaded-package: '.length));
    expect(loaded).toContain('hnswlib-node');
    expect(loaded.filter((p) => p === '@xenova/transformers' || p.startsWith('onnxruntime'))).toEqual([]);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dot } from '../../src/embed/embedder.js';
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { ErrorId, UserFacingError } from '../../src/errors.js';
import { bundledEmbedder, tempDir } from '../support/fixtures.js';
import { PROJECT_ROOT } from '../../src/paths.js';

describe('bundled embedder', () => {
  it('loads offline and ranks a paraphrase above an unrelated sentence', async () => {
    const e = await bundledEmbedder();
    expect(e.modelId).toBe('dateline/glove-100d-sif');
    const [q, para, other] = await e.embed([
      'Where did the diplomats hold talks?',
      'The foreign ministers met for negotiations in the French capital.',
      'The recipe needs two cups of flour and an egg.',
    ]);
    expect(dot(q!, para!)).toBeGreaterThan(dot(q!, other!) + 0.1);
  });

  it('returns unit vectors of the model dimension, one per text, in order', async () => {
    const e = await bundledEmbedder();
    const texts = Array.from({ length: 70 }, (_, i) => `sentence number ${i} about ${i % 2 ? 'sanctions' : 'troops'}`);
    const vectors = await e.embed(texts);
    expect(vectors).toHaveLength(70);
    for (const v of vectors) {
      expect(v).toHaveLength(e.dimension);
      expect(dot(v, v)).toBeCloseTo(1, 3);
    }
    const [again] = await e.embed([texts[41]!]);
    expect(dot(again!, vectors[41]!)).toBeCloseTo(1, 4);
  });
});

describe('hub models', () => {
  it('says how to get back to the bundled model when a hub model is not available offline', async () => {
    const error = await loadTransformersEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', modelsDir: await tempDir(), allowRemote: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).id).toBe(ErrorId.ModelUnavailable);
    expect((error as Error).message).toMatch(/Xenova\/all-MiniLM-L6-v2[\s\S]*unset EMBEDDING_MODEL to use the bundled offline model dateline\/glove-100d-sif/i);
  });

  it('tells how to restore a missing bundled model', async () => {
    const error = await loadTransformersEmbedder({ modelId: 'dateline/glove-100d-sif', modelsDir: path.join(PROJECT_ROOT, 'nowhere') }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/npm run model:build/);
  });
});

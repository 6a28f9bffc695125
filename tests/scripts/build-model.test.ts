import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSingleBertToken, quantizeRows } from '../../scripts/build-model.js';

const MODELS_DIR = fileURLToPath(new URL('../../embeddings/models/', import.meta.url));
const MODEL_ID = 'dateline/glove-100d-sif';

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
}

describe('committed model dateline/glove-100d-sif', () => {
  let extractor: FeatureExtractionPipeline;

  async function embed(texts: string[]): Promise<number[][]> {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    return output.tolist() as number[][];
  }

  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.localModelPath = MODELS_DIR;
    extractor = await pipeline('feature-extraction', MODEL_ID);
  }, 60_000);

  it('declares a 100-d BERT-type model whose vocabulary matches the tokenizer', () => {
    const config = JSON.parse(readFileSync(`${MODELS_DIR}${MODEL_ID}/config.json`, 'utf8')) as {
      model_type: string;
      hidden_size: number;
      vocab_size: number;
    };
    expect(config.model_type).toBe('bert');
    expect(config.hidden_size).toBe(100);
    expect(extractor.tokenizer.model.vocab).toHaveLength(config.vocab_size);
  });

  it('returns one 100-d unit vector per text', async () => {
    const output = await extractor(['Kerry met Lavrov in Paris', 'The hockey game ended in a tie'], {
      pooling: 'mean',
      normalize: true,
    });
    expect(output.dims).toEqual([2, 100]);
    for (const vector of output.tolist() as number[][]) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('ranks a paraphrase above an unrelated sentence', async () => {
    const [query, paraphrase, unrelated] = await embed([
      'Kerry met Lavrov in Paris',
      'The US secretary of state held talks with the Russian foreign minister in France',
      'The hockey game ended in a tie',
    ]);
    if (!query || !paraphrase || !unrelated) throw new Error('missing embeddings');
    expect(cosine(query, paraphrase)).toBeGreaterThan(0.4);
    expect(cosine(query, paraphrase)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
  });

  it('gives all-unknown and empty text a finite unit vector unrelated to real text', async () => {
    const [real, unknown, empty] = await embed(['Stock markets fell sharply', 'qwxzv blorptang zzkq', '']);
    if (!real || !unknown || !empty) throw new Error('missing embeddings');
    for (const vector of [unknown, empty]) {
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      expect(Math.abs(cosine(vector, real))).toBeLessThan(0.05);
    }
  });
});

describe('build-model helpers', () => {
  it('keeps only words the BERT tokenizer can emit as one token', () => {
    expect(['paris', 'lavrov', ',', '$', '£'].every(isSingleBertToken)).toBe(true);
    expect(['u.s.', "'s", 'well-known', 'new york', 'Paris', 'café'].some(isSingleBertToken)).toBe(false);
  });

  it('quantises rows to int8 with a per-row max-abs scale', () => {
    const { values, scales } = quantizeRows(Float64Array.from([0.5, -1, 0.25, 0, 0, 0]), 3);
    expect(Array.from(values)).toEqual([64, -127, 32, 0, 0, 0]);
    expect(scales[0]).toBeCloseTo(1 / 127, 7);
    expect(scales[1]).toBe(0);
  });
});

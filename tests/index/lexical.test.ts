import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/lexical.js';
import { topK } from '../../src/index/top-k.js';
import { ExactVectorIndex } from '../../src/index/vector.js';

describe('Bm25Index', () => {
  const docs = [['kerri', 'lavrov', 'pari'], ['sanction', 'russia'], ['kerri', 'kerri', 'meet'], ['pari', 'meet'], []];
  const index = Bm25Index.build(docs);

  it('ranks documents by BM25 and returns only the k best, ties by position', () => {
    const all = index.search(['kerri', 'meet'], 10);
    expect(all.map((h) => h.doc)).toEqual([2, 3, 0]);
    expect(index.search(['kerri', 'meet'], 2)).toEqual(all.slice(0, 2));
  });

  it('scores one document exactly as search does', () => {
    for (const h of index.search(['kerri', 'pari', 'meet'], 10)) expect(index.score(['kerri', 'pari', 'meet'], h.doc)).toBe(h.score);
    expect(index.score(['kerri'], 1)).toBe(0);
  });

  it('survives a JSON round trip', () => {
    const again = Bm25Index.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(again.search(['pari'], 5)).toEqual(index.search(['pari'], 5));
  });
});

describe('topK and exact search', () => {
  it('keeps the k highest scores in order, ties by smaller id', () => {
    const scores = [0.1, 0.9, 0.5, 0.9, 0.3];
    expect(topK([0, 1, 2, 3, 4], (i) => scores[i]!, 3)).toEqual([1, 3, 2]);
    expect(topK([0, 1], (i) => scores[i]!, 0)).toEqual([]);
  });

  it('finds the nearest unit vectors by cosine', () => {
    const exact = new ExactVectorIndex(Float32Array.from([1, 0, 0, 1, 0.6, 0.8]), 2);
    expect(exact.search(Float32Array.from([1, 0]), 2).map((n) => n.id)).toEqual([0, 2]);
  });
});

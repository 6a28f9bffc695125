import { describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Bm25Index, DEFAULT_BM25 } from '../../src/index/lexical.js';
import { Pack, packBytes } from '../../src/index/pack.js';
import { fileBytes } from '../../src/text/byte-source.js';
import { topK } from '../../src/index/top-k.js';
import { ExactVectorIndex } from '../../src/index/vector.js';
import { seededRandom } from '../../src/eval/seeded-random.js';

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

  it('scores many documents for one query (a scorer) exactly as score does, unknown terms ignored', () => {
    const query = ['kerri', 'pari', 'meet', 'kerri', 'unheard'];
    const scoreOf = index.scorer(query);
    for (let doc = 0; doc < docs.length; doc++) expect(scoreOf(doc)).toBe(index.score(query, doc));
    expect(scoreOf(1)).toBe(0);
    expect(scoreOf(2)).toBeGreaterThan(scoreOf(3));
  });

  it('answers the same from its pack, in memory and read from disk term by term', async () => {
    const p = index.parts();
    const bytes = packBytes({}, { 'x.lengths': p.lengths, 'x.terms': p.terms, 'x.starts': p.starts, 'x.postings': p.postings });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-bm25-'));
    const file = path.join(dir, 'x.pack');
    await fs.writeFile(file, bytes);
    const disk = fileBytes(file);
    try {
      for (const again of [Bm25Index.open(Pack.read(bytes), 'x', index.params), Bm25Index.open(Pack.read(disk), 'x', index.params)]) {
        for (const q of [['pari'], ['kerri', 'meet'], ['absent'], []]) expect(again.search(q, 5)).toEqual(index.search(q, 5));
        expect(again.df('kerri')).toBe(2);
        expect(again.score(['kerri', 'meet'], 2)).toBe(index.score(['kerri', 'meet'], 2));
      }
    } finally {
      disk.close();
      await fs.rm(dir, { recursive: true });
    }
  });

  it('finds exactly the hits of scoring every document, though it skips most postings of common words', () => {
    const random = seededRandom(16);
    const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const zipf = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(random.next() * Math.log(vocabulary.length + 1))) - 1)]!;
    const corpus = Array.from({ length: 3000 }, () => Array.from({ length: 3 + random.int(25) }, zipf));
    corpus.push(['w7', 'w3'], ['w7', 'w3'], ['w3', 'w7']);
    const big = Bm25Index.build(corpus);
    const everyDoc = corpus.map((_, doc) => doc);
    const byScoringAll = (q: string[], k: number) => {
      const score = everyDoc.map((doc) => big.score(q, doc));
      const scored = everyDoc.filter((doc) => score[doc]! > 0);
      return topK(scored, (doc) => score[doc]!, Math.min(k, scored.length)).map((doc) => ({ doc, score: score[doc]! }));
    };
    const queries = [['w0'], ['w0', 'w1', 'w2', 'w3'], ['w7', 'w3'], ['w3', 'w7', 'w3'], ['w399', 'w0'], ['nowhere', 'w5']];
    for (let i = 0; i < 60; i++) queries.push(Array.from({ length: 1 + random.int(8) }, zipf));
    for (const q of queries) for (const k of [1, 3, 40, 5000]) expect(big.search(q, k), `${q.join(' ')} k=${k}`).toEqual(byScoringAll(q, k));
  });

  it('lays out its stored form as terms in order of first use, each with its documents in order and their counts', () => {
    const random = seededRandom(5);
    const docs = Array.from({ length: 1500 }, () => Array.from({ length: random.int(30) }, () => `t${Math.floor(random.next() ** 3 * 2500)}`));
    const lists = new Map<string, number[]>();
    docs.forEach((terms, doc) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) lists.set(t, [...(lists.get(t) ?? []), doc, n]);
    });
    const parts = Bm25Index.build(docs).parts();
    const again = Bm25Index.fromParts(parts, DEFAULT_BM25);
    expect(Array.from(parts.lengths)).toEqual(docs.map((d) => d.length));
    expect(Array.from(parts.starts)).toHaveLength(lists.size + 1);
    [...lists].forEach(([term, list], t) => {
      expect(Array.from(parts.postings.subarray(parts.starts[t]!, parts.starts[t + 1]!)), term).toEqual(list);
      expect(again.df(term)).toBe(list.length / 2);
    });
  });

  it('says when a pack is truncated instead of answering from garbage', () => {
    const p = index.parts();
    const bytes = packBytes({}, { 'x.lengths': p.lengths, 'x.terms': p.terms, 'x.starts': p.starts, 'x.postings': p.postings });
    expect(() => Bm25Index.open(Pack.read(bytes.subarray(0, bytes.length - 16)), 'x', index.params)).toThrow(/outside the file/);
    expect(() => Pack.read(new TextEncoder().encode('{"not": "a pack"}'))).toThrow(/not a Dateline pack/);
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

import { describe, expect, it } from 'vitest';
import { passageWithin, passageWords, softCoverage, SoftMatcher, wordMatch } from '../../src/answer/soft-coverage.js';
import type { WordVectors } from '../../src/embed/word-vectors.js';

/** Four words on three axes: the protest words are near each other, `hockey` is on its own. */
const table: Record<string, number[]> = {
  demonstrators: [1, 0, 0],
  participants: [0.8, 0.6, 0],
  shoppers: [0, 1, 0],
  grocery: [0.28, 0.96, 0],
  hockey: [0, 0, 1],
};
const vectors: WordVectors = { dimension: 3, vector: (w) => (table[w] ? Float32Array.from(table[w]!) : undefined) };

describe('soft coverage', () => {
  const passage = passageWords(['participants', 'grocery', 'store'], vectors);

  it('counts the same stem fully and a paraphrase by its cosine', () => {
    expect(wordMatch('stores', passage, vectors)).toBe(1);
    expect(wordMatch('demonstrators', passage, vectors)).toBeCloseTo(0.8, 5);
    expect(wordMatch('shoppers', passage, vectors)).toBeCloseTo(0.96, 5);
    expect(wordMatch('hockey', passage, vectors)).toBe(0);
  });

  it('lets a paraphrased question meet its passage, and keeps an unrelated one apart', () => {
    const paraphrase = softCoverage([{ word: 'demonstrators', weight: 1 }, { word: 'shoppers', weight: 1 }], passage, vectors);
    const unrelated = softCoverage([{ word: 'hockey', weight: 1 }, { word: 'shoppers', weight: 0.1 }], passage, vectors);
    expect(paraphrase).toBeCloseTo(0.88, 5);
    expect(unrelated).toBeLessThan(0.1);
  });

  it('is hard coverage without word vectors', () => {
    const plain = passageWords(['participants', 'grocery']);
    expect(softCoverage([{ word: 'grocery', weight: 1 }, { word: 'shoppers', weight: 1 }], plain)).toBe(0.5);
  });

  it('gives one question the same matches and coverage, each word and passage looked at once', () => {
    let lookups = 0;
    const counted: WordVectors = { dimension: 3, vector: (w) => (lookups++, vectors.vector(w)) };
    const question = [{ word: 'demonstrators', weight: 1 }, { word: 'shoppers', weight: 1 }];
    const soft = new SoftMatcher(question, counted);
    expect(soft.coverage(passage)).toBeCloseTo(softCoverage(question, passage, vectors), 6);
    expect(soft.match('shoppers', passage)).toBeCloseTo(wordMatch('shoppers', passage, vectors), 6);
    const once = lookups;
    soft.coverage(passage);
    soft.match('demonstrators', passage);
    expect(lookups).toBe(once);
    expect(new SoftMatcher(question).coverage(passageWords(['shoppers']))).toBe(0.5);
  });

  it('matches a part of a passage on the passage\'s own rows, exactly as the part on its own', () => {
    const part = passageWithin(['grocery', 'store'], passage, vectors);
    expect(part.words).toBe(passage.words);
    const alone = passageWords(['grocery', 'store'], vectors);
    const question = [{ word: 'shoppers', weight: 1 }, { word: 'demonstrators', weight: 0.5 }, { word: 'stores', weight: 0.2 }];
    const soft = new SoftMatcher(question, vectors);
    soft.coverage(passage);
    for (const { word } of question) expect(soft.match(word, part)).toBe(wordMatch(word, alone, vectors));
    expect(soft.coverage(part)).toBe(softCoverage(question, alone, vectors));
    expect(soft.match('demonstrators', part)).not.toBe(soft.match('demonstrators', passage));
  });

  it('prepares a part on its own when it has a word with a vector that the passage lacks', () => {
    const part = passageWithin(['grocery', 'hockey'], passage, vectors);
    expect(part.words).not.toBe(passage.words);
    expect(wordMatch('hockey', part, vectors)).toBe(1);
    expect(wordMatch('shoppers', part, vectors)).toBeCloseTo(0.96, 5);
  });
});

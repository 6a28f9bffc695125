import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/eval/seeded-random.js';
import { kthLargest, topK } from '../../src/index/top-k.js';

describe('kthLargest (the threshold BM25 pruning asks for)', () => {
  it('is the k-th value of the scores sorted high to low, ties and repeats included', () => {
    const rng = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const scores = Float64Array.from({ length: 60 }, () => rng.int(12) / 4);
      const ids = Array.from({ length: 1 + rng.int(60) }, () => rng.int(60));
      const k = 1 + rng.int(ids.length);
      const sorted = ids.map((id) => scores[id]!).sort((a, b) => b - a);
      expect(kthLargest(ids, scores, k)).toBe(sorted[k - 1]);
      expect(kthLargest(ids, scores, k)).toBe(scores[topK(ids, (id) => scores[id]!, k)[k - 1]!]);
    }
  });
});

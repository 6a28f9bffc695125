import { describe, expect, it } from 'vitest';
import { cycle } from '../../bench/answer-latency.js';
import { areaOf, summarizeProfile, type CpuProfile } from '../../bench/cpu-profile-summary.js';
import { percentile, percentiles } from '../../bench/percentiles.js';
import { recallAtK } from '../../bench/vector-recall.js';
import { ExactVectorIndex, type VectorSearch } from '../../src/index/vector.js';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('cycle', () => {
  it('repeats the questions in order up to the count', () => {
    expect(cycle(['a', 'b'], 5)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });
});

describe('recallAtK', () => {
  const vectors = new Float32Array([1, 0, 0.8, 0.6, 0, 1, -1, 0]);
  const exact = new ExactVectorIndex(vectors, 2);
  const query = [new Float32Array([1, 0])];

  it('is 1 for the exact search itself and drops for a search that misses', () => {
    expect(recallAtK(exact, exact, query, 2)).toBe(1);
    const wrong: VectorSearch = { count: 4, search: () => [{ id: 3, similarity: -1 }, { id: 2, similarity: 0 }] };
    expect(recallAtK(wrong, exact, query, 2)).toBe(0);
  });

  it('does not count an equally near vector as a miss', () => {
    const twins = new ExactVectorIndex(new Float32Array([1, 0, 1, 0, 0, 1]), 2);
    const other: VectorSearch = { count: 3, search: () => [{ id: 1, similarity: 1 }] };
    expect(recallAtK(other, twins, query, 1)).toBe(1);
  });
});

describe('summarizeProfile', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: 'search', url: 'file:///x/node_modules/pkg/index.js', lineNumber: 9 } },
      { id: 2, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
    ],
    startTime: 1000,
    samples: [1, 1, 2, 1],
    timeDeltas: [0, 100, 100, 100],
  };

  it('adds self time by area and function, only inside the window', () => {
    const all = summarizeProfile(profile);
    expect(all.areas[0]).toEqual({ name: 'pkg', selfMs: 0.2, share: 0.667 });
    expect(all.functions.map((f) => f.name)).toEqual(['search (pkg:10)', '(garbage collector)']);
    expect(summarizeProfile(profile, [1150, 1250]).functions).toEqual([{ name: '(garbage collector)', selfMs: 0.1, share: 1 }]);
  });

  it('names packages, built-ins and native frames', () => {
    expect(areaOf('file:///a/node_modules/@xenova/transformers/src/x.js', 'f')).toBe('@xenova/transformers');
    expect(areaOf('node:internal/url', 'f')).toBe('node:internal/url');
    expect(areaOf('', 'dlopen')).toBe('native dlopen');
  });
});

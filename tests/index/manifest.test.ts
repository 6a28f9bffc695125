import { describe, expect, it } from 'vitest';
import { manifestSchema, SCHEMA_VERSION } from '../../src/index/manifest.js';

const stamp = { size: 5319, mtimeMs: 1.5e12, ctimeMs: 1.5e12, ino: 42 };
const manifest = (stories: unknown) => ({
  schemaVersion: SCHEMA_VERSION,
  model: { id: 'dateline/glove-100d-sif', dimension: 100 },
  chunking: { unit: 'sentence', attachCredits: true },
  lexical: { k1: 1.2, b: 0.75, bigrams: true, prefixes: true },
  hnsw: { m: 16, efConstruction: 200 },
  seedsHash: 'abc',
  stories,
  counts: { stories: 1, units: 22, chunks: 31 },
  builtAt: '2026-12-01T00:00:00.000Z',
  buildSeconds: 0.5,
  files: { 'index.pack': { bytes: 10, sha256: 'a'.repeat(64) } },
});

describe('a manifest read back', () => {
  it('keeps its stories, with or without stat stamps (and a sidecar stamp)', () => {
    const stories = [
      { id: 'a', file: 'a.txt', sha256: 'f'.repeat(64) },
      { id: 'b', file: 'b.txt', sha256: 'e'.repeat(64), stamp },
      { id: 'c', file: 'c.txt', sha256: 'd'.repeat(64), stamp: { ...stamp, sidecar: stamp } },
    ];
    expect(manifestSchema.parse(manifest(stories)).stories).toEqual(stories);
  });

  it.each([
    ['a story without a hash', [{ id: 'a', file: 'a.txt' }]],
    ['a hash that is not text', [{ id: 'a', file: 'a.txt', sha256: 7 }]],
    ['a stamp with a negative size', [{ id: 'a', file: 'a.txt', sha256: 'f', stamp: { ...stamp, size: -1 } }]],
    ['a sidecar stamp without times', [{ id: 'a', file: 'a.txt', sha256: 'f', stamp: { ...stamp, sidecar: { size: 1 } } }]],
    ['stories that are not a list', { a: 1 }],
  ])('is refused with %s, saying what a story entry holds', (_, stories) => {
    const parsed = manifestSchema.safeParse(manifest(stories));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/stories must list \{ id, file, sha256, stamp\? \}/);
  });
});

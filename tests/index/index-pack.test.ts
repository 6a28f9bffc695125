import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { buildIndex } from '../../src/index/build-index.js';
import { buildSettings } from '../../src/index/build-settings.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';
import { indexPackParts, readIndexPack, readQuantised } from '../../src/index/index-pack.js';
import { Pack, packBytes } from '../../src/index/pack.js';
import { QuantisedVectorIndex } from '../../src/index/quantised-scan.js';
import { readSeeds } from '../../src/ingest/read-seeds.js';
import { fileBytes } from '../../src/text/byte-source.js';
import { bundledEmbedder, tempDir, testConfig, twoStoriesFolder } from '../support/fixtures.js';

const QUESTIONS = ['whos breedlov', 'Who took the photo of Lavrov?', 'why did the fishing boats stay in port', 'wat day did they talk'];

/** A story or chunk as plain data (what a reader of its fields sees), whether read now or when first used. */
const plain = <T extends object>(o: T, keys: readonly (keyof T)[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const STORY_KEYS = ['id', 'file', 'title', 'date', 'url', 'source', 'sha256', 'text', 'units'] as const;
const CHUNK_KEYS = ['id', 'story', 'unit', 'sentence', 'kind', 'citation', 'start', 'end', 'text'] as const;

describe('an index pack read in place (a one-shot ask over an archive)', async () => {
  const config = await testConfig(await twoStoriesFolder());
  const embedder = await bundledEmbedder();
  const built = await buildIndex(await readSeeds(config.seedsDir), embedder, buildSettings({ embedder, hnsw: config.hnsw }));
  const file = path.join(await tempDir(), 'index.pack');
  await fs.writeFile(file, Buffer.concat(indexPackParts(built)));
  const read = () => Pack.read(fileBytes(file));

  it('gives the stories, sentences and vectors of the build, reading each story when first used', () => {
    const parts = readIndexPack(read(), embedder.dimension, 'pack');
    expect(parts.stories.map((s) => plain(s, STORY_KEYS))).toEqual(built.stories.map((s) => plain(s, STORY_KEYS)));
    expect(parts.chunks.map((c) => plain(c, CHUNK_KEYS))).toEqual(built.chunks.map((c) => plain(c, CHUNK_KEYS)));
    expect([...parts.units]).toEqual(built.units);
    expect([...parts.unitRow]).toEqual(built.unitRow);
    expect(parts.chunks.filter((c) => c.story === 1).map((c) => c.id)).toEqual(built.chunks.filter((c) => c.story === 1).map((c) => c.id));
    expect(parts.chunks[parts.chunks.length]).toBeUndefined();
    expect(parts.vectors.flat()).toEqual(built.vectors.flat());
    expect(parts.unitVectors.dots(built.vectors.flat().subarray(0, embedder.dimension), [3, 1])).toEqual(built.unitVectors.dots(built.vectors.flat().subarray(0, embedder.dimension), [3, 1]));
  });

  it('answers as the index in memory does, scanning byte codes for the neighbours', async () => {
    const pack = read();
    const parts = readIndexPack(pack, embedder.dimension, 'pack');
    const inPlace: CorpusIndex = { manifest: built.manifest, ...parts, vector: new QuantisedVectorIndex(readQuantised(pack), parts.vectors) };
    for (const q of QUESTIONS) {
      const [a, b] = [await answer(built, embedder, q), await answer(inPlace, embedder, q)];
      expect(b.excerpts.map((e) => [e.story, e.citation, e.text])).toEqual(a.excerpts.map((e) => [e.story, e.citation, e.text]));
      expect(b.answered).toBe(a.answered);
    }
  });

  it('says which story is damaged when its text is read, and refuses text ends that do not add up at once', async () => {
    const bytes = await fs.readFile(file);
    const pack = Pack.read(new Uint8Array(bytes));
    const texts = pack.info('texts');
    const damaged = Buffer.from(bytes);
    damaged.set([0xc3, 0xa9], texts.offset); // two letters overwritten by one two-byte letter: the story no longer has its length
    const parts = readIndexPack(Pack.read(new Uint8Array(damaged)), embedder.dimension, 'pack');
    expect(() => parts.stories[0]!.text).toThrow(/the text of .* is damaged/);
    const sections = Object.fromEntries(['texts', 'captions', 'captionEnds', 'units', 'unitCounts', 'chunks', 'vectors', 'unitVectors', 'labels', 'vectors.codes', 'vectors.scales', 'lexicon.words', 'lexicon.counts', 'lexicon.capitalised', 'chunks.lengths', 'chunks.terms', 'chunks.starts', 'chunks.postings', 'units.lengths', 'units.terms', 'units.starts', 'units.postings'].map((n) => [n, pack.array(n)]));
    const badEnds = Pack.read(packBytes(pack.meta, { ...sections, textEnds: Uint32Array.from([5, 3]) }));
    expect(() => readIndexPack(badEnds, embedder.dimension, 'pack')).toThrow(/textEnds do not match/);
  });
});

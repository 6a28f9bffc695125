import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { buildIndex } from '../../src/index/build-index.js';
import { buildSettings } from '../../src/index/build-settings.js';
import { loadIndex, saveIndex } from '../../src/index/store.js';
import { readSeeds } from '../../src/ingest/read-seeds.js';
import { bundledEmbedder, tempDir, testConfig } from '../support/fixtures.js';

const QUESTIONS = ['Where did Kerry and Lavrov meet?', 'whos breedlov', 'Who took the photo of Lavrov?', 'What did they say about sanctions on Iran?'];

describe('a saved generation', async () => {
  const config = await testConfig();
  const embedder = await bundledEmbedder();
  const settings = buildSettings({ embedder, hnsw: config.hnsw });
  const built = await buildIndex(await readSeeds(config.seedsDir), embedder, settings);
  const dir = await tempDir();
  await saveIndex(built, dir);

  it.each(['graph', 'scan'] as const)('loads back (vectors by %s) to the same stories, sentences, vocabulary and answers', async (mode) => {
    const loaded = await loadIndex(dir, settings, config.hnsw, undefined, mode);
    if (loaded.status !== 'ok') throw new Error(JSON.stringify(loaded));
    const { index } = loaded;
    expect(index.stories).toEqual(built.stories);
    expect(index.chunks).toEqual(built.chunks);
    expect(index.vectors.flat()).toEqual(built.vectors.flat());
    expect(index.unitVectors.flat()).toEqual(built.unitVectors.flat());
    expect(index.lexicon.entries()).toEqual(built.lexicon.entries());
    for (const q of QUESTIONS) {
      const [a, b] = [await answer(built, embedder, q), await answer(index, embedder, q)];
      expect(b.excerpts.map((e) => [e.story, e.citation, e.text])).toEqual(a.excerpts.map((e) => [e.story, e.citation, e.text]));
      expect(b.answered).toBe(a.answered);
    }
  });
});

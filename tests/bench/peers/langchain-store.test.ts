import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import { buildLangChainStore, CHUNK_OVERLAP, CHUNK_SIZE, chunkSplitter, DatelineEmbeddings, loadLangChainStore, searchChunks } from '../../../bench/peers/langchain-store.js';
import { bundledEmbedder, seedText, tempDir } from '../../support/fixtures.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

/** A long text with no blank lines: the splitter has to cut inside paragraphs, where the overlap applies. */
const LONG = Array.from({ length: 120 }, (_, i) => `Word${i} stands in sentence number ${i} of the long test text.`).join(' ');

describe('the LangChain peer’s chunks', () => {
  it('are at most 500 characters and neighbours share text (the overlap)', async () => {
    const chunks = await chunkSplitter().splitText(LONG);
    expect(CHUNK_SIZE).toBe(500);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_SIZE);
    for (let i = 1; i < chunks.length; i++) {
      const overlap = commonSuffixPrefix(chunks[i - 1]!, chunks[i]!);
      expect(overlap, `chunk ${i} starts with the end of chunk ${i - 1}`).toBeGreaterThan(CHUNK_OVERLAP / 2);
      expect(overlap).toBeLessThanOrEqual(CHUNK_OVERLAP);
    }
  });

  it('cover every word of the text', async () => {
    const chunks = await chunkSplitter().splitText(LONG);
    const seen = new Set(chunks.flatMap((c) => c.split(' ')));
    for (const word of LONG.split(' ')) expect(seen.has(word), word).toBe(true);
  });

  it('keep to 500 characters on the seed story too, paragraphs first', async () => {
    const chunks = await chunkSplitter().splitText(await seedText());
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_SIZE);
    expect(chunks.some((c) => c.includes('\n\n'))).toBe(true);
  });
});

/** The longest end of `a` that `b` starts with, in characters. */
function commonSuffixPrefix(a: string, b: string): number {
  for (let n = Math.min(a.length, b.length); n > 0; n--) if (b.startsWith(a.slice(-n))) return n;
  return 0;
}

describe('the LangChain HNSWLib store over Dateline’s model', () => {
  it('embeds with exactly the vectors of Dateline’s embedder', async () => {
    const embedder = await bundledEmbedder();
    const texts = ['Kerry met Lavrov in Paris.', 'Fishing boats sat idle.'];
    const ours = await embedder.embed(texts);
    const theirs = await new DatelineEmbeddings(embedder).embedDocuments(texts);
    expect(theirs).toEqual(ours.map((v) => Array.from(v)));
    expect(await new DatelineEmbeddings(embedder).embedQuery(texts[0]!)).toEqual(Array.from(ours[0]!));
  });

  it('finds a chunk asked in its own words, before and after save and HNSWLib.load', async () => {
    const embeddings = new DatelineEmbeddings(await bundledEmbedder());
    const store = await buildLangChainStore([{ file: 'seed.txt', text: await seedText() }], embeddings);
    const chunks = await chunkSplitter().splitText(await seedText());
    const target = chunks[Math.floor(chunks.length / 2)]!;
    expect((await searchChunks(store, target))[0]).toBe(target);
    const dir = await tempDir('dateline-langchain-');
    dirs.push(dir);
    await store.save(dir);
    const loaded = await loadLangChainStore(dir, embeddings);
    expect((await searchChunks(loaded, target))[0]).toBe(target);
    expect(await searchChunks(loaded, target)).toHaveLength(3);
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { DELTA_LIMIT } from '../../src/index/segments.js';
import { currentGeneration } from '../../src/index/store.js';
import { SECOND_STORY } from '../support/fixtures.js';
import { fullBuild, observed, service, THIRD } from '../support/incremental.js';

/** Another story that sorts after all the others. */
const FOURTH = {
  file: '2021-03-02-bridge-opening.txt',
  text: 'date 2021-03-02\n\nThe new Tagus bridge opened in Lisbon on Tuesday after six years of work.\n\nEngineer Ana Sousa said the bridge would carry 80,000 cars a day.\n',
};

/** Inode of `file` in the current generation of `indexDir` (the same inode: the same file, hard-linked). */
async function inode(indexDir: string, file: string): Promise<number | undefined> {
  const generation = await currentGeneration(indexDir);
  return fs.stat(path.join(indexDir, generation!, file)).then((s) => s.ino, () => undefined);
}

/** An embedder that records what it is asked to embed. */
function recording(embedder: Embedder): { embedder: Embedder; embedded: string[] } {
  const embedded: string[] = [];
  return { embedded, embedder: { ...embedder, embed: (texts) => (embedded.push(...texts), embedder.embed(texts)) } };
}

describe('segmented generations', () => {
  it('a story added after the others goes into a small delta beside the unchanged archive files, and answers as a full rebuild', async () => {
    const { config, embedder, make } = await service();
    const { embedded, embedder: counting } = recording(embedder);
    const svc = make(counting);
    await svc.open();
    const pack = await inode(config.indexDir, 'index.pack');
    const graph = await inode(config.indexDir, 'hnsw.bin');
    embedded.length = 0;

    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text);
    expect((await svc.reindex()).changes.added).toEqual([THIRD.file]);
    expect(embedded.every((t) => THIRD.text.includes(t))).toBe(true);
    expect(await inode(config.indexDir, 'index.pack')).toBe(pack);
    expect(await inode(config.indexDir, 'hnsw.bin')).toBe(graph);
    expect(await inode(config.indexDir, 'delta.pack')).toBeDefined();
    expect(await observed(await make().open(), embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
    expect(await observed(svc.current()!, embedder)).toEqual(await observed(await make().open(), embedder));

    embedded.length = 0;
    await fs.writeFile(path.join(config.seedsDir, FOURTH.file), FOURTH.text);
    await svc.reindex();
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.every((t) => FOURTH.text.includes(t))).toBe(true);
    expect(await inode(config.indexDir, 'index.pack')).toBe(pack);
    const reopened = await make().open();
    expect(reopened.manifest.base).toEqual({ stories: 2, units: expect.any(Number), chunks: expect.any(Number) });
    expect(await observed(reopened, embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
  });

  it('changing and removing stories of the delta keep the archive files; a one-shot scan answers as the graph does', async () => {
    const { config, embedder, make } = await service();
    const svc = make();
    await svc.open();
    const pack = await inode(config.indexDir, 'index.pack');
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text);
    await fs.writeFile(path.join(config.seedsDir, FOURTH.file), FOURTH.text);
    await svc.reindex();
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text.replace('Mira Holt', 'Jonas Berg'));
    expect((await svc.reindex()).changes.changed).toEqual([THIRD.file]);
    await fs.rm(path.join(config.seedsDir, FOURTH.file));
    expect((await svc.reindex()).changes.removed).toEqual([FOURTH.file]);
    expect(await inode(config.indexDir, 'index.pack')).toBe(pack);
    const full = await observed(await fullBuild(config.seedsDir, embedder), embedder);
    expect(await observed(await make().open(), embedder)).toEqual(full);
    expect(await observed(await make(embedder, 'scan').open(), embedder)).toEqual(full);
    expect(JSON.stringify(full.answers)).toContain('Jonas Berg');
  });

  it('a change to an archive story, or a file sorting among them, makes the next generation whole again, still as a full rebuild', async () => {
    const { config, embedder, make } = await service();
    const svc = make();
    await svc.open();
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text);
    await svc.reindex();
    expect(await inode(config.indexDir, 'delta.pack')).toBeDefined();
    await fs.writeFile(path.join(config.seedsDir, `${SECOND_STORY.id}.txt`), SECOND_STORY.text.replace('Portugal', 'Spain'));
    await svc.reindex();
    expect(await inode(config.indexDir, 'delta.pack')).toBeUndefined();
    expect(await observed(await make().open(), embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
    await fs.writeFile(path.join(config.seedsDir, FOURTH.file), FOURTH.text);
    await svc.reindex();
    await fs.writeFile(path.join(config.seedsDir, '0001-early.txt'), FOURTH.text.replace('Tagus', 'Douro'));
    await svc.reindex();
    expect(await inode(config.indexDir, 'delta.pack')).toBeUndefined();
    expect(await observed(await make().open(), embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
  });

  it(`keeps up to ${DELTA_LIMIT.stories} stories in the delta of a small archive, and folds them into a whole generation past that`, async () => {
    const { config, make } = await service();
    const svc = make();
    await svc.open();
    const add = (i: number) => fs.writeFile(path.join(config.seedsDir, `2030-${String(i).padStart(3, '0')}.txt`), FOURTH.text.replace('six', String(i + 2)));
    for (let i = 0; i < DELTA_LIMIT.stories; i++) await add(i);
    await svc.reindex();
    expect(await inode(config.indexDir, 'delta.pack')).toBeDefined();
    await add(DELTA_LIMIT.stories);
    await svc.reindex();
    expect(await inode(config.indexDir, 'delta.pack')).toBeUndefined();
    expect((await make().open()).stories).toHaveLength(2 + DELTA_LIMIT.stories + 1);
  });

  it('a crash while writing the delta leaves the previous generation serving; a damaged delta is rebuilt, not served', async () => {
    const { config, embedder, make } = await service();
    const svc = make();
    await svc.open();
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text);
    await svc.reindex();
    const generation = await currentGeneration(config.indexDir);
    const failing = make({ ...embedder, embed: () => Promise.reject(new Error('embedding crashed')) });
    await failing.open();
    await fs.writeFile(path.join(config.seedsDir, FOURTH.file), FOURTH.text);
    await expect(failing.reindex()).rejects.toThrow('embedding crashed');
    expect(await currentGeneration(config.indexDir)).toBe(generation);
    expect(failing.current()!.stories.map((s) => s.file)).toContain(THIRD.file);

    await svc.reindex();
    const delta = path.join(config.indexDir, (await currentGeneration(config.indexDir))!, 'delta.pack');
    await fs.truncate(delta, (await fs.stat(delta)).size - 8);
    const rebuilt = await make().open();
    expect(rebuilt.stories.map((s) => s.file)).toContain(FOURTH.file);
    expect(await observed(rebuilt, embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { currentGeneration } from '../../src/index/store.js';
import { SECOND_STORY, seedText } from '../support/fixtures.js';
import { fullBuild, observed, service, THIRD } from '../support/incremental.js';

describe('incremental reindex', () => {
  it('adding a story embeds only it and answers exactly as a full rebuild', async () => {
    const { config, embedder, make } = await service();
    const embedded: string[] = [];
    const svc = make({ ...embedder, embed: (texts) => (embedded.push(...texts), embedder.embed(texts)) });
    await svc.open();
    embedded.length = 0;
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text);
    const report = await svc.reindex();
    expect(report.kind).toBe('incremental');
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.every((t) => THIRD.text.includes(t))).toBe(true);
    expect(report.changes).toEqual({ added: [THIRD.file], changed: [], removed: [] });
    expect(await currentGeneration(config.indexDir)).toBe(report.generation);
    const reopened = await make().open();
    expect(await observed(reopened, embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
    expect(await observed(svc.current()!, embedder)).toEqual(await observed(reopened, embedder));
  });

  it('changing and removing stories answer as a full rebuild, and the removed story is gone', async () => {
    const { config, embedder, make } = await service({ [THIRD.file]: THIRD.text });
    const svc = make();
    await svc.open();
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text.replace('Mira Holt', 'Jonas Berg'));
    await fs.rm(path.join(config.seedsDir, `${SECOND_STORY.id}.txt`));
    const report = await svc.reindex();
    expect(report.kind).toBe('incremental');
    expect(report.changes).toEqual({ added: [], changed: [THIRD.file], removed: [`${SECOND_STORY.id}.txt`] });
    const index = await make().open();
    expect(index.stories.map((s) => s.file)).not.toContain(`${SECOND_STORY.id}.txt`);
    expect(JSON.stringify(await answer(index, embedder, 'Who scored twice?'))).toContain('Jonas Berg');
    expect(await observed(index, embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
  });

  it('keeps updating the same graph: add, change, remove in a row still match a full rebuild', async () => {
    const { config, embedder, make } = await service();
    const svc = make();
    await svc.open();
    const third = path.join(config.seedsDir, THIRD.file);
    await fs.writeFile(third, THIRD.text);
    await svc.reindex();
    await fs.writeFile(third, `${THIRD.text}\nThe final drew 9,000 people.\n`);
    await svc.reindex();
    await fs.writeFile(path.join(config.seedsDir, '0000-before-the-rest.txt'), (await seedText()).replace(/Kerry/g, 'Kerrigan'));
    await svc.reindex();
    await fs.rm(third);
    expect((await svc.reindex()).kind).toBe('incremental');
    expect(await observed(svc.current()!, embedder)).toEqual(await observed(await fullBuild(config.seedsDir, embedder), embedder));
  });

  it('writes nothing when no story changed, and rebuilds everything when asked for --full', async () => {
    const { config, make } = await service();
    const svc = make();
    await svc.open();
    const generation = await currentGeneration(config.indexDir);
    const same = await svc.reindex();
    expect(same).toMatchObject({ kind: 'unchanged', generation, changes: { added: [], changed: [], removed: [] } });
    const full = await svc.reindex({ full: true });
    expect(full.kind).toBe('full');
    expect(full.generation).not.toBe(generation);
  });

  it('a crash in the middle of an update leaves the previous generation serving, here and on the next start', async () => {
    const { config, embedder, make } = await service();
    const svc = make();
    const before = await svc.open();
    const generation = await currentGeneration(config.indexDir);
    let calls = 0;
    const failing: Embedder = { ...embedder, embed: async (texts) => (++calls > 0 ? Promise.reject(new Error('embedding crashed')) : embedder.embed(texts)) };
    const crashing = make(failing);
    await crashing.open();
    await fs.writeFile(path.join(config.seedsDir, THIRD.file), THIRD.text);
    await expect(crashing.reindex()).rejects.toThrow('embedding crashed');
    expect(await currentGeneration(config.indexDir)).toBe(generation);
    expect((await fs.readdir(config.indexDir)).filter((e) => e.startsWith('index-'))).toEqual([generation]);
    expect(crashing.current()!.stories.map((s) => s.file)).toEqual(before.stories.map((s) => s.file));
    const report = await svc.reindex();
    expect(report.changes.added).toEqual([THIRD.file]);
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import type { Embedder } from '../../src/embed/embedder.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';
import { IndexService } from '../../src/index/index-service.js';
import { currentGeneration } from '../../src/index/store.js';
import { bundledEmbedder, memoryLogger, SECOND_STORY, seedsFolder, seedText, testConfig } from '../support/fixtures.js';

const THIRD = {
  file: '2020-01-05-hockey-final.txt',
  text: 'date 2020-01-05\n\nThe Zamboni Cats won the hockey final in Oslo on Saturday, beating the Ice Owls 4-2.\n\nTheir captain, Mira Holt, scored twice in the third period.\n',
};

const QUESTIONS = ['Where did Kerry and Lavrov meet?', 'whos breedlov', 'Who won the hockey final?', 'Who scored twice?', "Why did Portugal's fleet stay in port?", 'What did the harbour master say about waves?'];

async function service(extra: Record<string, string> = {}) {
  const seedsDir = await seedsFolder({ [`${SECOND_STORY.id}.txt`]: SECOND_STORY.text, ...extra });
  const config = await testConfig(seedsDir);
  const embedder = await bundledEmbedder();
  const log = memoryLogger();
  const make = (e: Embedder = embedder) => new IndexService({ config, embedder: e, logger: log.logger });
  return { config, embedder, make };
}

/** What a reader sees of an index: its stories, sentences, vocabulary and answers. */
async function observed(index: CorpusIndex, embedder: Embedder) {
  const answers = [];
  for (const q of QUESTIONS) {
    const a = await answer(index, embedder, q);
    answers.push({ q, answered: a.answered, excerpts: a.excerpts.map((e) => [e.story, e.citation, e.text, e.score.toFixed(6)]) });
  }
  const lexicon = index.lexicon.entries();
  return {
    stories: index.stories.map((s) => [s.file, s.sha256, s.units.length]),
    chunks: index.chunks,
    vectors: Array.from(index.vectors.flat()),
    words: lexicon.words.map((w, i) => `${w}:${lexicon.counts[i]}:${lexicon.capitalised[i]}`).sort(),
    bm25: ['zamboni', 'kerri', 'harbour_master', 'portug*'].map((t) => [index.lexical.df(t), index.unitLexical.df(t)]),
    scores: [index.lexical, index.unitLexical].map((bm25) => Array.from({ length: bm25.size }, (_, doc) => bm25.score(['kerri', 'lavrov', 'zamboni', 'final', 'said'], doc).toFixed(9))),
    answers,
  };
}

/** The same seeds indexed from scratch. */
async function fullBuild(seedsDir: string, embedder: Embedder) {
  const config = await testConfig(seedsDir);
  return new IndexService({ config, embedder, logger: memoryLogger().logger }).open();
}

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

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { IndexService } from '../../src/index/index-service.js';
import { currentGeneration } from '../../src/index/store.js';
import { bundledEmbedder, memoryLogger, testConfig } from '../support/fixtures.js';

async function service(configOverrides?: Parameters<typeof testConfig>) {
  const config = await testConfig(...(configOverrides ?? []));
  const embedder = await bundledEmbedder();
  const log = memoryLogger();
  const make = () => new IndexService({ config, embedder, logger: log.logger });
  return { config, embedder, log, make };
}

const messages = (log: ReturnType<typeof memoryLogger>) => log.lines().map((l) => l.msg);

describe('IndexService', () => {
  it('builds on first use, then loads the saved index without re-embedding, with the same answers', async () => {
    const { config, embedder, log, make } = await service();
    const first = await make().open();
    expect(messages(log).some((m) => m.startsWith('No index in'))).toBe(true);
    const generation = await currentGeneration(config.indexDir);
    const before = messages(log).length;
    const second = await make().open();
    expect(messages(log).slice(before).some((m) => m === 'Index built')).toBe(false);
    expect(await currentGeneration(config.indexDir)).toBe(generation);
    expect(second.chunks.map((c) => c.text)).toEqual(first.chunks.map((c) => c.text));
    const q = 'What are Western leaders considering?';
    expect(await answer(second, embedder, q)).toEqual(await answer(first, embedder, q));
  });

  it('rebuilds when a seed changes and says which', async () => {
    const { config, log, make } = await service();
    await make().open();
    const file = path.join(config.seedsDir, '2014-03-30-kerry-lavrov-paris.txt');
    await fs.appendFile(file, '\n\nA late paragraph about hockey scores.\n');
    const index = await make().open();
    expect(messages(log)).toContain('Rebuilding the index: the seeds changed (changed 2014-03-30-kerry-lavrov-paris).');
    expect(index.chunks.some((c) => c.text.includes('hockey'))).toBe(true);
  });

  it('rebuilds when the model or schema recorded in the manifest differs', async () => {
    const { config, log, make } = await service();
    await make().open();
    const folder = path.join(config.indexDir, (await currentGeneration(config.indexDir))!);
    const manifest = JSON.parse(await fs.readFile(path.join(folder, 'manifest.json'), 'utf8'));
    await fs.writeFile(path.join(folder, 'manifest.json'), JSON.stringify({ ...manifest, model: { id: 'Xenova/other', dimension: 384 } }));
    await make().open();
    expect(messages(log)).toContain('Rebuilding the index: the index was embedded with Xenova/other, the configured model is dateline/glove-100d-sif.');
    const again = path.join(config.indexDir, (await currentGeneration(config.indexDir))!);
    const m2 = JSON.parse(await fs.readFile(path.join(again, 'manifest.json'), 'utf8'));
    await fs.writeFile(path.join(again, 'manifest.json'), JSON.stringify({ ...m2, schemaVersion: 0 }));
    await make().open();
    expect(messages(log).some((m) => m.includes('schema version 0'))).toBe(true);
  });

  it('records the confidence model an index is built for, and rebuilds for another version', async () => {
    const { config, embedder, log } = await service();
    const built = await new IndexService({ config, embedder, logger: log.logger, confidenceModel: 7 }).open();
    expect(built.manifest.confidenceModel).toBe(7);
    const before = messages(log).length;
    await new IndexService({ config, embedder, logger: log.logger, confidenceModel: 7 }).open();
    expect(messages(log).slice(before)).not.toContain('Index built');
    const rebuilt = await new IndexService({ config, embedder, logger: log.logger, confidenceModel: 8 }).open();
    expect(messages(log)).toContain('Rebuilding the index: the index was built for confidence model v7, this Dateline judges answers with v8.');
    expect(rebuilt.manifest.confidenceModel).toBe(8);
  });

  it.each([
    ['a truncated vector graph', async (folder: string) => fs.truncate(path.join(folder, 'hnsw.bin'), 100)],
    ['a corrupted pack (same size, one byte changed)', async (folder: string) => {
      const file = path.join(folder, 'index.pack');
      const bytes = await fs.readFile(file);
      const middle = bytes.length >> 1;
      bytes[middle] = bytes[middle]! ^ 0xff;
      await fs.writeFile(file, bytes);
    }],
    ['a truncated pack', async (folder: string) => fs.truncate(path.join(folder, 'index.pack'), 1000)],
    ['a deleted pack', async (folder: string) => fs.rm(path.join(folder, 'index.pack'))],
    ['an unreadable manifest', async (folder: string) => fs.writeFile(path.join(folder, 'manifest.json'), '\u0000\u0001')],
  ])('recovers from %s with a warning and answers', async (_name, damage) => {
    const { config, embedder, log, make } = await service();
    await make().open();
    await damage(path.join(config.indexDir, (await currentGeneration(config.indexDir))!));
    const index = await make().open();
    const warning = log.lines().find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/cannot be used .*rebuilding it/);
    const a = await answer(index, embedder, 'What is Philip Breedlove\'s job?');
    expect(a.excerpts[0]!.text).toContain('Supreme Allied Commander Europe');
  });

  it('ignores a half-written build left by a crash', async () => {
    const { config, make } = await service();
    await make().open();
    const generation = await currentGeneration(config.indexDir);
    await fs.mkdir(path.join(config.indexDir, '.building-crashed'));
    await fs.writeFile(path.join(config.indexDir, '.building-crashed', 'hnsw.bin'), 'partial');
    const index = await make().open();
    expect(await currentGeneration(config.indexDir)).toBe(generation);
    expect(index.chunks.length).toBeGreaterThan(0);
  });

  it('keeps the previous index serving when a reindex fails, and shares one rebuild between concurrent calls', async () => {
    const { config, make } = await service();
    const svc = make();
    const before = await svc.open();
    const [a, b] = await Promise.all([svc.reindex({ full: true }), svc.reindex({ full: true })]);
    expect(a).toBe(b);
    expect(svc.current()).not.toBe(before);
    const serving = svc.current();
    await fs.rm(config.seedsDir, { recursive: true });
    await expect(svc.reindex()).rejects.toThrow(/does not exist[\s\S]*previous index keeps serving/);
    expect(svc.current()).toBe(serving);
    expect(await currentGeneration(config.indexDir)).toBe(a.generation);
  });

  it('serves the existing index when the seeds folder has gone', async () => {
    const { config, log, make } = await service();
    await make().open();
    await fs.rm(config.seedsDir, { recursive: true });
    const index = await make().open();
    expect(index.stories).toHaveLength(1);
    expect(log.lines().some((l) => l.level === 40 && /Serving the existing index/.test(l.msg))).toBe(true);
  });

  it('keeps only the current and the previous generation on disk', async () => {
    const { config, make } = await service();
    const svc = make();
    await svc.open();
    await svc.reindex({ full: true });
    await svc.reindex({ full: true });
    const generations = (await fs.readdir(config.indexDir)).filter((e) => e.startsWith('index-'));
    expect(generations).toHaveLength(2);
  });
});

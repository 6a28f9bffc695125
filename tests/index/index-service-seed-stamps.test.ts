import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexService } from '../../src/index/index-service.js';
import { currentGeneration } from '../../src/index/store.js';
import { countingIo } from '../support/counting-io.js';
import { bundledEmbedder, memoryLogger, seedsFolder, testConfig } from '../support/fixtures.js';

/**
 * Issue #16: opening an index whose seeds did not change reads no story
 * file; stat stamps in the manifest tell which files to read and hash.
 */
const SEED = '2014-03-30-kerry-lavrov-paris.txt';

async function setup(extra: Record<string, string> = { 'b.txt': 'Another story about a harbour. Boats stayed in.' }) {
  const config = await testConfig(await seedsFolder(extra));
  const embedder = await bundledEmbedder();
  const log = memoryLogger();
  const open = async () => {
    const io = countingIo();
    const before = log.lines().length;
    const index = await new IndexService({ config, embedder, logger: log.logger, seedIo: io }).open();
    const said = log.lines().slice(before).map((l) => l.msg);
    return { index, reads: io.reads, built: said.includes('Index built'), said };
  };
  const manifest = async () => {
    const generation = (await currentGeneration(config.indexDir))!;
    return { generation, path: path.join(config.indexDir, generation, 'manifest.json'), data: JSON.parse(await fs.readFile(path.join(config.indexDir, generation, 'manifest.json'), 'utf8')) };
  };
  return { config, open, manifest, seeds: (name: string) => path.join(config.seedsDir, name) };
}

describe('IndexService.open with stat stamps', () => {
  it('records each story file\'s stamp, and reads no story when opening with unchanged seeds', async () => {
    const { open, manifest } = await setup();
    const first = await open();
    expect(first.built).toBe(true);
    const { data, generation } = await manifest();
    expect(data.stories.map((s: { stamp?: unknown }) => Object.keys(s.stamp as object).sort())).toEqual([
      ['ctimeMs', 'ino', 'mtimeMs', 'size'],
      ['ctimeMs', 'ino', 'mtimeMs', 'size'],
    ]);
    const second = await open();
    expect(second.built).toBe(false);
    expect(second.reads).toEqual([]);
    expect((await manifest()).generation).toBe(generation);
    expect(second.index.stories.map((s) => s.file)).toEqual(first.index.stories.map((s) => s.file));
  });

  it('does not rebuild for a touched file (new mtime, same content), and records its new stamp', async () => {
    const { open, manifest, seeds } = await setup();
    await open();
    const { generation } = await manifest();
    await fs.utimes(seeds('b.txt'), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    const touched = await open();
    expect(touched.built).toBe(false);
    expect(touched.reads).toEqual(['b.txt']);
    expect((await manifest()).generation).toBe(generation);
    const after = await open();
    expect(after.reads).toEqual([]);
  });

  it('rebuilds for a same-size rewrite, naming the story', async () => {
    const { open, seeds } = await setup();
    await open();
    const text = await fs.readFile(seeds('b.txt'), 'utf8');
    await fs.writeFile(seeds('b.txt'), text.replace('harbour', 'harbours').replace('about', 'abut'));
    expect((await fs.stat(seeds('b.txt'))).size).toBe(Buffer.byteLength(text));
    const changed = await open();
    expect(changed.built).toBe(true);
    expect(changed.said).toContain('Rebuilding the index: the seeds changed (changed b).');
    expect(changed.index.stories.find((s) => s.id === 'b')!.text).toContain('harbours');
  });

  it('rebuilds for stories added and removed, naming them', async () => {
    const { open, seeds } = await setup();
    await open();
    await fs.rm(seeds('b.txt'));
    await fs.writeFile(seeds('c.md'), 'A third story. It is new.');
    const changed = await open();
    expect(changed.said).toContain('Rebuilding the index: the seeds changed (added c; removed b).');
    expect(changed.index.stories.map((s) => s.id).sort()).toEqual(['2014-03-30-kerry-lavrov-paris', 'c']);
  });

  it('serves an index whose manifest has no stamps (built before them) without rebuilding, then fills them in', async () => {
    const { open, manifest } = await setup();
    await open();
    const old = await manifest();
    const stripped = { ...old.data, stories: old.data.stories.map(({ stamp: _stamp, ...s }: { stamp?: unknown }) => s) };
    await fs.writeFile(old.path, JSON.stringify(stripped, null, 2));
    const legacy = await open();
    expect(legacy.built).toBe(false);
    expect(legacy.reads.sort()).toEqual([SEED, 'b.txt']);
    const now = await manifest();
    expect(now.generation).toBe(old.generation);
    expect(now.data.stories.every((s: { stamp?: unknown }) => s.stamp)).toBe(true);
    expect(now.data.files).toEqual(old.data.files);
    expect((await open()).reads).toEqual([]);
  });

  it('keeps reporting a bad seed file on every open without rebuilding for it', async () => {
    const { open } = await setup({ 'empty.txt': '  \n' });
    await open();
    const again = await open();
    expect(again.built).toBe(false);
    expect(again.reads).toEqual(['empty.txt']);
    expect(again.said).toContain('Seed file empty.txt is empty; add the story text or remove the file');
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.js';
import { buildSettings } from '../../src/index/build-settings.js';
import { staleReason } from '../../src/index/manifest.js';
import { currentGeneration, saveIndex } from '../../src/index/store.js';
import { readSeeds } from '../../src/ingest/read-seeds.js';
import { bundledEmbedder, tempDir, testConfig } from '../support/fixtures.js';

describe('buildIndex and buildSettings', () => {
  it('records exactly the settings the loader compares, and saveIndex returns the manifest it wrote without touching the index', async () => {
    const config = await testConfig();
    const embedder = await bundledEmbedder();
    const settings = buildSettings({ embedder, hnsw: config.hnsw, confidenceModel: 3 });
    const index = await buildIndex(await readSeeds(config.seedsDir), embedder, settings, { builtBy: 'test' });
    const { model, chunking, lexical, hnsw, confidenceModel } = index.manifest;
    expect({ model, chunking, lexical, hnsw, confidenceModel }).toEqual(settings);
    expect(staleReason(index.manifest, settings)).toBeUndefined();
    expect(index.manifest.builtBy).toBe('test');

    const dir = await tempDir();
    const saved = await saveIndex(index, dir);
    expect(saved.generation).toBe(await currentGeneration(dir));
    expect(Object.keys(saved.manifest.files).sort()).toEqual(['hnsw.bin', 'index.pack']);
    expect(index.manifest.files).toEqual({});
  });

  it('saves the same graph and lexical indexes whether the graph is inserted on a worker thread or not', async () => {
    const config = await testConfig();
    const embedder = await bundledEmbedder();
    const settings = buildSettings({ embedder, hnsw: config.hnsw });
    const scan = await readSeeds(config.seedsDir);
    const stages: string[] = [];
    const inThread = await buildIndex(scan, embedder, settings);
    const offThread = await buildIndex(scan, embedder, settings, { graphWorkerMin: 1, onProgress: (e) => e.stage !== 'embedding' && stages.push(`${e.stage} ${e.done}`) });
    expect(stages).toEqual(['graph 0', 'graph 1', 'lexical 0', 'lexical 1']);
    const saved: string[] = [];
    for (const index of [inThread, offThread]) {
      const dir = await tempDir();
      saved.push(path.join(dir, (await saveIndex(index, dir)).generation));
    }
    for (const file of ['hnsw.bin', 'index.pack']) {
      const [a, b] = await Promise.all(saved.map((dir) => fs.readFile(path.join(dir, file))));
      expect(Buffer.compare(a!, b!), file).toBe(0);
    }
  });

  it('refuses settings made for another embedder', async () => {
    const config = await testConfig();
    const embedder = await bundledEmbedder();
    const settings = buildSettings({ embedder: { modelId: 'other/model', dimension: embedder.dimension }, hnsw: config.hnsw });
    await expect(buildIndex(await readSeeds(config.seedsDir), embedder, settings)).rejects.toThrow(/settings are for other\/model/);
  });
});

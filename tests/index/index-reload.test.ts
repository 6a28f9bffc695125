import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { IndexService } from '../../src/index/index-service.js';
import { LOCK_FILE } from '../../src/index/lock.js';
import { currentGeneration } from '../../src/index/store.js';
import { bundledEmbedder, memoryLogger, testConfig } from '../support/fixtures.js';

/** Two services on the same folders, as two shard processes would be. */
async function twoShards() {
  const config = await testConfig();
  const embedder = await bundledEmbedder();
  const logs = [memoryLogger(), memoryLogger()] as const;
  const [a, b] = logs.map((log) => new IndexService({ config, embedder, logger: log.logger })) as [IndexService, IndexService];
  const built = () => logs.flatMap((l) => l.lines()).filter((l) => l.msg === 'Index built').length;
  return { config, embedder, a, b, logs, built };
}

const SEED = '2014-03-30-kerry-lavrov-paris.txt';

describe('IndexService across processes (lock and reload)', () => {
  it('builds a missing index once when two start together; both serve that generation', async () => {
    const { config, a, b, built } = await twoShards();
    await Promise.all([a.open(), b.open()]);
    expect(built()).toBe(1);
    const generation = await currentGeneration(config.indexDir);
    expect(a.generation()).toBe(generation);
    expect(b.generation()).toBe(generation);
    await expect(fs.stat(path.join(config.indexDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('reload swaps in the generation another process wrote; an answer holding the old index keeps it', async () => {
    const { config, embedder, a, b } = await twoShards();
    await a.open();
    const old = await b.open();
    const oldGeneration = b.generation();
    await fs.appendFile(path.join(config.seedsDir, SEED), '\n\nThe hockey final ended four to two for the Zamboni Cats.\n');
    const report = await a.reindex();
    expect(report.generation).not.toBe(oldGeneration);
    expect(b.generation()).toBe(oldGeneration); // not until told
    expect(await b.reload()).toBe(report.generation);
    expect(b.generation()).toBe(report.generation);
    const fresh = b.current()!;
    expect(fresh).not.toBe(old);
    expect(fresh.chunks.some((c) => c.text.includes('Zamboni Cats'))).toBe(true);
    expect(old.chunks.some((c) => c.text.includes('Zamboni Cats'))).toBe(false); // the old object is untouched
    expect(JSON.stringify(await answer(fresh, embedder, 'Who won the hockey final?'))).toContain('Zamboni Cats');
    // Reloading the generation already serving is a no-op.
    expect(await b.reload()).toBe(report.generation);
    expect(b.current()).toBe(fresh);
  });

  it('a failed reload keeps the serving generation and says why', async () => {
    const { config, a, b } = await twoShards();
    await a.open();
    const serving = await b.open();
    await fs.writeFile(path.join(config.indexDir, 'CURRENT'), 'index-does-not-exist\n');
    await expect(b.reload()).rejects.toThrow(/Cannot reload the index: .*previous generation keeps serving/);
    expect(b.current()).toBe(serving);
  });

  it('two simultaneous /reindex in two processes rebuild once: the second waits and takes the fresh generation', async () => {
    const { a, b, built } = await twoShards();
    await Promise.all([a.open(), b.open()]);
    const [ra, rb] = await Promise.all([a.reindex({ full: true }), b.reindex({ full: true })]);
    expect(built()).toBe(2); // the first open, then one rebuild
    expect(ra.generation).toBe(rb.generation);
    expect([ra.adopted, rb.adopted].filter(Boolean)).toHaveLength(1);
    expect(a.generation()).toBe(b.generation());
  });

  it('breaks a stale lock left by a killed process', async () => {
    const { config, a, logs } = await twoShards();
    await a.open();
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    await fs.writeFile(path.join(config.indexDir, LOCK_FILE), JSON.stringify({ pid: child.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: 't' }));
    const report = await a.reindex();
    expect(report.generation).toBe(a.generation());
    expect(logs[0].lines().map((l) => l.msg)).toContain(`Broke a stale index lock: process ${child.pid} on ${os.hostname()} is not running.`);
  });
});

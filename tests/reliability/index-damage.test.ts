import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBot } from '../../src/discord/launch.js';
import { createCoreContext } from '../../src/core-context.js';
import { currentGeneration } from '../../src/index/store.js';
import { NO_IDENTIFY_WAIT } from '../discord/harness.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { bundledEmbedder, memoryLogger, seedsFolder, tempDir, testConfig } from '../support/fixtures.js';
import { recordScenario } from '../support/reliability-record.js';

/**
 * The bot starts (`launchBot`, as `npm start` does) on an index folder that
 * was damaged after a good build, rebuilds it saying why, and answers.
 */
type Damage = (generation: string, indexDir: string) => Promise<void>;
const inGeneration = (file: string, change: (full: string) => Promise<void>): Damage => (generation, dir) => change(path.join(dir, generation, file));
const editManifest = (edit: (m: Record<string, any>) => void): Damage =>
  inGeneration('manifest.json', async (file) => {
    const manifest = JSON.parse(await fs.readFile(file, 'utf8'));
    edit(manifest);
    await fs.writeFile(file, JSON.stringify(manifest));
  });

const flipBytes = inGeneration('index.pack', async (f) => {
  const bytes = await fs.readFile(f);
  for (let i = 0; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
  await fs.writeFile(f, bytes);
});

const damages: { id: string; name: string; damage: Damage }[] = [
  { id: 'index-truncated', name: 'the vector graph truncated', damage: inGeneration('hnsw.bin', (f) => fs.truncate(f, 64)) },
  { id: 'index-corrupted', name: 'the index pack corrupted (bytes flipped)', damage: flipBytes },
  { id: 'index-file-deleted', name: 'the index pack (sentences, vectors, terms) deleted', damage: inGeneration('index.pack', (f) => fs.rm(f)) },
  { id: 'index-manifest-deleted', name: 'the manifest deleted', damage: inGeneration('manifest.json', (f) => fs.rm(f)) },
  { id: 'index-generation-deleted', name: 'the whole generation folder deleted (CURRENT points at nothing)', damage: (g, dir) => fs.rm(path.join(dir, g), { recursive: true }) },
  { id: 'index-older-schema', name: 'written by an older schema (version 1)', damage: editManifest((m) => (m.schemaVersion = 1)) },
  { id: 'index-other-model', name: 'written by another embedding model (Xenova/all-MiniLM-L6-v2, 384-d)', damage: editManifest((m) => (m.model = { id: 'Xenova/all-MiniLM-L6-v2', dimension: 384 })) },
];

let fake: FakeDiscord;
let seedsDir: string;
let goodIndex: string;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  seedsDir = await seedsFolder();
  const config = await testConfig(seedsDir);
  goodIndex = config.indexDir;
  await (await createCoreContext(config, memoryLogger().logger, { embedder: await bundledEmbedder() })).index.open();
}, 30_000);
afterAll(() => fake?.stop());

describe('a damaged or outdated index folder', () => {
  for (const { id, name, damage } of damages) {
    it(`${name}: the bot starts, rebuilds with a message saying why, and answers`, async ({ task }) => {
      const record = recordScenario(task, id, `Index ${name}`);
      record.counts.faults = 1;
      const indexDir = await tempDir('dateline-index-');
      await fs.cp(goodIndex, indexDir, { recursive: true });
      const generation = (await currentGeneration(indexDir))!;
      await damage(generation, indexDir);
      const logs: Record<string, any>[] = [];
      const env = { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir };
      let stderr = '';
      const launched = await launchBot(env, {
        stderr: (t) => (stderr += t),
        writeLog: (l) => logs.push(JSON.parse(l)),
        context: { embedder: await bundledEmbedder() },
        start: { clientOptions: NO_IDENTIFY_WAIT },
      });
      expect(stderr).toBe('');
      expect(launched.ok).toBe(true);
      if (!launched.ok) return;
      try {
        const why = logs.find((l) => /cannot be used|Rebuilding the index/.test(l.msg));
        expect(why?.msg).toMatch(/cannot be used \(.+\); rebuilding it\.|Rebuilding the index: the index (has schema version 1|was embedded with Xenova)/);
        expect(logs.some((l) => l.msg === 'Index built')).toBe(true);
        const x = await fake.command('ask', { question: "What is Philip Breedlove's job?" }).waitForMessages();
        expect(String(x.messages()[0]!.data.content)).toContain('Supreme Allied Commander Europe');
        expect(await currentGeneration(indexDir)).not.toBe(generation);
        Object.assign(record.figures, { damage: name, 'logged (level)': `${why!.msg} (${why!.level >= 40 ? 'warn' : 'info'})`, 'bot started': true, 'answered after the rebuild': true });
      } finally {
        await launched.bot.stop();
      }
    }, 30_000);
  }
});

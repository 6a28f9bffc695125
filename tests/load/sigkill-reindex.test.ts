import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/index/store.js';
import { startBotProcess } from '../support/bot-process.js';
import { FakeDiscord, PERMISSIONS, type InteractionExchange } from '../support/fake-discord/index.js';
import { seedsFolder, tempDir } from '../support/fixtures.js';
import { recordScenario } from '../support/reliability-record.js';
import { syntheticStory } from '../support/synthetic-story.js';

/**
 * The bot process is killed with SIGKILL while /reindex rebuilds (a 400 KB
 * story makes the rebuild take seconds): once while embedding, once the
 * moment the new generation's folder appears on disk. Restarted on the same
 * folders, it must serve the previous complete index without rebuilding,
 * and the next /reindex must succeed.
 */
const moderator = { userId: '930000000000000001', permissions: String(BigInt(PERMISSIONS.member) | BigInt(PERMISSIONS.manageGuild)) };
const text = (x: InteractionExchange) => x.messages().map((m) => String(m.data.content)).join('\n');

let fake: FakeDiscord;
let env: Record<string, string>;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  env = { SEEDS_DIR: await seedsFolder({ 'archive.txt': syntheticStory(400_000) }), INDEX_DIR: await tempDir('dateline-index-'), LOG_LEVEL: 'debug' };
}, 30_000);
afterAll(() => fake?.stop());

/** Resolves (and stops watching) when a folder whose name starts with `prefix` appears in `dir`. */
function whenCreated(dir: string, prefix: string): { appeared: Promise<void>; close(): void } {
  const watcher = watch(dir);
  const appeared = new Promise<void>((resolve) => watcher.on('change', (_event, name) => String(name).startsWith(prefix) && resolve()));
  return { appeared, close: () => watcher.close() };
}

/** Where to kill: an id for the report, the moment in words, and how to wait for it. */
interface KillPoint {
  id: string;
  where: string;
  reached(reindex: InteractionExchange): Promise<void>;
}

const killPoints: KillPoint[] = [
  {
    id: 'sigkill-reindex-embedding',
    where: 'while embedding the stories',
    reached: async (reindex) => {
      await reindex.waitFor((x) => x.acknowledged, 10_000);
      await delay(300);
    },
  },
  {
    id: 'sigkill-reindex-writing',
    where: 'the moment the new generation folder appears',
    reached: async () => {
      const building = whenCreated(env.INDEX_DIR!, '.building-');
      try {
        await Promise.race([building.appeared, delay(60_000).then(() => Promise.reject(new Error('no .building- folder in 60 s')))]);
      } finally {
        building.close();
      }
    },
  },
];

describe('SIGKILL during /reindex', () => {
  for (const { id, where, reached } of killPoints) {
    it(`${where}: the restarted bot serves the previous index, and the next /reindex succeeds`, async ({ task }) => {
      const record = recordScenario(task, id, `SIGKILL during /reindex, ${where}`);
      record.counts.faults = 1;
      const first = await startBotProcess({ fake, env, readyTimeoutMs: 90_000 });
      const generation = await currentGeneration(env.INDEX_DIR!);
      expect(generation).toBeDefined();
      const reindex = fake.command('reindex', { full: true }, moderator);
      await reached(reindex);
      expect(await first.stop('SIGKILL')).toBeNull();
      const leftovers = (await fs.readdir(env.INDEX_DIR!)).filter((e) => e.startsWith('.building-'));
      expect(await currentGeneration(env.INDEX_DIR!)).toBe(generation);

      const restarted = await startBotProcess({ fake, env });
      try {
        const startup = restarted.logLines();
        expect(startup.filter((l) => l.msg === 'Index built')).toEqual([]);
        expect(startup.find((l) => l.msg === 'Loaded the index')).toMatchObject({ generation });
        const asked = await fake.command('ask', { question: "What is Philip Breedlove's job?" }, { userId: '930000000000000002' }).waitForMessages();
        expect(text(asked)).toContain('Supreme Allied Commander Europe');
        const again = await fake.command('reindex', { full: true }, moderator).waitFor((x) => x.messages().length > 0, 60_000);
        expect(text(again)).toMatch(/^\*\*Index rebuilt\*\*/);
        const after = await currentGeneration(env.INDEX_DIR!);
        expect(after).not.toBe(generation);
        expect((await fs.readdir(env.INDEX_DIR!)).filter((e) => e.startsWith('.building-'))).toEqual([]);
        Object.assign(record.figures, {
          'killed': where,
          'unfinished build folders left by the kill': leftovers.length,
          'generation served after restart': `${generation} (the previous one, loaded without rebuilding)`,
          'answer after restart': 'quotes ¶14 (Supreme Allied Commander Europe)',
          'next /reindex': `${text(again).split('\n')[0]} → ${after}`,
        });
      } finally {
        await restarted.stop();
      }
    }, 180_000);
  }
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/index/store.js';
import { startHarness, unescape, type Harness } from '../discord/harness.js';
import { PERMISSIONS, type InteractionExchange } from '../support/fake-discord/index.js';
import { SEED_FILE, seedsFolder } from '../support/fixtures.js';
import { recordScenario } from '../support/reliability-record.js';

/** A 50 MB file in seeds/ (ten times MAX_SEED_BYTES' default) is refused by name without being read. */
const HUGE_BYTES = 50 * 1024 * 1024;
const moderator = { userId: '940000000000000001', permissions: String(BigInt(PERMISSIONS.member) | BigInt(PERMISSIONS.manageGuild)) };
const text = (x: InteractionExchange) => unescape(x.messages().map((m) => String(m.data.content)).join('\n'));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seedsDir: await seedsFolder() });
  // A serving bot has answered before: the first answer's one-off loads (the model's word rows, read on first use) stay out of the measured window.
  await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, { userId: '940000000000000003' });
}, 30_000);
afterAll(() => h?.stop());

describe('a 50 MB file in seeds/', () => {
  it('is skipped by name and size on /reindex; alone, the reindex fails and the previous index keeps serving', async ({ task }) => {
    const record = recordScenario(task, 'seeds-50mb-file', 'A 50 MB file in seeds/');
    record.counts.badInputs = 1;
    const huge = path.join(h.config.seedsDir, 'huge.txt');
    await fs.writeFile(huge, Buffer.alloc(HUGE_BYTES, 'All work and no play. '));
    const rss = process.memoryUsage().rss;

    const withStory = await h.run('reindex', {}, moderator);
    expect(text(withStory)).toMatch(/^\*\*Index up to date\*\*[\s\S]*Skipped huge\.txt: is 50\.0 MB, over the 5\.0 MB limit \(MAX_SEED_BYTES\)/);
    const generation = await currentGeneration(h.config.indexDir);

    await fs.rm(path.join(h.config.seedsDir, path.basename(SEED_FILE)));
    const alone = await h.run('reindex', {}, moderator);
    expect(text(alone)).toMatch(/huge\.txt: is 50\.0 MB, over the 5\.0 MB limit[\s\S]*the previous index keeps serving/);
    expect(await currentGeneration(h.config.indexDir)).toBe(generation);
    const asked = await h.run('ask', { question: "What is Philip Breedlove's job?" }, { userId: '940000000000000002' });
    expect(text(asked)).toContain('Supreme Allied Commander Europe');
    const growthMb = (process.memoryUsage().rss - rss) / 1024 / 1024;
    Object.assign(record.figures, {
      'reindex with the story beside it': text(withStory).split('\n').find((l) => l.startsWith('Skipped')) ?? '',
      'reindex with it alone': text(alone).split('\n')[0] ?? '',
      'previous index kept serving': true,
      'memory growth while refusing it (MB, RSS)': Number(growthMb.toFixed(1)),
    });
    expect(growthMb).toBeLessThan(HUGE_BYTES / 1024 / 1024 / 2);
  }, 60_000);
});

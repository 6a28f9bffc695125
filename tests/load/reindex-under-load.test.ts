import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBurst } from '../support/ask-burst.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { PERMISSIONS } from '../support/fake-discord/index.js';
import { SEED_FILE, seedText } from '../support/fixtures.js';
import { summarize, waitUntilSettled } from '../support/exchange-outcomes.js';
import { addBatch, recordScenario } from '../support/reliability-record.js';
import { countVersions } from '../support/story-versions.js';

/**
 * A /reindex in the middle of a 1,000-question burst, from a seeds folder
 * whose story has one sentence changed, so every reply shows which index
 * built it. Cooldown off, as in load.test.ts.
 */
const OLD_SENTENCE = 'arrived in Europe on Saturday evening';
const NEW_SENTENCE = 'arrived in Brussels on Saturday evening';
const moderator = { userId: '920000000000000001', permissions: String(BigInt(PERMISSIONS.member) | BigInt(PERMISSIONS.manageGuild)) };

let bot: BotProcess;
let oldText: string;
let newText: string;
beforeAll(async () => {
  bot = await startBotProcess({ env: { ASK_COOLDOWN: 'off' } });
  oldText = await seedText();
  newText = oldText.replace(OLD_SENTENCE, NEW_SENTENCE);
}, 90_000);
afterAll(async () => {
  await bot?.stop();
  await bot?.fake.stop();
});

describe('/reindex during a burst of 1,000 /ask', () => {
  it('answers everything without an error, each reply from one index, and from the new one after the swap', async ({ task }) => {
    const record = recordScenario(task, 'load-reindex', '/reindex in the middle of 1,000 /ask');
    expect(newText).not.toBe(oldText);
    const before = askBurst(bot.fake, { count: 500, users: 50 });
    await fs.writeFile(path.join(bot.env.SEEDS_DIR!, path.basename(SEED_FILE)), newText);
    const reindex = bot.fake.command('reindex', { full: true }, moderator);
    const during = askBurst(bot.fake, { count: 500, users: 50 });
    const burst = [...before, ...during];
    await waitUntilSettled([...burst, reindex], 120_000);
    const report = reindex.messages().map((m) => String(m.data.content)).join('\n');

    const after = askBurst(bot.fake, { count: 100, users: 50 });
    await waitUntilSettled(after, 60_000);

    const burstSummary = summarize([...burst, reindex]);
    const afterSummary = summarize(after);
    addBatch(record, burstSummary, 'burst with /reindex');
    addBatch(record, afterSummary, 'after the swap');
    const burstVersions = countVersions(burst, oldText, newText);
    const afterVersions = countVersions(after, oldText, newText);
    const errors = bot.logLines().filter((l) => (l.level ?? 0) >= 50);
    Object.assign(record.figures, {
      'reindex report': report.split('\n')[0] ?? '',
      'burst replies quoting the old story only / the new only / text in both / a mix': `${burstVersions.old} / ${burstVersions.new} / ${burstVersions.either} / ${burstVersions.mixed}`,
      'replies after the swap quoting the old story only / the new only / text in both / a mix': `${afterVersions.old} / ${afterVersions.new} / ${afterVersions.either} / ${afterVersions.mixed}`,
      'errors logged': errors.length,
    });

    expect(report).toMatch(/^\*\*Index rebuilt\*\*/);
    expect(burstSummary).toMatchObject({ lost: 0, late: 0, twice: 0 });
    expect(afterSummary).toMatchObject({ lost: 0, late: 0, twice: 0 });
    expect(errors).toEqual([]);
    expect(burstVersions.mixed).toBe(0);
    expect(burstVersions.old).toBeGreaterThan(0);
    expect(afterVersions).toMatchObject({ old: 0, mixed: 0 });
    expect(afterVersions.new).toBeGreaterThan(0);
    const results = new Set(bot.logLines().filter((l) => l.msg === 'interaction').map((l) => l.result));
    expect(results).toEqual(new Set(['answered', 'declined', 'reindexed']));
  }, 240_000);
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquadSet } from '../../src/eval/datasets.js';
import { noisyQuestions } from '../../src/eval/noise.js';
import { runEval } from '../../src/eval/run-eval.js';
import { bundledEmbedder, memoryLogger, seedsFolder, tempDir, testConfig } from '../support/fixtures.js';

describe('eval harness smoke test', () => {
  it('asks a handful of questions through ask and the baselines, and counts them', async () => {
    const config = await testConfig();
    const set = {
      name: 'smoke',
      seedsDir: await seedsFolder(),
      answerable: [
        { q: 'What is Philip Breedlove\'s job?', answers: ['Supreme Allied Commander Europe'] },
        { q: 'Which city saw a performance at a grocery store?', answers: ['Odessa'] },
      ],
      unanswerable: [{ q: 'What was the score of the hockey game?', answers: [] }],
    };
    const report = await runEval(set, { config, embedder: await bundledEmbedder(), logger: memoryLogger().logger });
    expect(report.methods.map((m) => m.method)).toEqual(['lexical (BM25 sentences)', 'dense (vector only)', 'dateline (full)']);
    const full = report.methods[2]!.tally;
    expect(full).toMatchObject({ answerable: 2, top1: 2, unanswerable: 1, declined: 1 });
    expect(report.methods[1]!.tally.wronglyAnswered).toBe(1);
    expect(report.misses).toEqual([]);
    expect(report.noisy).toBeUndefined();
  });

  it('counts confidence so every answerable question is answered sure, answered "not sure" or declined', async () => {
    const config = await testConfig();
    const set = {
      name: 'tiny',
      seedsDir: await seedsFolder(),
      answerable: [
        { q: 'Which city saw a performance at a grocery store?', answers: ['Odessa'] },
        { q: 'Who did Kerry meet in Paris?', answers: ['zebra crossing'] },
      ],
      unanswerable: [{ q: 'What was the score of the hockey game?', answers: [] }],
    };
    const report = await runEval(set, { config, embedder: await bundledEmbedder(), logger: memoryLogger().logger }, { noiseSeed: 1 });
    for (const run of [report, report.noisy!]) {
      for (const { tally: t } of run.methods) {
        expect(t.answeredHigh + t.answeredLow + t.wronglyDeclined).toBe(t.answerable);
        expect(t.declined + t.wronglyAnswered).toBe(t.unanswerable);
        expect(t.wronglyAnsweredHigh).toBeLessThanOrEqual(t.wronglyAnswered);
      }
      // The lexical and dense baselines never say they are unsure.
      expect(run.methods[1]!.tally.answeredLow).toBe(0);
    }
    // The same questions, perturbed, asked of the same index.
    expect(report.noisy!.seed).toBe(1);
    expect(report.noisy!.methods.map((m) => m.method)).toEqual(report.methods.map((m) => m.method));
    expect(report.noisy!.methods[2]!.tally).toMatchObject({ answerable: 2, unanswerable: 1 });
    expect(report.misses.map((m) => m.q)).toContain('Who did Kerry meet in Paris?');
    expect(report.noisy!.misses.map((m) => m.q)).toContain(noisyQuestions([set.answerable[1]!], 1)[0]!.q);
  });

  it('writes SQuAD articles as separate stories with their titles', async () => {
    const file = path.join(await tempDir(), 'squad.json');
    await fs.writeFile(file, JSON.stringify({ articles: [
      { title: 'Normans', paragraphs: ['The Normans lived in Normandy.', 'They spoke French.'], qas: [{ question: 'Where?', answers: ['Normandy'], is_impossible: false }] },
      { title: 'Warsaw City', paragraphs: ['Warsaw is the capital.'], qas: [{ question: 'Why?', answers: [], is_impossible: true }] },
    ] }));
    const set = await loadSquadSet(file);
    expect((await fs.readdir(set.seedsDir)).sort()).toEqual(['normans.json', 'normans.txt', 'warsaw-city.json', 'warsaw-city.txt']);
    expect(await fs.readFile(path.join(set.seedsDir, 'normans.txt'), 'utf8')).toBe('The Normans lived in Normandy.\n\nThey spoke French.\n');
    expect(set.answerable).toEqual([{ q: 'Where?', answers: ['Normandy'] }]);
    expect(set.unanswerable).toHaveLength(1);
  });
});

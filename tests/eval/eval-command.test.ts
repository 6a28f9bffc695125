import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../../src/cli/eval-command.js';
import type { CoreContext } from '../../src/core-context.js';
import { IndexService } from '../../src/index/index-service.js';
import { noisyQuestions } from '../../src/eval/noise.js';
import { bundledEmbedder, memoryLogger, seedsFolder, tempDir, testConfig } from '../support/fixtures.js';

/** A tiny question file in the story format: one hit, one sure miss, one unanswerable. */
const QUESTIONS = {
  answerable: [
    { q: 'Which city saw a performance at a grocery store?', answers: ['Odessa'] },
    { q: 'Who did Kerry meet in Paris on Sunday evening?', answers: ['zebra crossing'] },
  ],
  unanswerable: [{ q: 'What was the score of the hockey game?' }],
};
const ALL_QUESTIONS = [...QUESTIONS.answerable, ...QUESTIONS.unanswerable].map((q) => ({ q: q.q, answers: [] }));

let context: CoreContext;
let questionsFile: string;

beforeAll(async () => {
  const seeds = await seedsFolder();
  const config = await testConfig(seeds);
  const embedder = await bundledEmbedder();
  const logger = memoryLogger().logger;
  context = { config, embedder, logger, index: new IndexService({ config, embedder, logger }) };
  questionsFile = path.join(await tempDir(), 'questions.json');
  await fs.writeFile(questionsFile, JSON.stringify(QUESTIONS));
});

/** Runs `dateline eval …args` in-process; returns what it printed and the JSON it wrote. */
async function runEvalCommand(set: string, args: string[]): Promise<{ printed: string; json: Record<string, unknown>; raw: string }> {
  const out = await tempDir('dateline-eval-out-');
  const printed: string[] = [];
  const command = evalCommand(async () => context, (text) => printed.push(text)).exitOverride();
  await command.parseAsync(['--set', set, `--${set}-file`, questionsFile, '--out', out, ...args], { from: 'user' });
  const raw = await fs.readFile(path.join(out, `eval-${set}.json`), 'utf8');
  return { printed: printed.join(''), json: JSON.parse(raw) as Record<string, unknown>, raw };
}

describe('dateline eval', () => {
  it('--noise reports a perturbed copy side by side with the clean run, and keeps both in the JSON', async () => {
    const { printed, json } = await runEvalCommand('more', ['--noise']);
    expect(printed).toMatch(/^Set more: 2 answerable \+ 1 unanswerable questions, 1 stories/m);
    expect(printed).toMatch(/^Set more \+noise \(seed 1\): /m);
    expect(printed).toMatch(/^noise vs clean \(full method\): top-1 [+−]\d+\.\d points/m);
    expect(printed.match(/^dateline \(full\)/gm)).toHaveLength(2);
    expect(printed).toMatch(/^method +top-1 +top-3 +ans\. sure +ans\. not sure +ans\. declined +unans\. declined +unans\. sure$/m);
    const noisy = json.noisy as { seed: number; methods: unknown[]; misses: { q: string }[] };
    expect(noisy.seed).toBe(1);
    expect(noisy.methods).toHaveLength(3);
    expect(json.methods).toHaveLength(3);
    // A development set lists its misses in the JSON, clean and noisy.
    expect((json.misses as { q: string }[]).map((m) => m.q)).toContain(QUESTIONS.answerable[1]!.q);
    expect(noisy.misses.map((m) => m.q)).toContain(noisyQuestions(ALL_QUESTIONS, 1)[1]!.q);
    expect(printed).toContain('misses: ');
    expect(printed).toContain('--show-misses prints them');
    expect(json.bar).toEqual([]);
  });

  it('--noise takes a seed', async () => {
    const { printed, json } = await runEvalCommand('more', ['--noise', '7']);
    expect(printed).toMatch(/^Set more \+noise \(seed 7\)/m);
    expect((json.noisy as { seed: number }).seed).toBe(7);
    const { json: clean } = await runEvalCommand('more', []);
    expect(clean.noisy).toBeUndefined();
  });

  it('rejects a seed that is not a whole number', async () => {
    const command = evalCommand(async () => context, () => {})
      .exitOverride()
      .configureOutput({ writeErr: () => {} });
    await expect(command.parseAsync(['--set', 'more', '--noise', 'x1'], { from: 'user' })).rejects.toThrow(/whole number/);
  });

  it('hides the misses of the held-out fresh set from the output and the JSON, noisy copy included', async () => {
    const { printed, raw, json } = await runEvalCommand('fresh', ['--noise']);
    expect(json.missesHidden).toBe(true);
    expect(json).not.toHaveProperty('misses');
    expect(json.noisy).toMatchObject({ seed: 1, missesHidden: true });
    expect(json.noisy).not.toHaveProperty('misses');
    for (const q of [...ALL_QUESTIONS, ...noisyQuestions(ALL_QUESTIONS, 1)]) {
      expect(printed).not.toContain(q.q);
      expect(raw).not.toContain(q.q);
    }
    expect(printed).toMatch(/^misses: \d+ \(held-out set: not listed; --show-misses lists them\)$/m);
    expect(printed).toMatch(/^Set fresh \+noise \(seed 1\)/m);
    expect((json.bar as { what: string }[]).map((b) => b.what.replace(/ \d\.\d+ /, ' '))).toEqual([
      'top-1 ≥ 0.80',
      'top-3 ≥ 0.90',
      'answerable declined ≤ 0.05',
      'unanswerable declined ≥ 0.50',
      'answerable answered only "not sure" ≤ 0.25',
    ]);
  });

  it('--show-misses lists the misses of the fresh set when asked', async () => {
    const { printed, json } = await runEvalCommand('fresh', ['--show-misses']);
    expect(json).not.toHaveProperty('missesHidden');
    expect((json.misses as { q: string }[]).map((m) => m.q)).toContain(QUESTIONS.answerable[1]!.q);
    expect(printed).toMatch(/^misses of the full method \(\d+\):$/m);
    expect(printed).toContain(`] ${QUESTIONS.answerable[1]!.q}`);
  });

  it('--check exits 3 when the bar is missed', async () => {
    const out = await tempDir('dateline-eval-out-');
    const command = evalCommand(async () => context, () => {}).exitOverride();
    await expect(command.parseAsync(['--set', 'fresh', '--fresh-file', questionsFile, '--out', out, '--check'], { from: 'user' })).rejects.toMatchObject({
      exitCode: 3,
      code: 'dateline.barMissed',
    });
  });

  describe('--set followups', () => {
    const EXCHANGES = {
      followUps: [
        { first: 'Who is Catherine Ashton?', followUp: 'what did her spokeswoman say?', answers: ['meaningful dialogue'] },
        { first: 'Who took the photo in Sevastopol?', followUp: 'and the Kurultai one?', answers: ['Shamil Zhumatov'] },
        { first: 'who is breedlove', followUp: 'when did he arrive?', answers: ['Saturday evening'] },
      ],
      standalone: [{ first: 'Where did Kerry and Lavrov meet?', second: 'Where was the performance in a grocery store?', answers: ['Odessa'] }],
    };
    let file: string;
    beforeAll(async () => {
      file = path.join(await tempDir(), 'exchanges.json');
      await fs.writeFile(file, JSON.stringify(EXCHANGES));
    });
    const run = async (set: string, args: string[] = []) => {
      const out = await tempDir('dateline-eval-out-');
      const printed: string[] = [];
      const command = evalCommand(async () => context, (text) => printed.push(text)).exitOverride();
      await command.parseAsync(['--set', set, `--${set}-file`, file, '--out', out, ...args], { from: 'user' });
      return { printed: printed.join(''), json: JSON.parse(await fs.readFile(path.join(out, `eval-${set}.json`), 'utf8')) as Record<string, any> };
    };

    it('asks each follow-up alone and read with its first question, and reports both with the bar', async () => {
      const { printed, json } = await run('followups');
      expect(printed).toMatch(/^Follow-ups \(3\/3 recognised as follow-ups\):$/m);
      expect(printed).toMatch(/^ {2}with context {3}top-1 3\/3 \(100\.0 %\)/m);
      expect(json.followUps.withContext.top1).toBeGreaterThan(json.followUps.alone.top1);
      expect(json.standalone).toMatchObject({ mixed: 0, withContext: { top1: 1 }, alone: { top1: 1 } });
      expect(json.bar.every((b: { pass: boolean }) => b.pass)).toBe(true);
    });

    it('hides the misses of the held-out set unless asked', async () => {
      const hard = { ...EXCHANGES, followUps: [{ first: 'Where did Kerry and Lavrov meet?', followUp: 'what was the weather like', answers: ['sunny skies'] }] };
      await fs.writeFile(file, JSON.stringify(hard));
      const hidden = await run('followups-fresh');
      expect(hidden.printed).toContain('(1 misses hidden: a held-out set)');
      expect(hidden.printed).not.toContain('weather');
      expect(hidden.json.misses).toBeUndefined();
      expect(hidden.json.bar[0]).toMatchObject({ pass: false });
      const shown = await run('followups-fresh', ['--show-misses']);
      expect(shown.printed).toContain('what was the weather like');
      await fs.writeFile(file, JSON.stringify(EXCHANGES));
    });
  });
});

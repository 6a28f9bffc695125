import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { isDuplicate, overlap, type Excerpt } from '../../src/answer/excerpt.js';
import { IndexService } from '../../src/index/index-service.js';
import { indexTerms } from '../../src/text/tokenize.js';
import { bundledEmbedder, DEV_QUESTIONS, memoryLogger, testConfig } from '../support/fixtures.js';

interface DevSet {
  answerable: { q: string; answers: string[] }[];
  unanswerable: { q: string }[];
}

describe('answer on the seed story', async () => {
  const embedder = await bundledEmbedder();
  const config = await testConfig();
  const index = await new IndexService({ config, embedder, logger: memoryLogger().logger }).open();
  const dev = JSON.parse(await fs.readFile(DEV_QUESTIONS, 'utf8')) as DevSet;
  const story = index.stories[0]!;

  it('quotes only exact substrings of the story, at the offsets it gives', async () => {
    for (const { q } of [...dev.answerable, ...dev.unanswerable]) {
      const a = await answer(index, embedder, q);
      for (const e of [...a.excerpts, ...(a.closest ?? [])]) {
        expect(story.text.slice(e.start, e.end)).toBe(e.text);
        expect(e.text.length <= 400 || !/[.!?]\s+[A-Z]/.test(e.text)).toBe(true);
      }
    }
  });

  it('answers a plain question with the passage that holds the answer and its citation', async () => {
    const a = await answer(index, embedder, 'What is Philip Breedlove\'s job?');
    expect(a.answered).toBe(true);
    expect(a.excerpts[0]).toMatchObject({ citation: '¶14', kind: 'paragraph', story: '2014-03-30-kerry-lavrov-paris' });
    expect(a.excerpts[0]!.text).toContain('Supreme Allied Commander Europe');
  });

  it('answers "Who is X?" with a passage that says what X is, not one that only names X', async () => {
    const a = await answer(index, embedder, 'Who is Lavrov?');
    expect(a.excerpts[0]!.text).toMatch(/Russian Foreign Minister Sergei Lavrov|Russian counterpart, Sergei Lavrov/);
  });

  it('does not match the words of a "What day" wh-phrase ("days before"), and finds the day', async () => {
    const a = await answer(index, embedder, 'What day were the talks held?');
    expect(a.answered).toBe(true);
    expect(a.excerpts[0]!.text).toContain('on Sunday');
  });

  it("declines a question about someone the story never mentions, even a well-known name", async () => {
    const a = await answer(index, embedder, 'What did Obama say about the talks?');
    expect(a.answered).toBe(false);
  });

  it('cites a photo caption with its credit', async () => {
    const a = await answer(index, embedder, 'What is anchored at the navy base?');
    expect(a.excerpts[0]).toMatchObject({ citation: 'Photo caption 3', kind: 'caption', credit: 'REUTERS/Yannis Behrakis' });
  });

  it('says the story does not say, with the closest passages kept apart', async () => {
    const a = await answer(index, embedder, 'What was the score of the hockey game?');
    expect(a.answered).toBe(false);
    expect(a.excerpts).toEqual([]);
    expect(a.closest?.length).toBeGreaterThan(0);
  });

  it('beats quoting the top BM25 paragraph on the dev questions', async () => {
    let top1 = 0;
    let declined = 0;
    let baseline = 0;
    for (const { q, answers } of dev.answerable) {
      const a = await answer(index, embedder, q);
      const first = a.excerpts[0]?.text.toLowerCase() ?? '';
      if (answers.some((x) => first.includes(x.toLowerCase()))) top1++;
      const best = index.unitLexical.search(indexTerms(q), 1)[0];
      const [s, u] = index.units[best!.doc]!;
      if (answers.some((x) => index.stories[s]!.units[u]!.text.toLowerCase().includes(x.toLowerCase()))) baseline++;
    }
    let sure = 0;
    for (const { q } of dev.unanswerable) {
      const a = await answer(index, embedder, q);
      if (!a.answered) declined++;
      else if (a.confidence === 'high') sure++;
    }
    expect(top1).toBe(dev.answerable.length);
    expect(declined).toBeGreaterThanOrEqual(3);
    expect(sure).toBeLessThanOrEqual(1);
    expect(top1 + declined).toBeGreaterThan(baseline);
  });

  it('never repeats a near-identical passage', async () => {
    const a = await answer(index, embedder, 'Where did Kerry and Lavrov meet?', { k: 5 });
    for (let i = 0; i < a.excerpts.length; i++) expect(isDuplicate(a.excerpts[i]!, a.excerpts.slice(0, i))).toBe(false);
    expect(a.excerpts.filter((e) => e.text.startsWith('Kerry and Lavrov met in Paris seeking')).length).toBeLessThanOrEqual(1);
  });

  it('answers casual typing: chat-speak, no apostrophes, a misspelt name, Discord markup', async () => {
    const a = await answer(index, embedder, '<@123456789012345678> whos breedlov');
    expect(a.answered).toBe(true);
    expect(a.readAs).toEqual(['breedlove']);
    expect(a.excerpts[0]!.text).toContain('General Philip Breedlove');
    const day = await answer(index, embedder, 'wat day did kery n lavorv talk');
    expect(day.readAs).toEqual(['kerry', 'lavrov']);
    expect(day.excerpts[0]!.text).toContain('Sunday');
  });

  it('carries the whole unit each excerpt quotes, so front ends need not look it up (issue #14)', async () => {
    const a = await answer(index, embedder, "What is Philip Breedlove's job?");
    expect(a.excerpts[0]!.unit!.text).toMatch(/^General Philip Breedlove, who is both NATO's Supreme Allied Commander Europe/);
    for (const e of a.excerpts) {
      const unit = story.units[e.unit!.index]!;
      expect(e.unit).toEqual({ index: e.unit!.index, start: unit.start, end: unit.end, text: unit.text });
      expect(unit.start <= e.start && e.end <= unit.end && unit.citation === e.citation).toBe(true);
      expect(e.url).toBe(story.url);
    }
  });

  it('quotes no passage it is told was shown: the next ones are those a longer answer ranks after them', async () => {
    const passages = (a: Awaited<ReturnType<typeof answer>>) => (a.answered ? a.excerpts : (a.closest ?? []));
    for (const q of ["What is Philip Breedlove's job?", 'Where did Kerry and Lavrov meet?', 'What was the score of the hockey game?']) {
      const longer = passages(await answer(index, embedder, q, { k: 6 }));
      const shown = passages(await answer(index, embedder, q, { k: 3 }));
      const next = passages(await answer(index, embedder, q, { k: 3, exclude: shown }));
      expect(shown).toEqual(longer.slice(0, 3));
      expect(next).toEqual(longer.slice(3));
      expect(next.length).toBeGreaterThan(0);
    }
  });

  it('is not sure, rather than sure, when the story holds the subject but not the asked-for fact', async () => {
    const a = await answer(index, embedder, 'What is the price of Russian oil?');
    expect(a.confidence).not.toBe('high');
  });
});

describe('near-duplicates', () => {
  const ex = (text: string, start: number): Excerpt => ({ text, story: 's', title: 't', citation: 'c', kind: 'paragraph', start, end: start + text.length, score: 1 });
  it('treats repeated background sentences as duplicates and different ones as not', () => {
    const a = 'Kerry and Lavrov met in Paris seeking to hammer out the framework of a deal.';
    const b = 'The two were seeking to hammer out the framework of a deal to reduce tensions.';
    expect(overlap(a, a)).toBe(1);
    expect(isDuplicate(ex(a, 500), [ex(a, 0)])).toBe(true);
    expect(isDuplicate(ex('Western leaders are considering broader sanctions.', 900), [ex(a, 0)])).toBe(false);
    expect(overlap(a, b)).toBeGreaterThan(0.3);
  });
});

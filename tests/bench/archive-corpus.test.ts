import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_HEAPS, archiveCorpus, archiveStories } from '../../bench/archive-corpus.js';
import { archiveQuestions } from '../../bench/archive-questions.js';
import { loadArchiveSources, nameWords, NAME_SOURCES, type ArchiveSources } from '../../bench/archive-sources.js';
import { fitHeaps, repeatedRunShare, vocabularyGrowth } from '../../bench/vocabulary-growth.js';
import { readSeeds } from '../../src/ingest/read-seeds.js';
import { splitSentences } from '../../src/text/sentences.js';
import { PROJECT_ROOT } from '../../src/paths.js';

let sources: Promise<ArchiveSources> | undefined;
const archiveSources = () => (sources ??= loadArchiveSources(path.join(PROJECT_ROOT, 'seeds'), NAME_SOURCES));

describe('archive sources', () => {
  it('reads the bundled vocabulary in frequency order and learns names from capitalization', async () => {
    const src = await archiveSources();
    expect(src.vocabulary.length).toBeGreaterThan(100_000);
    expect(src.vocabulary.slice(0, 3)).toEqual(['the', 'of', 'to']);
    expect(src.names.has('kerry')).toBe(true);
    expect(src.names.has('the')).toBe(false);
    expect([...nameWords(['Then Kerry met Lavrov.', 'The talks in Paris ended.', 'In paris, they ate.'])].sort()).toEqual(['kerry', 'lavrov']);
  });
});

describe('archiveStories', () => {
  it('is deterministic for a seed, differs between seeds, and fewer stories are a prefix of more', async () => {
    const src = await archiveSources();
    const five = archiveStories(src, 5);
    expect(archiveStories(src, 5)).toEqual(five);
    expect(archiveStories(src, 8).slice(0, 5)).toEqual(five);
    expect(archiveStories(src, 5, { seed: 1 })).not.toEqual(five);
  });

  it('grows its vocabulary as its documented Heaps fit says, within 20 % on small sizes', async () => {
    const growth = vocabularyGrowth(archiveStories(await archiveSources(), 50), [10, 20, 50]);
    for (const p of growth) expect(Math.abs(p.distinct / (ARCHIVE_HEAPS.K * p.tokens ** ARCHIVE_HEAPS.beta) - 1)).toBeLessThan(0.2);
    expect(fitHeaps(growth).beta).toBeGreaterThan(0.55);
  });

  it('never repeats a sentence or an 8-word run', async () => {
    const files = archiveStories(await archiveSources(), 30);
    const sentences = files.flatMap((f) => splitSentences(f.text).map((s) => f.text.slice(s.start, s.end)));
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(repeatedRunShare(files)).toBe(0);
  });
});

describe('archiveCorpus', () => {
  it('keeps the seed verbatim, then writes stories the seeds reader parses with the seed\'s layout', async () => {
    const src = await archiveSources();
    const files = archiveCorpus(src, 3);
    expect(files[0]!.text).toBe(src.seeds[0]!.text);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-archive-'));
    try {
      for (const f of files) await fs.writeFile(path.join(dir, f.name), f.text);
      const { stories, problems } = await readSeeds(dir);
      expect(problems).toEqual([]);
      expect(stories).toHaveLength(3);
      const layout = src.seeds[0]!.units.map((u) => u.kind);
      for (const story of stories.filter((s) => s.file.startsWith('archive-'))) {
        expect(story.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(story.units.map((u) => u.kind)).toEqual(layout);
        for (const caption of story.units.filter((u) => u.kind === 'caption')) {
          expect(caption.credit).toMatch(/^[A-Z]+\/\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
          expect(caption.place).toBeTruthy();
          expect(caption.date).toMatch(/^\w+ \d{1,2}, \d{4}$/);
        }
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a scale that is not a whole number of at least 1', async () => {
    const src = await archiveSources();
    expect(() => archiveCorpus(src, 0)).toThrow(/scale/);
    expect(() => archiveCorpus(src, 1.5)).toThrow(/scale/);
  });
});

describe('archiveQuestions', () => {
  it('asks about the rare words of sentences that exist verbatim in the cited paragraph', async () => {
    const files = archiveStories(await archiveSources(), 20);
    const questions = archiveQuestions(files, 10);
    expect(questions).toHaveLength(10);
    expect(archiveQuestions(files, 10)).toEqual(questions);
    for (const q of questions) {
      const text = files.find((f) => f.name === q.file)!.text;
      expect(text).toContain(q.sentence);
      for (const w of q.words) expect(q.q).toContain(w);
      expect(q.citation).toMatch(/^¶\d+$/);
    }
  });
});

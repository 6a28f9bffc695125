import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusSources, type CorpusSources } from '../../bench/corpus-sources.js';
import { seededRandom } from '../../src/eval/seeded-random.js';
import { SentenceModel } from '../../bench/sentence-model.js';
import { syntheticCorpus, writeCorpus } from '../../bench/synthetic-corpus.js';
import { readSeeds } from '../../src/ingest/read-seeds.js';
import { EVAL_FILES } from '../../src/eval/data-files.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const SQUAD = EVAL_FILES.squadSample;

let sources: Promise<CorpusSources> | undefined;
const corpusSources = () => (sources ??= loadCorpusSources(path.join(PROJECT_ROOT, 'seeds'), SQUAD));
const bytes = (files: { text: string }[]) => files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('SentenceModel', () => {
  it('writes sentences that are new, end like sentences and are never repeated', () => {
    const model = SentenceModel.train([
      'The minister met the envoy in Paris on Sunday.',
      'The envoy met the press in Moscow on Monday.',
      'The press met the minister in Kiev on Tuesday.',
    ]);
    const used = new Set<string>();
    const random = seededRandom(1);
    const written = Array.from({ length: 5 }, () => model.write(random, used, { minWords: 4, maxWords: 30 }));
    for (const s of written) expect(s).toMatch(/[.!?]$/);
    expect(new Set(written).size).toBe(written.length);
  });
});

describe('syntheticCorpus', () => {
  it('is deterministic', async () => {
    const src = await corpusSources();
    expect(syntheticCorpus(src, 5)).toEqual(syntheticCorpus(src, 5));
  });

  it('keeps the seed stories verbatim and adds distinct stories, scale times the seeds in number and size', async () => {
    const src = await corpusSources();
    const files = syntheticCorpus(src, 10);
    expect(files).toHaveLength(10 * src.seeds.length);
    expect(files.slice(0, src.seeds.length).map((f) => f.text)).toEqual(src.seeds.map((s) => s.text));
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
    expect(new Set(files.map((f) => f.text)).size).toBe(files.length);
    const seedBytes = bytes(src.seeds);
    expect(bytes(files)).toBeGreaterThan(10 * seedBytes * 0.9);
    expect(bytes(files)).toBeLessThan(10 * seedBytes * 1.1);
  });

  it('makes the smaller corpus a prefix of the larger, so sizes nest', async () => {
    const src = await corpusSources();
    expect(syntheticCorpus(src, 6).slice(0, 3)).toEqual(syntheticCorpus(src, 3));
  });

  it('writes stories the seeds reader parses with the seed\'s layout: a date, captions with credits, paragraphs (the credits line becomes one)', async () => {
    const src = await corpusSources();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-bench-corpus-'));
    try {
      await writeCorpus(syntheticCorpus(src, 3), dir);
      const { stories, problems } = await readSeeds(dir);
      expect(problems).toEqual([]);
      expect(stories).toHaveLength(3 * src.seeds.length);
      const synthetic = stories.find((s) => s.file.startsWith('synthetic-'))!;
      expect(synthetic.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const layout = src.seeds[0]!.units.map((u) => (u.kind === 'credits' ? 'paragraph' : u.kind));
      expect(synthetic.units.map((u) => u.kind)).toEqual(layout);
      expect(synthetic.units.filter((u) => u.kind === 'caption').every((u) => src.credits.includes(u.credit ?? ''))).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a scale that is not a whole number of at least 1', async () => {
    const src = await corpusSources();
    expect(() => syntheticCorpus(src, 0)).toThrow(/scale/);
    expect(() => syntheticCorpus(src, 1.5)).toThrow(/scale/);
  });
});

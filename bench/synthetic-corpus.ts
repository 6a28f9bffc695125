import fs from 'node:fs/promises';
import path from 'node:path';
import type { Story, StoryUnit } from '../src/ingest/story.js';
import type { CorpusSources } from './corpus-sources.js';
import { seededRandom, type Random } from '../src/eval/seeded-random.js';
import { SentenceModel } from './sentence-model.js';

/** The fixed random seed of every synthetic corpus, so runs compare over time. */
export const SYNTHETIC_SEED = 20_140_330;

/** A story file to write into a seeds folder. */
export interface StoryFile {
  name: string;
  text: string;
}

/** Sentences joined until their length is as close as possible to `target` characters (at least one). */
export function textOfLength(target: number, write: () => string): string {
  let text = write();
  for (;;) {
    const sentence = write();
    const longer = text.length + 1 + sentence.length;
    if (Math.abs(longer - target) >= Math.abs(text.length - target)) return text;
    text = `${text} ${sentence}`;
  }
}

function syntheticUnit(unit: StoryUnit, credits: readonly string[], random: Random, write: () => string): string {
  if (unit.kind === 'caption' && credits.length > 0) {
    const credit = random.pick(credits);
    return `${textOfLength(unit.text.length - credit.length - 1, write)} ${credit}`;
  }
  return textOfLength(unit.text.length, write);
}

function randomDate(random: Random): string {
  const day = new Date(Date.UTC(2010, 0, 1) + random.int(11 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** A new story laid out like `template`: a date header, then one caption or paragraph per unit, each of the same length. */
function syntheticStory(template: Story, credits: readonly string[], random: Random, write: () => string): string {
  const units = template.units.map((unit) => syntheticUnit(unit, credits, random, write));
  return `date ${randomDate(random)}\n\n${units.join('\n\n')}\n`;
}

/**
 * A corpus `scale` times the size of the seeds: the seed stories verbatim
 * (so the dev questions keep their answers) plus `scale - 1` times as many
 * distinct synthetic stories, each laid out like a seed story (same units,
 * same lengths) and written by a {@link SentenceModel} trained on the seeds
 * and the SQuAD sample. Deterministic for a given `seed`, and the corpus of
 * a smaller scale is a prefix of a larger one.
 */
export function syntheticCorpus(sources: CorpusSources, scale: number, seed = SYNTHETIC_SEED): StoryFile[] {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a whole number ≥ 1, got ${scale}`);
  const random = seededRandom(seed);
  const model = SentenceModel.train(sources.sentences);
  const used = new Set<string>();
  const write = () => model.write(random, used);
  const files: StoryFile[] = sources.seeds.map((s) => ({ name: s.file, text: s.text }));
  const count = (scale - 1) * sources.seeds.length;
  for (let i = 0; i < count; i++) {
    const template = sources.seeds[i % sources.seeds.length]!;
    files.push({ name: `synthetic-${String(i + 1).padStart(5, '0')}.txt`, text: syntheticStory(template, sources.credits, random, write) });
  }
  return files;
}

/** Writes `files` into `dir` (created if needed) as a seeds folder. */
export async function writeCorpus(files: readonly StoryFile[], dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const file of files) await fs.writeFile(path.join(dir, file.name), file.text);
}

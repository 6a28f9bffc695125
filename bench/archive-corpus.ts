import type { Story, StoryUnit } from '../src/ingest/story.js';
import { seededRandom, type Random } from '../src/eval/seeded-random.js';
import { splitSentences } from '../src/text/sentences.js';
import type { ArchiveSources } from './archive-sources.js';
import { ARCHIVE_WORD_MODEL, WordModel, type StoryWords, type WordModelParams } from './archive-words.js';
import { textOfLength, type StoryFile } from './synthetic-corpus.js';

/** The fixed random seed of the bench's archive corpus (recorded as `synthetic_seed`). */
export const ARCHIVE_SEED = 20_140_330;

/**
 * Heaps' law of the archive stories, distinct words ≈ K · tokens^beta, as
 * `bench/archive-stats.ts` fits it on 10 to 1,000 stories (R² 0.987, within
 * about 15 % of the measured counts there; bench/results/archive-vocabulary.json).
 * Past that the finite vocabulary bends the curve down.
 */
export const ARCHIVE_HEAPS = { K: 8.14, beta: 0.6435 } as const;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const AGENCIES = ['REUTERS', 'AFP', 'AP', 'EPA'];

/** Names never used for a place or a person. */
const NOT_PLACES = new Set([...MONTHS, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((w) => w.toLowerCase()));

const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** Word counts of the template's sentences: archive sentences draw their lengths from these. */
function sentenceLengths(template: Story): number[] {
  const lengths: number[] = [];
  for (const unit of template.units) {
    if (unit.kind === 'credits') continue;
    for (const s of splitSentences(unit.text)) lengths.push((unit.text.slice(s.start, s.end).match(/\S+/g) ?? []).length);
  }
  return lengths.filter((n) => n >= 3);
}

/** Writes the sentences and names of one story; no sentence is written twice in a corpus. */
class StoryWriter {
  constructor(
    private readonly words: StoryWords,
    private readonly names: ReadonlySet<string>,
    private readonly lengths: readonly number[],
    private readonly random: Random,
    private readonly used: Set<string>,
  ) {}

  private word(): string {
    const w = this.words.next();
    return this.names.has(w) ? capitalize(w) : w;
  }

  /** A name from the story's own words when one comes up soon, else any name. */
  name(): string {
    for (let i = 0; i < 400; i++) {
      const w = this.words.topical();
      if (this.names.has(w) && !NOT_PLACES.has(w)) return capitalize(w);
    }
    return capitalize(this.random.pick([...this.names].filter((w) => !NOT_PLACES.has(w))));
  }

  /** A run of `n` words with an occasional comma, its first letter capitalized. */
  clause(n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(i < n - 1 && i > 1 && this.random.next() < 0.06 ? `${this.word()},` : this.word());
    out[0] = capitalize(out[0]!);
    return out.join(' ');
  }

  sentence = (): string => {
    for (;;) {
      const s = `${this.clause(this.random.pick(this.lengths))}.`;
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
  };
}

interface StoryPlan {
  date: Date;
  writer: StoryWriter;
  random: Random;
}

function caption(unit: StoryUnit, plan: StoryPlan): string {
  const { writer, random, date } = plan;
  const when = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  const first = `${writer.clause(6 + random.int(10))} in ${writer.name()} ${when}.`;
  const credit = `${random.pick(AGENCIES)}/${writer.name()} ${writer.name()}`;
  const rest = unit.text.length - first.length - credit.length - 2;
  return rest > 40 ? `${first} ${textOfLength(rest, writer.sentence)} ${credit}` : `${first} ${credit}`;
}

function unitText(unit: StoryUnit, index: number, plan: StoryPlan): string {
  const { writer } = plan;
  if (unit.kind === 'caption') return caption(unit, plan);
  if (unit.kind === 'credits') return `(Reporting by ${writer.name()} ${writer.name()}; Editing by ${writer.name()} ${writer.name()})`;
  const text = textOfLength(unit.text.length, writer.sentence);
  return index === 0 ? `${writer.name().toUpperCase()} ${text}` : text;
}

function archiveStory(template: Story, plan: StoryPlan): string {
  let paragraphs = 0;
  const units = template.units.map((unit) => unitText(unit, unit.kind === 'paragraph' ? paragraphs++ : -1, plan));
  return `date ${plan.date.toISOString().slice(0, 10)}\n\n${units.join('\n\n')}\n`;
}

/** Options of {@link archiveStories}. */
export interface ArchiveOptions {
  seed?: number;
  words?: WordModelParams;
}

/**
 * `count` archive stories, each laid out like a seed story (date header,
 * captions ending in a photo credit, paragraphs of the same lengths, a
 * credits line) with words from {@link WordModel} and sentence lengths drawn
 * from the template's. Deterministic for a seed; fewer stories are a prefix of more.
 */
export function archiveStories(sources: ArchiveSources, count: number, options: ArchiveOptions = {}): StoryFile[] {
  const random = seededRandom(options.seed ?? ARCHIVE_SEED);
  const model = new WordModel(sources.vocabulary, random, options.words ?? ARCHIVE_WORD_MODEL);
  const lengths = sources.seeds.map(sentenceLengths);
  const used = new Set<string>();
  const files: StoryFile[] = [];
  for (let i = 0; i < count; i++) {
    const t = i % sources.seeds.length;
    const date = new Date(Date.UTC(2010, 0, 1) + random.int(11 * 365) * 86_400_000);
    const writer = new StoryWriter(model.story(random), sources.names, lengths[t]!, random, used);
    files.push({ name: `archive-${String(i + 1).padStart(5, '0')}.txt`, text: archiveStory(sources.seeds[t]!, { date, writer, random }) });
  }
  return files;
}

/**
 * The bench corpus of size ×`scale`: the seed stories verbatim (so the dev
 * questions keep their answers), then `scale - 1` times as many archive stories.
 */
export function archiveCorpus(sources: ArchiveSources, scale: number, options: ArchiveOptions = {}): StoryFile[] {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a whole number ≥ 1, got ${scale}`);
  const seeds = sources.seeds.map((s) => ({ name: s.file, text: s.text }));
  return [...seeds, ...archiveStories(sources, (scale - 1) * sources.seeds.length, options)];
}

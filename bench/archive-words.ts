import type { Random } from '../src/eval/seeded-random.js';
import { ZipfSampler } from './zipf.js';

/** The parameters of the archive word model; see bench/README.md for how they were chosen. */
export interface WordModelParams {
  /** The most frequent vocabulary words, shared by every story (the, of, said …). */
  backgroundWords: number;
  /** Share of tokens drawn from the background. */
  backgroundShare: number;
  /** Topics, each `topicWords` words drawn without replacement from the non-background words (frequent ones likelier, see `topicSpread`), in random order. */
  topics: number;
  /** Words per topic. */
  topicWords: number;
  /** Zipf exponent of the weights topic words are drawn with: 0 is uniform over the vocabulary, 1 favours frequent words as running text does. */
  topicSpread: number;
  /** Topics mixed in one story, from 1 to this. */
  maxTopicsPerStory: number;
  /** Share of the non-background tokens drawn from the story's topics; the rest come from the whole vocabulary in frequency order. */
  topicShare: number;
  /** Zipf exponent of the background and of the whole vocabulary. */
  exponent: number;
  /** Zipf exponent within a topic. */
  topicExponent: number;
}

/** The parameters the bench's archive corpus uses. */
export const ARCHIVE_WORD_MODEL: WordModelParams = {
  backgroundWords: 120,
  backgroundShare: 0.4,
  topics: 200,
  topicWords: 1000,
  topicSpread: 1,
  maxTopicsPerStory: 3,
  topicShare: 0.9,
  exponent: 1.05,
  topicExponent: 0.9,
};

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Draws one story's words. */
export interface StoryWords {
  /** The next word of the story's text. */
  next(): string;
  /** A word of one of the story's topics (for names of places and people). */
  topical(): string;
}

/**
 * Words drawn Zipf-wise from a frequency-ordered vocabulary within per-story
 * topic mixtures: a shared background of function words, a few topics per
 * story (each a Zipf distribution over its own random slice of the
 * vocabulary), and a tail from the whole vocabulary in its frequency order.
 */
export class WordModel {
  private readonly background: ZipfSampler;
  private readonly topicSampler: ZipfSampler;
  private readonly general: ZipfSampler;
  private readonly content: string[];
  private readonly topicWords: string[][];

  /** `random` shuffles the topics once, so the model is fixed by the seed. */
  constructor(
    private readonly vocabulary: readonly string[],
    random: Random,
    private readonly params: WordModelParams = ARCHIVE_WORD_MODEL,
  ) {
    this.content = vocabulary.slice(params.backgroundWords);
    const spread = new ZipfSampler(this.content.length, params.topicSpread);
    const size = Math.min(params.topicWords, this.content.length);
    this.topicWords = Array.from({ length: params.topics }, () => {
      const words = new Set<string>();
      while (words.size < size) words.add(this.content[spread.sample(random)]!);
      return shuffle([...words], random);
    });
    this.background = new ZipfSampler(params.backgroundWords, params.exponent);
    this.topicSampler = new ZipfSampler(size, params.topicExponent);
    this.general = new ZipfSampler(this.content.length, params.exponent);
  }

  /** A new story's word source: it picks the story's topics and their weights, then draws words. */
  story(random: Random): StoryWords {
    const p = this.params;
    const count = 1 + random.int(p.maxTopicsPerStory);
    const topics = Array.from({ length: count }, () => this.topicWords[random.int(p.topics)]!);
    const weights = topics.map(() => 0.2 + random.next());
    const total = weights.reduce((a, b) => a + b, 0);
    const topical = () => {
      let pick = random.next() * total;
      let t = 0;
      while (t < topics.length - 1 && (pick -= weights[t]!) > 0) t++;
      return topics[t]![this.topicSampler.sample(random)]!;
    };
    const next = () => {
      if (random.next() < p.backgroundShare) return this.vocabulary[this.background.sample(random)]!;
      return random.next() < p.topicShare ? topical() : this.content[this.general.sample(random)]!;
    };
    return { next, topical };
  }
}

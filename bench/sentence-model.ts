import type { Random } from '../src/eval/seeded-random.js';

const END = '\u0000end';
const SENTENCE_END = /[.!?]["'”’)\]]*$/;

/** Length limits, in words, of a written sentence. */
export interface SentenceLimits {
  minWords: number;
  maxWords: number;
}

const DEFAULT_LIMITS: SentenceLimits = { minWords: 6, maxWords: 45 };

/**
 * An order-2 word Markov model of sentences. Trained on real sentences (the
 * seed story and the SQuAD sample), it writes new ones that splice real
 * phrases at shared word pairs: the vocabulary and word statistics stay
 * those of real text, while nearly every sentence is new, so a corpus made
 * of them has distinct vectors and distinct postings.
 */
export class SentenceModel {
  private constructor(
    private readonly starts: readonly (readonly [string, string])[],
    private readonly next: ReadonlyMap<string, readonly string[]>,
    private readonly known: ReadonlySet<string>,
  ) {}

  /** Learns word-pair transitions from `sentences` (whitespace-separated words). */
  static train(sentences: readonly string[]): SentenceModel {
    const starts: [string, string][] = [];
    const next = new Map<string, string[]>();
    const known = new Set<string>();
    for (const sentence of sentences) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length < 3) continue;
      known.add(words.join(' '));
      starts.push([words[0]!, words[1]!]);
      for (let i = 2; i <= words.length; i++) {
        const key = `${words[i - 2]} ${words[i - 1]}`;
        let list = next.get(key);
        if (!list) next.set(key, (list = []));
        list.push(i < words.length ? words[i]! : END);
      }
    }
    if (starts.length === 0) throw new Error('the sentence model needs at least one sentence of three words or more');
    return new SentenceModel(starts, next, known);
  }

  /**
   * Writes one sentence that is not among the training sentences nor in
   * `used` (and adds it there). After many failed tries it accepts a
   * repeat rather than loop forever; with real text that practically never happens.
   */
  write(random: Random, used: Set<string>, limits: SentenceLimits = DEFAULT_LIMITS): string {
    let fallback = '';
    for (let attempt = 0; attempt < 200; attempt++) {
      const sentence = this.walk(random, limits.maxWords);
      if (!sentence) continue;
      const count = sentence.split(' ').length;
      if (count < limits.minWords || !SENTENCE_END.test(sentence)) continue;
      fallback ||= sentence;
      if (this.known.has(sentence) || used.has(sentence)) continue;
      used.add(sentence);
      return sentence;
    }
    if (!fallback) throw new Error('the sentence model could not write a sentence within the limits');
    return fallback;
  }

  private walk(random: Random, maxWords: number): string | undefined {
    const [a, b] = random.pick(this.starts);
    const words = [a, b];
    while (words.length <= maxWords) {
      const options = this.next.get(`${words[words.length - 2]} ${words[words.length - 1]}`);
      if (!options) return undefined;
      const word = random.pick(options);
      if (word === END) return words.join(' ');
      words.push(word);
    }
    return undefined;
  }
}

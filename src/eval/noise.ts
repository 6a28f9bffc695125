import type { EvalQuestion, EvalSet } from './datasets.js';
import { seededRandom, type Random } from './seeded-random.js';

/**
 * How {@link perturb} roughs up a question. The defaults are the rates the
 * eval's `--noise` run uses; tests check them on a sample.
 */
export interface NoiseOptions {
  /** Chance that each chat-speak substitution that could apply does (0–1). Default 0.5. */
  chatSpeakRate: number;
  /** Chance that a word of {@link NoiseOptions.typoMinLength}+ letters gets one typo (0–1). Default 1/3. */
  typoRate: number;
  /** Shortest word that can get a typo. Default 5. */
  typoMinLength: number;
  /** Chance that the final question mark is dropped (0–1). Default 0.5. */
  dropQuestionMarkRate: number;
}

export const NOISE_DEFAULTS: Readonly<NoiseOptions> = {
  chatSpeakRate: 0.5,
  typoRate: 1 / 3,
  typoMinLength: 5,
  dropQuestionMarkRate: 0.5,
};

/**
 * Chat-speak, as people type in Discord: whole words or phrases (matched on
 * the lower-cased text without apostrophes) and what they become. Phrases
 * come first (longest first) so "going to" becomes "gonna" before "going" could get a
 * typo, and "i dont know" becomes "idk" rather than "i dunno".
 */
export const CHAT_SPEAK: readonly (readonly [string, string])[] = [
  ['i dont know', 'idk'],
  ['to be honest', 'tbh'],
  ['right now', 'rn'],
  ['going to', 'gonna'],
  ['want to', 'wanna'],
  ['got to', 'gotta'],
  ['kind of', 'kinda'],
  ['sort of', 'sorta'],
  ['dont know', 'dunno'],
  ['you', 'u'],
  ['are', 'r'],
  ['with', 'w'],
  ['people', 'ppl'],
  ['what', 'wat'],
  ['about', 'abt'],
  ['because', 'bc'],
  ['your', 'ur'],
  ['youre', 'ur'],
  ['be', 'b'],
  ['please', 'pls'],
  ['before', 'b4'],
  ['really', 'rly'],
  ['probably', 'prob'],
  ['something', 'smth'],
  ['though', 'tho'],
  ['thanks', 'thx'],
  ['okay', 'ok'],
  ['tonight', 'tonite'],
];

/** Neighbouring keys on a QWERTY keyboard: a slipped finger lands on one of these. */
const NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qeas', e: 'wrsd', r: 'etdf', t: 'ryfg', y: 'tugh', u: 'yihj', i: 'uojk', o: 'ipkl', p: 'ol',
  a: 'qwsz', s: 'awedxz', d: 'serfcx', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', j: 'huikmn', k: 'jiolm', l: 'kop',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

/** The kinds of typo {@link typo} makes. */
export type TypoKind = 'delete' | 'insert' | 'substitute' | 'swap';
const TYPO_KINDS: readonly TypoKind[] = ['delete', 'insert', 'substitute', 'swap'];

const APOSTROPHES = /['’‘`]/g;
const WORD = /[\p{L}\p{N}]+/gu;

function neighbourOf(letter: string, random: Random): string {
  const keys = NEIGHBOURS[letter];
  return keys ? random.pick([...keys]) : letter;
}

/**
 * One typo in `word`: a letter deleted, a neighbouring key inserted or
 * typed instead, or two neighbouring letters swapped. The first letter is
 * kept (people rarely get it wrong, and it keeps the word recognisable); the
 * result always differs from `word` when `word` has 3+ letters.
 */
export function typo(word: string, random: Random, kind: TypoKind = random.pick(TYPO_KINDS)): string {
  if (word.length < 3) return word;
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = 1 + random.int(word.length - 1);
    const letter = word[at]!;
    let out: string;
    if (kind === 'delete') out = word.slice(0, at) + word.slice(at + 1);
    else if (kind === 'insert') out = word.slice(0, at) + neighbourOf(letter, random) + word.slice(at);
    else if (kind === 'substitute') out = word.slice(0, at) + neighbourOf(letter, random) + word.slice(at + 1);
    else {
      const i = Math.min(at, word.length - 2);
      out = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
    }
    if (out !== word) return out;
    kind = random.pick(TYPO_KINDS);
  }
  return word.slice(0, 1) + word.slice(2);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CHAT_PATTERNS = CHAT_SPEAK.map(([from, to]) => [new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'gu'), to] as const);

/**
 * `question` the way people type it in chat, deterministically from
 * `random`: lower case; apostrophes dropped ("kerry's" → "kerrys"); each
 * {@link CHAT_SPEAK} match replaced with probability `chatSpeakRate`; one
 * {@link typo} in each word of `typoMinLength`+ letters with probability
 * `typoRate` (never in a word holding a digit, nor in a chat-speak
 * replacement); the final "?" dropped with probability `dropQuestionMarkRate`.
 */
export function perturb(question: string, random: Random, options: Partial<NoiseOptions> = {}): string {
  const o = { ...NOISE_DEFAULTS, ...options };
  let text = question.toLowerCase().replace(APOSTROPHES, '');
  // Replaced words are marked (private-use brackets) so no typo lands in them.
  for (const [pattern, to] of CHAT_PATTERNS) {
    text = text.replace(pattern, (m) => (random.next() < o.chatSpeakRate ? `\uE000${to}\uE001` : m));
  }
  const parts = text.split(/(\uE000[^\uE001]*\uE001)/u);
  text = parts
    .map((part) => {
      if (part.startsWith('\uE000')) return part.slice(1, -1);
      return part.replace(WORD, (w) => {
        if (/\p{N}/u.test(w) || [...w].length < o.typoMinLength) return w;
        return random.next() < o.typoRate ? typo(w, random) : w;
      });
    })
    .join('');
  if (text.trimEnd().endsWith('?') && random.next() < o.dropQuestionMarkRate) text = text.trimEnd().slice(0, -1).trimEnd();
  return text;
}

/** A 32-bit FNV-1a hash, to derive a question's own seed from its text. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The random source for one question under `seed`: derived from the seed and
 * the question's text, so a question reads the same whatever else is in the
 * set or in which order.
 */
export function questionRandom(seed: number, question: string): Random {
  return seededRandom((fnv1a(question) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

/** `questions` perturbed under `seed`; accepted answers are the story's words, so they stay as they are. */
export function noisyQuestions(questions: readonly EvalQuestion[], seed: number, options: Partial<NoiseOptions> = {}): EvalQuestion[] {
  return questions.map((q) => ({ ...q, q: perturb(q.q, questionRandom(seed, q.q), options) }));
}

/** A perturbed copy of `set` under `seed` (same seeds folder, same answers). */
export function noisySet(set: EvalSet, seed: number, options: Partial<NoiseOptions> = {}): EvalSet {
  return { ...set, answerable: noisyQuestions(set.answerable, seed, options), unanswerable: noisyQuestions(set.unanswerable, seed, options) };
}

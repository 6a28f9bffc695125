import type { Chunk } from '../chunk/chunk.js';
import type { WordVectors } from '../embed/word-vectors.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { rarity } from '../text/rarity.js';
import { editDistance } from '../text/lexicon.js';
import { stem, STOPWORDS, words } from '../text/tokenize.js';
import { remember, wordList } from '../text/word-memory.js';
import { hasAnswerSpan } from './answer-type.js';
import type { Question } from './question.js';
import { passageWithin, passageWords, type PassageWords, type SoftMatcher, type WeightedWord } from './soft-coverage.js';

/**
 * What every photo caption says without saying it: it describes a photo
 * that someone took. Counted as present when the evidence is a caption.
 */
const CAPTION_WORDS: readonly string[] = ['photo', 'photos', 'photograph', 'photographed', 'photographer', 'picture', 'pictured', 'image', 'took', 'taken', 'shot', 'show', 'shows', 'credit'];

/**
 * How well the best passage covers a question: the features the confidence
 * model reads (src/answer/confidence.ts). Each is computed once per question.
 */
export interface EvidenceFeatures {
  /** Fused retrieval score of the best sentence after reranking. */
  score: number;
  /** Its lead over the second best. */
  margin: number;
  /** Cosine of the question and the best sentence. */
  dense: number;
  /** Share of the question's stems in the best paragraph or caption, weighted by corpus idf. */
  coverage: number;
  /** Share of the question's words in it, weighted by general-English rarity. */
  rareCoverage: number;
  /** Soft coverage of the question by the paragraph or caption (paraphrases count by their cosine). */
  softUnit: number;
  /** Soft coverage of the question by the best sentence. */
  softSentence: number;
  /** Key words of the question (names, numbers, rare words: `Question.keys`) with no exact or near match in the paragraph. */
  missingKey: number;
  /** 1 when a name of the question occurs in no story at all. */
  unknownName: number;
  /** 1 when the question asks for a date, number, duration, place or person and the paragraph holds none. */
  typeMissing: number;
  /** The weakest match in the paragraph of any informative question word (rarity ≥ 0.3): 1 exact, a cosine otherwise. */
  minMatch: number;
  /** Informative question words whose best match in the paragraph is under 0.4. */
  weakWords: number;
  /** Key words (as {@link missingKey}) missing from the best sentence and its neighbours in the paragraph. */
  missingKeyNear: number;
  /** Share of the question's stems in the best sentence and its neighbours, weighted by corpus idf. */
  coverageNear: number;
  /** Informative question words whose best match in the sentence and its neighbours is under 0.4. */
  weakWordsNear: number;
  /** 1 when the question negates (not, never, no) and the sentence and its neighbours do not. */
  negationMismatch: number;
  /** 1 when the question asks for a date, number, duration, place or person and the sentence and its neighbours hold none. */
  typeMissingNear: number;
  /** Names and numbers of the question found neither in the paragraph nor around the best sentence. */
  missingName: number;
  /** 1 when the question asks for a quantity (how many, how much, how long) and the paragraph holds none. */
  quantityMissing: number;
}

/** The feature names, in the order the confidence model's weights use. */
export const FEATURE_NAMES = ['score', 'margin', 'dense', 'coverage', 'rareCoverage', 'softUnit', 'softSentence', 'missingKey', 'unknownName', 'typeMissing', 'minMatch', 'weakWords', 'missingKeyNear', 'coverageNear', 'weakWordsNear', 'negationMismatch', 'typeMissingNear', 'missingName', 'quantityMissing'] as const satisfies readonly (keyof EvidenceFeatures)[];

/** A sentence with its neighbours in the same unit: text, words, prepared content words. */
interface SentenceWindow {
  text: string;
  words: readonly string[];
  passage: PassageWords;
}

/** A corpus index's prepared passages, by unit row and sentence id, each memory bounded ({@link PASSAGE_MEMORY}). */
interface PassageCache {
  units: Map<number, PassageWords>;
  chunks: Map<number, PassageWords>;
  /** A sentence with its neighbours in the same unit, by the sentence's id. */
  windows: Map<number, SentenceWindow>;
}

/**
 * Paragraphs, sentences and sentence windows each kept prepared at most per
 * index (then that memory starts over): a question touches about eight
 * paragraphs, so a bot serving an archive for days would otherwise keep a
 * vector matrix for every paragraph ever asked about (at ×10,000, 220,000
 * of them). 10,000 news paragraphs hold about 100 MB of vectors.
 */
const PASSAGE_MEMORY = 10_000;

const caches = new WeakMap<CorpusIndex, PassageCache>();

function cacheOf(index: CorpusIndex): PassageCache {
  let c = caches.get(index);
  if (!c) {
    c = { units: new Map(), chunks: new Map(), windows: new Map() };
    caches.set(index, c);
  }
  return c;
}

/** Negations as `words()` writes them (`didn't` → `didnt`); not `won`, the verb. */
const NEGATIONS = new Set(['not', 'never', 'no', 'nor', 'none', 'nothing', 'neither', 'without', 'cannot', 'didnt', 'doesnt', 'dont', 'isnt', 'wasnt', 'werent', 'arent', 'couldnt', 'wouldnt', 'shouldnt', 'wont', 'cant', 'hasnt', 'havent', 'hadnt', 'aint']);

const contentOf = (text: string) => words(text).map((w) => w.word).filter((w) => !STOPWORDS.has(w));

/** The prepared words of a sentence's paragraph or caption (captions also imply {@link CAPTION_WORDS}). */
export function unitWords(index: CorpusIndex, chunk: Chunk, vectors?: WordVectors): PassageWords {
  const row = index.unitRow[chunk.story]![chunk.unit]!;
  return remember(cacheOf(index).units, row, () => {
    const text = index.stories[chunk.story]!.units[chunk.unit]!.text;
    return passageWords([...contentOf(text), ...(chunk.kind === 'caption' ? CAPTION_WORDS : [])], vectors);
  }, PASSAGE_MEMORY);
}

/** The prepared words of one sentence (its vectors are its paragraph's rows). */
export function sentenceWords(index: CorpusIndex, chunk: Chunk, vectors?: WordVectors): PassageWords {
  return remember(cacheOf(index).chunks, chunk.id, () => passageWithin(contentOf(chunk.text), unitWords(index, chunk, vectors), vectors), PASSAGE_MEMORY);
}

/** The words of a sentence with its neighbours in the same unit, prepared once per sentence. */
function sentenceWindow(index: CorpusIndex, chunk: Chunk, vectors?: WordVectors): SentenceWindow {
  return remember(cacheOf(index).windows, chunk.id, () => {
    const text = [chunk.id - 1, chunk.id, chunk.id + 1]
      .map((id) => index.chunks[id])
      .filter((c): c is Chunk => c !== undefined && c.story === chunk.story && c.unit === chunk.unit)
      .map((c) => c.text)
      .join(' ');
    const list = wordList(text);
    return { text, words: list, passage: passageWithin(list.filter((x) => !STOPWORDS.has(x)), unitWords(index, chunk, vectors), vectors) };
  }, PASSAGE_MEMORY);
}

/** The question's content words weighted by general-English rarity (`the` ≈ 0, a name 1). */
export function weightedContent(question: Question): WeightedWord[] {
  return question.content.map((word) => ({ word, weight: rarity(word) }));
}

/** True when no story holds `word` (by stem, or by the five-letter prefix of a longer stem). */
function absentFromCorpus(index: CorpusIndex, word: string): boolean {
  const s = stem(word);
  return index.unitLexical.df(s) === 0 && (s.length < 5 || index.unitLexical.df(`${s.slice(0, 5)}*`) === 0);
}

/** Idf-weighted share of the question's stems the passage holds. */
function idfCoverage(index: CorpusIndex, stems: readonly string[], have: ReadonlySet<string>): number {
  let total = 0;
  let found = 0;
  for (const t of new Set(stems)) {
    const w = index.unitLexical.idf(t);
    total += w;
    if (have.has(t)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** Whether a key word counts as present: same stem, or one edit away for words of five letters or more. */
function nearlyPresent(word: string, passage: PassageWords, passageWordList: readonly string[]): boolean {
  if (passage.stems.has(stem(word))) return true;
  if (word.length < 5 || /\d/.test(word)) return false;
  return passageWordList.some((w) => Math.abs(w.length - word.length) <= 1 && nearSpelling(word, w));
}

/** Measures the evidence for the best candidate of a ranked list. */
export function assessEvidence(
  index: CorpusIndex,
  question: Question,
  best: { chunk: number; score: number; dense: number },
  second: number,
  soft: SoftMatcher,
): EvidenceFeatures {
  const { vectors, question: weighted } = soft;
  const chunk = index.chunks[best.chunk]!;
  const unit = unitWords(index, chunk, vectors);
  const unitText = index.stories[chunk.story]!.units[chunk.unit]!.text;
  const unitWordList = wordList(unitText);
  let total = 0;
  let found = 0;
  let missingKey = 0;
  let minMatch = 1;
  let weakWords = 0;
  for (const { word, weight } of weighted) {
    total += weight;
    if (weight >= 0.3) {
      const m = soft.match(word, unit);
      if (m < minMatch) minMatch = m;
      if (m < 0.4) weakWords++;
    }
    const present = unit.stems.has(stem(word));
    if (present) found += weight;
    if (question.keys.includes(word) && !present && !nearlyPresent(word, unit, unitWordList)) missingKey++;
  }
  const { text: nearText, words: nearWordList, passage: near } = sentenceWindow(index, chunk, vectors);
  let missingKeyNear = 0;
  let weakWordsNear = 0;
  let missingName = 0;
  for (const { word, weight } of weighted) {
    const isName = question.names.includes(word) || /\d/.test(word);
    if (isName && !unit.stems.has(stem(word)) && !near.stems.has(stem(word)) && !nearlyPresent(word, unit, unitWordList)) missingName++;
    if (question.keys.includes(word) && !near.stems.has(stem(word)) && !nearlyPresent(word, near, nearWordList)) missingKeyNear++;
    if (weight >= 0.3 && soft.match(word, near) < 0.4) weakWordsNear++;
  }
  const negates = (ws: Iterable<string>) => [...ws].some((w) => NEGATIONS.has(w));
  const negationMismatch = negates(question.wordSet) && !negates(nearWordList) ? 1 : 0;
  const unknownName = question.names.some((w) => absentFromCorpus(index, w)) ? 1 : 0;
  const typeMissing = question.type !== 'other' && !hasAnswerSpan(unitText, question.type, question.wordSet) ? 1 : 0;
  return {
    score: best.score,
    margin: best.score - second,
    dense: best.dense,
    coverage: idfCoverage(index, question.stems, unit.stems),
    rareCoverage: total === 0 ? 0 : found / total,
    softUnit: soft.coverage(unit),
    softSentence: soft.coverage(sentenceWords(index, chunk, vectors)),
    missingKey,
    unknownName,
    typeMissing,
    minMatch,
    weakWords,
    missingKeyNear,
    coverageNear: idfCoverage(index, question.stems, near.stems),
    weakWordsNear,
    negationMismatch,
    missingName,
    quantityMissing: typeMissing > 0 && (question.type === 'number' || question.type === 'duration') ? 1 : 0,
    typeMissingNear: question.type !== 'other' && !hasAnswerSpan(nearText, question.type, question.wordSet) ? 1 : 0,
  };
}

/** One edit apart (insert, delete, substitute or swap two neighbours), for words of five letters or more. */
export function nearSpelling(a: string, b: string): boolean {
  return a.length >= 5 && b.length >= 5 && !/\d/.test(a) && editDistance(a, b, 1) <= 1;
}

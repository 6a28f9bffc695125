import type { Embedder } from '../embed/embedder.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { retrieve, type Candidate, type Query, type RetrieveOptions } from '../retrieve/retrieve.js';
import type { Chunk } from '../chunk/chunk.js';
import { indexTerms, words } from '../text/tokenize.js';
import { assessEvidence, CAPTION_WORDS, DEFAULT_ABSTAIN, shouldDecline, type AbstainOptions, type Evidence } from './abstain.js';

const PHOTO_QUESTION = /\b(photos?|photograph(s|ed|er|ers|ing)?|pictures?|pictured|images?|took|taken|shot)\b/i;
import { definitionSubject, describes, detectAnswerType, hasAnswerSpan, withoutWhPhrase, type AnswerType } from './answer-type.js';
import { excerptFor, isDuplicate, type Excerpt } from './excerpt.js';

/** What `answer` returns; the JSON of `dateline ask --json`. */
export interface Answer {
  question: string;
  /** False when the story does not say: `excerpts` is then empty. */
  answered: boolean;
  /** Verbatim quotes, best first. */
  excerpts: Excerpt[];
  /** When declined: the closest passages, which are not an answer. */
  closest?: Excerpt[];
}

/** Answer options. */
export interface AnswerOptions {
  /** Excerpts to return (1–10). Default 3. */
  k?: number;
  retrieve?: RetrieveOptions;
  /** Abstention thresholds; see `shouldDecline`. */
  abstain?: Partial<AbstainOptions>;
  /** Score added to a sentence holding the asked-for answer type (0–1). Default 0.15. */
  typeBoost?: number;
  /**
   * A neighbouring sentence of the same unit whose score is at least this
   * share of the best sentence's joins it in one excerpt (0–1, 1 = never).
   * Default 0.7.
   */
  joinRatio?: number;
}

/** Prepares a question: its vector and lexical terms. */
export async function prepareQuery(embedder: Embedder, question: string): Promise<Query> {
  const [vector] = await embedder.embed([question]);
  return { text: question, vector: vector!, terms: indexTerms(withoutWhPhrase(question)) };
}

/** The question's answer type and surface words, computed once per question. */
interface QuestionShape {
  type: AnswerType;
  words: Set<string>;
  /** The question is about a photo itself (who took it, what it shows): a caption answers with its credit. */
  aboutPhoto: boolean;
  /** For "Who is X?" / "What is X?": the words of X. */
  subject: string[] | undefined;
}

function shapeOf(question: string): QuestionShape {
  return {
    type: detectAnswerType(question),
    words: new Set(words(question).map((w) => w.word)),
    aboutPhoto: PHOTO_QUESTION.test(question),
    subject: definitionSubject(question),
  };
}

/** The caption sentence carrying the photo credit, when the question asks about the photo. */
function creditNeighbour(index: CorpusIndex, chunk: Chunk, shape: QuestionShape): Chunk | undefined {
  if (!shape.aboutPhoto || chunk.kind !== 'caption') return undefined;
  const credit = index.stories[chunk.story]!.units[chunk.unit]!.credit;
  const next = index.chunks[chunk.id + 1];
  return credit && next && next.story === chunk.story && next.unit === chunk.unit && next.text.endsWith(credit) ? next : undefined;
}

/**
 * Adds `typeBoost` to candidates holding a span of the asked-for type
 * (a date for "when", a number for "how many", …) beyond the question's own
 * words; for "Who is X?" / "What is X?", up to `typeBoost` to sentences that
 * say what X is (a title or an apposition next to it).
 */
export function rerankByAnswerType(index: CorpusIndex, ranked: readonly Candidate[], shape: QuestionShape, typeBoost: number): Candidate[] {
  const subject = shape.subject;
  if (subject && typeBoost > 0) {
    return ranked
      .map((c) => ({ ...c, score: c.score + typeBoost * describes(index.chunks[c.chunk]!.text, subject) }))
      .sort((a, b) => b.score - a.score || a.chunk - b.chunk);
  }
  if (shape.type === 'other' || typeBoost === 0) return [...ranked];
  return ranked
    .map((c) => (hasAnswerSpan(index.chunks[c.chunk]!.text, shape.type, shape.words) ? { ...c, score: c.score + typeBoost } : c))
    .sort((a, b) => b.score - a.score || a.chunk - b.chunk);
}

/** The neighbour in the same unit that holds the asked-for span when the sentence itself does not. */
function typedNeighbour(index: CorpusIndex, chunk: Chunk, shape: QuestionShape): Chunk | undefined {
  if (shape.type === 'other' || hasAnswerSpan(chunk.text, shape.type, shape.words)) return undefined;
  return [index.chunks[chunk.id + 1], index.chunks[chunk.id - 1]].find(
    (n) => n && n.story === chunk.story && n.unit === chunk.unit && hasAnswerSpan(n.text, shape.type, shape.words),
  );
}

/** The neighbour in the same unit that scores nearly as well as the sentence itself. */
function strongNeighbour(index: CorpusIndex, chunk: Chunk, score: number, scores: ReadonlyMap<number, number>, ratio: number): Chunk | undefined {
  const options = [index.chunks[chunk.id + 1], index.chunks[chunk.id - 1]]
    .filter((n): n is Chunk => n !== undefined && n.story === chunk.story && n.unit === chunk.unit && (scores.get(n.id) ?? 0) >= ratio * score)
    .sort((a, b) => scores.get(b.id)! - scores.get(a.id)!);
  return options[0];
}

function pickExcerpts(index: CorpusIndex, ranked: readonly Candidate[], k: number, shape: QuestionShape, joinRatio: number): Excerpt[] {
  const kept: Excerpt[] = [];
  const scores = new Map(ranked.map((c) => [c.chunk, c.score]));
  for (const c of ranked) {
    if (kept.length >= k) break;
    const chunk = index.chunks[c.chunk]!;
    const partner = creditNeighbour(index, chunk, shape) ?? typedNeighbour(index, chunk, shape) ?? strongNeighbour(index, chunk, c.score, scores, joinRatio);
    const excerpt = excerptFor(index, chunk, c.score, partner);
    if (!isDuplicate(excerpt, kept)) kept.push(excerpt);
  }
  return kept;
}

/** The evidence for a candidate: its paragraph or caption, measured against the question. */
function unitEvidence(index: CorpusIndex, question: string, chunk: Chunk): Evidence {
  const text = index.stories[chunk.story]!.units[chunk.unit]!.text;
  return assessEvidence(index, question, text, chunk.kind === 'caption' ? CAPTION_WORDS : undefined);
}

/**
 * Answers `question` from `index` with up to `k` verbatim excerpts, best
 * first, or declines when the best evidence does not cover the question.
 */
export function answerQuery(index: CorpusIndex, query: Query, options: AnswerOptions = {}): Answer {
  const k = options.k ?? 3;
  const shape = shapeOf(query.text);
  const ranked = rerankByAnswerType(index, retrieve(index, query, options.retrieve), shape, options.typeBoost ?? 0.15);
  const excerpts = pickExcerpts(index, ranked, k, shape, options.joinRatio ?? 0.7);
  const best = excerpts[0];
  const bestChunk = ranked[0] ? index.chunks[ranked[0].chunk] : undefined;
  const answered = best !== undefined && bestChunk !== undefined && !shouldDecline(unitEvidence(index, query.text, bestChunk), { ...DEFAULT_ABSTAIN, ...options.abstain });
  return answered
    ? { question: query.text, answered, excerpts }
    : { question: query.text, answered: false, excerpts: [], closest: excerpts };
}

/** Embeds the question and answers it; see {@link answerQuery}. */
export async function answer(index: CorpusIndex, embedder: Embedder, question: string, options: AnswerOptions = {}): Promise<Answer> {
  return answerQuery(index, await prepareQuery(embedder, question), options);
}

import type { Chunk } from '../chunk/chunk.js';
import type { Embedder } from '../embed/embedder.js';
import type { WordVectors } from '../embed/word-vectors.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { retrieve, type Candidate, type Query, type RetrieveOptions } from '../retrieve/retrieve.js';
import { describes, hasAnswerSpan } from './answer-type.js';
import { CONFIDENCE_MODEL } from './confidence-model.js';
import { decide, type Outcome } from './confidence.js';
import { assessEvidence, sentenceWords, unitWords, weightedContent, type EvidenceFeatures } from './evidence.js';
import { excerptFor, isDuplicate, type Excerpt, type ShownPassage } from './excerpt.js';
import { prepareQuestion, type Question } from './question.js';
import { SoftMatcher } from './soft-coverage.js';
import { vocabularyOf } from './vocabulary.js';

/** What `answer` returns; the JSON of `dateline ask --json`. */
export interface Answer {
  /** The question as asked (cleaned of invisible characters). */
  question: string;
  /** False when the story does not say: `excerpts` is then empty. */
  answered: boolean;
  /**
   * When answered: `high` for a confident answer; `low` when the story may
   * not answer it directly and the excerpts are the closest passages ("not sure").
   */
  confidence?: 'high' | 'low';
  /** Words of the question read as other words (misspelt story words), when any: `lavrov`, `kerry`. */
  readAs?: string[];
  /** Verbatim quotes, best first. */
  excerpts: Excerpt[];
  /** When declined: the closest passages, which are not an answer. */
  closest?: Excerpt[];
  /**
   * The index generation that answered (its folder's name, else its build
   * time), so a stored answer says what it came from. Set by `ask`
   * (queries), which knows the serving generation; not part of `ask --json`.
   */
  generation?: string;
}

/** What a reply says above the passages of a "not sure" answer (`confidence: 'low'`). */
export const NOT_SURE = 'The story may not answer this directly — the closest passages:';

/** Answer options; defaults are the measured ones (DESIGN.md). */
export interface AnswerOptions {
  /** Excerpts to return (1–10). Default 3. */
  k?: number;
  retrieve?: RetrieveOptions;
  /**
   * Passages already shown ("More excerpts"): neither they nor a near-duplicate
   * of them is quoted again, and `k` counts new excerpts only. Default none.
   */
  exclude?: readonly ShownPassage[];
}

/** Score added to a sentence holding the asked-for answer type (0–1); 0.25 measured best of 0.15/0.25/0.35 on the SQuAD training articles. */
const TYPE_BOOST = 0.25;
/** A neighbour of the same unit scoring at least this share of the best sentence's joins its excerpt. */
const JOIN_RATIO = 0.7;
/** Candidates reranked by soft coverage (the rest keep their order below them). */
const SOFT_RERANK = 12;
/** Weight of the sentence's and of its paragraph's soft coverage in the reranked score: the best of 0 to 0.6 on the SQuAD training articles (top-1 80.3 % at 0, 83.5 % here). */
const SOFT_WEIGHTS = { sentence: 0.4, unit: 0.4 };

/** A question prepared for the index: the question stage's result, its vector and lexical terms. */
export interface PreparedQuery extends Query {
  question: Question;
}

/** Prepares a cleaned question for `index`: normalises and corrects it (see `prepareQuestion`) and embeds what will be matched. */
export async function prepareQuery(index: CorpusIndex, embedder: Embedder, asked: string): Promise<PreparedQuery> {
  const question = prepareQuestion(asked, vocabularyOf(index, embedder.words));
  const [vector] = await embedder.embed([question.text]);
  return { text: question.text, vector: vector!, terms: question.terms, question };
}

/** The caption sentence carrying the photo credit, when the question asks about the photo. */
function creditNeighbour(index: CorpusIndex, chunk: Chunk, q: Question): Chunk | undefined {
  if (!q.aboutPhoto || chunk.kind !== 'caption') return undefined;
  const credit = index.stories[chunk.story]!.units[chunk.unit]!.credit;
  const next = index.chunks[chunk.id + 1];
  return credit && next && next.story === chunk.story && next.unit === chunk.unit && next.text.endsWith(credit) ? next : undefined;
}

/** `c` with a new score (a fresh object of the same shape, cheaper than a spread for every candidate). */
function rescored(c: Candidate, score: number): Candidate {
  return { chunk: c.chunk, signals: c.signals, score };
}

/**
 * Reranks candidates by what the question asks for: `TYPE_BOOST` for a span
 * of the asked-for type (a date for "when", a number for "how many") beyond
 * the question's own words; for "Who is X?" / "What is X?", up to
 * `TYPE_BOOST` for saying what X is; for photo questions, captions over the
 * story's credits line (which names writers and editors, not photographers).
 */
export function rerankByAnswerType(index: CorpusIndex, ranked: readonly Candidate[], q: Question): Candidate[] {
  const boost = (c: Candidate): number => {
    const chunk = index.chunks[c.chunk]!;
    if (q.aboutPhoto && chunk.kind === 'credits') return -TYPE_BOOST;
    if (q.subject) return TYPE_BOOST * describes(chunk.text, q.subject);
    return q.type !== 'other' && hasAnswerSpan(chunk.text, q.type, q.wordSet) ? TYPE_BOOST : 0;
  };
  return ranked.map((c) => rescored(c, c.score + boost(c))).sort((a, b) => b.score - a.score || a.chunk - b.chunk);
}

/** Adds soft coverage (paraphrase evidence from word vectors) to the best candidates' scores. */
function rerankBySoftCoverage(index: CorpusIndex, ranked: readonly Candidate[], soft: SoftMatcher): Candidate[] {
  if (soft.question.length === 0) return [...ranked];
  const { vectors } = soft;
  const head = ranked.slice(0, SOFT_RERANK).map((c) => {
    const chunk = index.chunks[c.chunk]!;
    const gain = SOFT_WEIGHTS.sentence * soft.coverage(sentenceWords(index, chunk, vectors)) + SOFT_WEIGHTS.unit * soft.coverage(unitWords(index, chunk, vectors));
    return rescored(c, c.score + gain);
  });
  head.sort((a, b) => b.score - a.score || a.chunk - b.chunk);
  return head.concat(ranked.slice(SOFT_RERANK));
}

/** The neighbour in the same unit that holds the asked-for span when the sentence itself does not. */
function typedNeighbour(index: CorpusIndex, chunk: Chunk, q: Question): Chunk | undefined {
  if (q.type === 'other' || hasAnswerSpan(chunk.text, q.type, q.wordSet)) return undefined;
  return [index.chunks[chunk.id + 1], index.chunks[chunk.id - 1]].find(
    (n) => n && n.story === chunk.story && n.unit === chunk.unit && hasAnswerSpan(n.text, q.type, q.wordSet),
  );
}

/** The score of sentence `id` among `ranked`, if it is there. */
function scoreOf(ranked: readonly Candidate[], id: number): number | undefined {
  for (const c of ranked) if (c.chunk === id) return c.score;
  return undefined;
}

/**
 * The neighbour in the same unit that scores nearly as well as the sentence
 * itself: the better scoring of the two, the next one when they tie or one
 * is not ranked.
 */
function strongNeighbour(index: CorpusIndex, chunk: Chunk, score: number, ranked: readonly Candidate[]): Chunk | undefined {
  let best: Chunk | undefined;
  let bestScore: number | undefined;
  for (const n of [index.chunks[chunk.id + 1], index.chunks[chunk.id - 1]]) {
    if (n === undefined || n.story !== chunk.story || n.unit !== chunk.unit) continue;
    const s = scoreOf(ranked, n.id);
    if ((s ?? 0) < JOIN_RATIO * score) continue;
    if (best === undefined || (s !== undefined && bestScore !== undefined && s > bestScore)) {
      best = n;
      bestScore = s;
    }
  }
  return best;
}

function pickExcerpts(index: CorpusIndex, ranked: readonly Candidate[], k: number, q: Question, exclude: readonly ShownPassage[] = []): Excerpt[] {
  const kept: Excerpt[] = [];
  const seen: ShownPassage[] = [...exclude];
  for (const c of ranked) {
    if (kept.length >= k) break;
    const chunk = index.chunks[c.chunk]!;
    const partner = creditNeighbour(index, chunk, q) ?? typedNeighbour(index, chunk, q) ?? strongNeighbour(index, chunk, c.score, ranked);
    const excerpt = excerptFor(index, chunk, c.score, partner);
    if (isDuplicate(excerpt, seen)) continue;
    kept.push(excerpt);
    seen.push(excerpt);
  }
  return kept;
}

/** Everything the answer is decided from: the ranked candidates, the excerpts, the evidence and the outcome. */
export interface Assessment {
  ranked: Candidate[];
  excerpts: Excerpt[];
  features?: EvidenceFeatures;
  outcome: Outcome;
}

/** Ranks, picks excerpts and measures the evidence for a prepared question (the fitting script reads the features). */
export function assess(index: CorpusIndex, query: PreparedQuery, options: AnswerOptions = {}, vectors?: WordVectors): Assessment {
  const q = query.question;
  const soft = new SoftMatcher(weightedContent(q), vectors);
  const ranked = rerankBySoftCoverage(index, rerankByAnswerType(index, retrieve(index, query, options.retrieve), q), soft);
  const excerpts = pickExcerpts(index, ranked, options.k ?? 3, q, options.exclude);
  const best = ranked[0];
  if (!best || excerpts.length === 0) return { ranked, excerpts, outcome: 'declined' };
  const features = assessEvidence(index, q, { chunk: best.chunk, score: best.score, dense: best.signals.dense }, ranked[1]?.score ?? 0, soft);
  return { ranked, excerpts, features, outcome: decide(features, CONFIDENCE_MODEL) };
}

/**
 * Answers a prepared question from `index` with up to `k` verbatim
 * excerpts, best first: confidently, as "not sure" (the closest passages,
 * `confidence: 'low'`), or declined when nothing covers the question.
 */
export function answerQuery(index: CorpusIndex, query: PreparedQuery, options: AnswerOptions = {}, vectors?: WordVectors): Answer {
  const { excerpts, outcome } = assess(index, query, options, vectors);
  const q = query.question;
  const readAs = q.corrections.length ? { readAs: q.corrections.map((c) => c.to) } : {};
  if (outcome === 'declined') return { question: q.asked, answered: false, ...readAs, excerpts: [], closest: excerpts };
  return { question: q.asked, answered: true, confidence: outcome, ...readAs, excerpts };
}

/** Prepares the question and answers it; see {@link answerQuery}. */
export async function answer(index: CorpusIndex, embedder: Embedder, question: string, options: AnswerOptions = {}): Promise<Answer> {
  return answerQuery(index, await prepareQuery(index, embedder, question), options, embedder.words);
}

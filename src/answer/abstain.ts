import type { CorpusIndex } from '../index/corpus-index.js';
import { isRare, rarity } from '../text/rarity.js';
import { stem, STOPWORDS, terms, words } from '../text/tokenize.js';

/** Thresholds of the abstention rule; see {@link shouldDecline}. */
export interface AbstainOptions {
  /** Least share of the question's content, weighted by corpus idf, in the evidence (0–1). Default 0.25. */
  minCoverage: number;
  /** Least share of the question's content, weighted by general-English rarity, in the evidence (0–1). Default 0.3. */
  minRareCoverage: number;
  /** Decline when the evidence lacks a name, number or rare term of the question. Default true. */
  requireRareTerms: boolean;
}

export const DEFAULT_ABSTAIN: AbstainOptions = { minCoverage: 0.25, minRareCoverage: 0.3, requireRareTerms: true };

/** How well a passage covers a question. */
export interface Evidence {
  /** Share of content terms found, each weighted by its idf over the corpus' units. */
  coverage: number;
  /** Share of content words found, each weighted by its general-English {@link rarity}. */
  rareCoverage: number;
  /** Names, numbers and rare terms of the question that the passage lacks (with names no story mentions). */
  missingRare: string[];
}

/**
 * Share of the question's content terms, each weighted by its rarity in
 * the corpus (BM25 idf over units; a term absent from the corpus weighs most), found in `evidence`.
 */
export function coverage(index: CorpusIndex, questionTerms: readonly string[], evidence: string): number {
  return coverageOf(index, questionTerms, new Set(terms(evidence)));
}

function coverageOf(index: CorpusIndex, questionTerms: readonly string[], have: ReadonlySet<string>): number {
  let total = 0;
  let found = 0;
  for (const t of new Set(questionTerms)) {
    const w = index.unitLexical.idf(t);
    total += w;
    if (have.has(t)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/**
 * What every photo caption says without saying it: it describes a photo
 * that someone took. Counted as present when the evidence is a caption.
 */
export const CAPTION_WORDS: readonly string[] = ['photo', 'photograph', 'photographed', 'photographer', 'picture', 'pictured', 'image', 'took', 'taken', 'shot', 'show', 'shows'];

const ROMAN = /^[ivxlc]+$/;

/**
 * Capitalised words inside the question (not its first word): names, such
 * as `Obama` in "What did Obama say about the talks?". Roman numerals and
 * words under three letters are left out.
 */
export function namesIn(question: string): string[] {
  return words(question)
    .filter((w, i) => i > 0 && /^\p{Lu}/u.test(question.slice(w.start, w.start + 1)) && w.word.length >= 3 && !ROMAN.test(w.word) && !STOPWORDS.has(w.word))
    .map((w) => w.word);
}

/** True when no unit of the corpus holds `word` (by stem, or by the five-letter prefix of a longer stem). */
function absentFromCorpus(index: CorpusIndex, word: string): boolean {
  const s = stem(word);
  return index.unitLexical.df(s) === 0 && (s.length < 5 || index.unitLexical.df(`${s.slice(0, 5)}*`) === 0);
}

/**
 * Measures how well `evidence` (the best passage's paragraph or caption)
 * covers `question`; `implied` words count as present (see {@link CAPTION_WORDS}).
 */
export function assessEvidence(index: CorpusIndex, question: string, evidence: string, implied: readonly string[] = []): Evidence {
  const evidenceWords = [...new Set(words(evidence).map((x) => x.word))];
  const have = new Set([...evidenceWords.filter((w) => !STOPWORDS.has(w)).map(stem), ...implied.map(stem)]);
  const questionWords = words(question);
  const content = [...new Set(questionWords.map((w) => w.word))].filter((w) => !STOPWORDS.has(w));
  const unknownNames = new Set(namesIn(question).filter((w) => absentFromCorpus(index, w)));
  let total = 0;
  let found = 0;
  const missingRare: string[] = [];
  for (const w of content) {
    const weight = rarity(w);
    total += weight;
    if (have.has(stem(w))) found += weight;
    else if ((isRare(w) || unknownNames.has(w)) && !evidenceWords.some((x) => nearSpelling(w, x))) missingRare.push(w);
  }
  return { coverage: coverageOf(index, terms(question), have), rareCoverage: total === 0 ? 0 : found / total, missingRare };
}

/**
 * Decline when the evidence misses a name, number or rare term of the
 * question (a near spelling counts as present: `Sigimund` for
 * `Sigismund`) — including a common name the whole corpus never mentions
 * (`Obama`, when no story does) — or covers too little of the question by either weighting —
 * decided from evidence, not from a list of topics.
 */
export function shouldDecline(e: Evidence, options: AbstainOptions = DEFAULT_ABSTAIN): boolean {
  return (options.requireRareTerms && e.missingRare.length > 0) || e.coverage < options.minCoverage || e.rareCoverage < options.minRareCoverage;
}

/** One edit apart (insert, delete, substitute or swap two neighbours), for words of five letters or more. */
export function nearSpelling(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1 || /\d/.test(a)) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

import type { EvalQuestion } from './datasets.js';
import type { MethodResult } from './methods.js';

/** Counts for one method on one set. */
export interface Tally {
  answerable: number;
  top1: number;
  top3: number;
  /** Answerable questions the method declined. */
  wronglyDeclined: number;
  /** Answerable questions answered with high confidence (a method that gives none counts as high). */
  answeredHigh: number;
  /** Answerable questions answered only with low confidence: the bot said it was not sure. */
  answeredLow: number;
  unanswerable: number;
  /** Unanswerable questions the method declined. */
  declined: number;
  /** Unanswerable questions the method answered anyway (with either confidence). */
  wronglyAnswered: number;
  /** Unanswerable questions answered anyway with high confidence: the worst kind of wrong. */
  wronglyAnsweredHigh: number;
}

export function emptyTally(): Tally {
  return {
    answerable: 0,
    top1: 0,
    top3: 0,
    wronglyDeclined: 0,
    answeredHigh: 0,
    answeredLow: 0,
    unanswerable: 0,
    declined: 0,
    wronglyAnswered: 0,
    wronglyAnsweredHigh: 0,
  };
}

/** Whether `text` contains one of the accepted answers, case-insensitively. */
export function contains(text: string | undefined, answers: readonly string[]): boolean {
  if (!text) return false;
  const t = text.toLowerCase();
  return answers.some((a) => t.includes(a.toLowerCase()));
}

/**
 * Adds one question's result. An answerable question counts for top-1/top-3
 * when the method answered, with high or low confidence; a declined one
 * counts as wrongly declined. Confidence is counted apart: answered high,
 * answered only "not sure" (low), unanswerable answered high.
 */
export function tallyQuestion(t: Tally, q: EvalQuestion, r: MethodResult): void {
  if (q.answers.length > 0) {
    t.answerable++;
    if (!r.answered) {
      t.wronglyDeclined++;
      return;
    }
    if (r.confidence === 'low') t.answeredLow++;
    else t.answeredHigh++;
    if (contains(r.excerpts[0], q.answers)) t.top1++;
    if (r.excerpts.slice(0, 3).some((e) => contains(e, q.answers))) t.top3++;
  } else {
    t.unanswerable++;
    if (!r.answered) t.declined++;
    else {
      t.wronglyAnswered++;
      if (r.confidence !== 'low') t.wronglyAnsweredHigh++;
    }
  }
}

/** The p-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

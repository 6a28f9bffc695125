import type { EvalQuestion } from '../../src/eval/datasets.js';
import type { MethodResult } from '../../src/eval/methods.js';
import { emptyTally, tallyQuestion } from '../../src/eval/score.js';

/** Top-1 and top-3 of one row, as shares of the answerable questions. */
export interface Judgement {
  /** Answerable questions judged. */
  questions: number;
  top1: number;
  top3: number;
  /** Answerable questions the row declined (counted as misses; only Dateline declines). */
  declined: number;
  /** Mean length in characters of the first passage returned for the answerable questions answered. */
  meanTop1Chars: number;
}

/**
 * Judges every row with `dateline eval`'s own rule ({@link tallyQuestion}):
 * an answerable question counts at rank k when one of its accepted answers
 * occurs, case-insensitively, in one of the first k passages returned; a
 * declined question is a miss. `results[i]` answers `questions[i]`.
 */
export function judge(questions: readonly EvalQuestion[], results: readonly MethodResult[]): Judgement {
  if (questions.length !== results.length) throw new Error(`${questions.length} questions but ${results.length} results`);
  const tally = emptyTally();
  let chars = 0;
  let firsts = 0;
  questions.forEach((q, i) => {
    const r = results[i]!;
    tallyQuestion(tally, q, r);
    if (q.answers.length > 0 && r.answered && r.excerpts[0] !== undefined) {
      chars += r.excerpts[0].length;
      firsts++;
    }
  });
  const share = (n: number) => (tally.answerable === 0 ? 0 : Number((n / tally.answerable).toFixed(4)));
  return {
    questions: tally.answerable,
    top1: share(tally.top1),
    top3: share(tally.top3),
    declined: tally.wronglyDeclined,
    meanTop1Chars: firsts === 0 ? 0 : Math.round(chars / firsts),
  };
}

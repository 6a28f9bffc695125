import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import { checkBar } from '../../src/eval/bar.js';
import { answerConfidence, resultOf } from '../../src/eval/methods.js';
import { emptyTally, percentile, tallyQuestion, type Tally } from '../../src/eval/score.js';

const tally = (counts: Partial<Tally>): Tally => ({ ...emptyTally(), ...counts });
const failing = (checks: { what: string; pass: boolean }[]) => checks.filter((c) => !c.pass).map((c) => c.what);

describe('eval tallies', () => {
  it('counts top-1, top-3, wrong declines and abstentions on a fixed fixture', () => {
    const t = emptyTally();
    tallyQuestion(t, { q: 'a', answers: ['Paris'] }, { answered: true, excerpts: ['They met in paris.', 'x'] });
    tallyQuestion(t, { q: 'b', answers: ['Odessa'] }, { answered: true, excerpts: ['x', 'y', 'In ODESSA.'] });
    tallyQuestion(t, { q: 'c', answers: ['Odessa'] }, { answered: true, excerpts: ['x', 'y', 'z', 'In Odessa.'] });
    tallyQuestion(t, { q: 'd', answers: ['Kerry'] }, { answered: false, excerpts: [] });
    tallyQuestion(t, { q: 'e', answers: [] }, { answered: false, excerpts: [] });
    tallyQuestion(t, { q: 'f', answers: [] }, { answered: true, excerpts: ['x'] });
    expect(t).toEqual({
      answerable: 4,
      top1: 1,
      top3: 2,
      wronglyDeclined: 1,
      answeredHigh: 3,
      answeredLow: 0,
      unanswerable: 2,
      declined: 1,
      wronglyAnswered: 1,
      wronglyAnsweredHigh: 1,
    });
  });

  it('counts a "not sure" answer for top-1/top-3 as any answer, and apart by confidence', () => {
    const t = emptyTally();
    tallyQuestion(t, { q: 'a', answers: ['Paris'] }, { answered: true, excerpts: ['In Paris.'], confidence: 'low' });
    tallyQuestion(t, { q: 'b', answers: ['Paris'] }, { answered: true, excerpts: ['x', 'In Paris.'], confidence: 'high' });
    tallyQuestion(t, { q: 'c', answers: ['Paris'] }, { answered: false, excerpts: [] });
    tallyQuestion(t, { q: 'd', answers: [] }, { answered: true, excerpts: ['x'], confidence: 'low' });
    tallyQuestion(t, { q: 'e', answers: [] }, { answered: true, excerpts: ['x'], confidence: 'high' });
    tallyQuestion(t, { q: 'f', answers: [] }, { answered: false, excerpts: [] });
    expect(t).toEqual({
      answerable: 3,
      top1: 1,
      top3: 2,
      wronglyDeclined: 1,
      answeredHigh: 1,
      answeredLow: 1,
      unanswerable: 3,
      declined: 1,
      wronglyAnswered: 2,
      wronglyAnsweredHigh: 1,
    });
  });

  it("reads an answer's confidence defensively: high unless it says low, none when declined", () => {
    const answer = (fields: object) => ({ question: 'q', excerpts: [{ text: 'In Paris.' }], ...fields }) as unknown as Answer;
    expect(answerConfidence(answer({ answered: true }))).toBe('high');
    expect(answerConfidence(answer({ answered: true, confidence: 'low' }))).toBe('low');
    expect(answerConfidence(answer({ answered: false }))).toBeUndefined();
    expect(resultOf(answer({ answered: true, confidence: 'low' }))).toEqual({ answered: true, excerpts: ['In Paris.'], confidence: 'low' });
    expect(resultOf(answer({ answered: false, excerpts: [] }))).toEqual({ answered: false, excerpts: [] });
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 95)).toBe(100);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('quality bars', () => {
  it('checks the story bar', () => {
    const pass = tally({ answerable: 18, top1: 18, top3: 18, wronglyDeclined: 1, unanswerable: 5, declined: 3, wronglyAnswered: 2, wronglyAnsweredHigh: 1 });
    expect(checkBar('story', pass).every((c) => c.pass)).toBe(true);
    expect(failing(checkBar('story', { ...pass, top1: 17, top3: 17 }))).toEqual(['top-1 17/18 = 18', 'top-3 17/18 = 18']);
    expect(failing(checkBar('story', { ...pass, declined: 2, wronglyAnsweredHigh: 2 }))).toEqual(['unanswerable declined 2/5 ≥ 3', 'unanswerable answered sure 2/5 ≤ 1']);
  });

  it('checks the casual development proxy: top-1 ≥ 11 of 13, at most one answerable declined', () => {
    const pass = tally({ answerable: 13, top1: 11, top3: 12, wronglyDeclined: 1, unanswerable: 4, declined: 0 });
    expect(checkBar('casual', pass).every((c) => c.pass)).toBe(true);
    expect(failing(checkBar('casual', { ...pass, top1: 10, wronglyDeclined: 2 }))).toEqual(['top-1 10/13 ≥ 11', 'answerable declined 2 ≤ 1']);
  });

  it('checks the squad bar at its edges, and the noisy top-1 drop only with a noisy tally', () => {
    const pass = tally({ answerable: 100, top1: 80, top3: 90, wronglyDeclined: 3, unanswerable: 50, declined: 5 });
    expect(checkBar('squad', pass).map((c) => c.pass)).toEqual([true, true, true, true]);
    expect(failing(checkBar('squad', { ...pass, top1: 79, top3: 89, wronglyDeclined: 4, declined: 4 }))).toEqual([
      'top-1 0.790 ≥ 0.80',
      'top-3 0.890 ≥ 0.90',
      'answerable declined 0.040 ≤ 0.03',
      'impossible declined 0.080 ≥ 0.10',
    ]);
    const noisyOk = checkBar('squad', pass, { ...pass, top1: 77 });
    expect(noisyOk).toHaveLength(5);
    expect(noisyOk[4]).toEqual({ what: '+noise top-1 77.0% vs clean 80.0%: loses 3.0 points ≤ 3', pass: true });
    expect(checkBar('squad', pass, { ...pass, top1: 76 })[4]!.pass).toBe(false);
  });

  it('checks the fresh held-out bar, including answers only "not sure"', () => {
    const pass = tally({ answerable: 40, top1: 32, top3: 36, wronglyDeclined: 2, answeredLow: 10, unanswerable: 10, declined: 5 });
    expect(checkBar('fresh', pass).every((c) => c.pass)).toBe(true);
    expect(failing(checkBar('fresh', { ...pass, answeredLow: 11, declined: 4, wronglyDeclined: 3 }))).toEqual([
      'answerable declined 0.075 ≤ 0.05',
      'unanswerable declined 0.400 ≥ 0.50',
      'answerable answered only "not sure" 0.275 ≤ 0.25',
    ]);
  });

  it('has no bar for the sets without one, noisy or not', () => {
    const t = tally({ answerable: 10, top1: 1 });
    expect(checkBar('more', t)).toEqual([]);
    expect(checkBar('squad-train', t, t)).toEqual([]);
    expect(checkBar('story', tally({ answerable: 18, top1: 18, top3: 18, unanswerable: 5, declined: 4 }), t)).toHaveLength(5);
  });
});

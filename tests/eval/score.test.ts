import { describe, expect, it } from 'vitest';
import { checkBar } from '../../src/eval/bar.js';
import { emptyTally, percentile, tallyQuestion } from '../../src/eval/score.js';

describe('eval tallies', () => {
  it('counts top-1, top-3, wrong declines and abstentions on a fixed fixture', () => {
    const t = emptyTally();
    tallyQuestion(t, { q: 'a', answers: ['Paris'] }, { answered: true, excerpts: ['They met in paris.', 'x'] });
    tallyQuestion(t, { q: 'b', answers: ['Odessa'] }, { answered: true, excerpts: ['x', 'y', 'In ODESSA.'] });
    tallyQuestion(t, { q: 'c', answers: ['Odessa'] }, { answered: true, excerpts: ['x', 'y', 'z', 'In Odessa.'] });
    tallyQuestion(t, { q: 'd', answers: ['Kerry'] }, { answered: false, excerpts: [] });
    tallyQuestion(t, { q: 'e', answers: [] }, { answered: false, excerpts: [] });
    tallyQuestion(t, { q: 'f', answers: [] }, { answered: true, excerpts: ['x'] });
    expect(t).toEqual({ answerable: 4, top1: 1, top3: 2, wronglyDeclined: 1, unanswerable: 2, declined: 1, wronglyAnswered: 1 });
  });

  it('checks the story bar', () => {
    const pass = { answerable: 18, top1: 16, top3: 18, wronglyDeclined: 1, unanswerable: 5, declined: 4, wronglyAnswered: 1 };
    expect(checkBar('story', pass).every((c) => c.pass)).toBe(true);
    expect(checkBar('story', { ...pass, top3: 17 }).filter((c) => !c.pass).map((c) => c.what)).toEqual(['top-3 17/18 = 18']);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 95)).toBe(100);
    expect(percentile([], 50)).toBe(0);
  });
});

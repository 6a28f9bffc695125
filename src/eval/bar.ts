import type { Tally } from './score.js';

/** A quality bar: each check names what it measures and whether it passed. */
export interface BarCheck {
  what: string;
  pass: boolean;
}

/** The bar of the answer-quality issue for a set, or none for an unknown set. */
export function checkBar(set: string, t: Tally): BarCheck[] {
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  if (set === 'story') {
    return [
      { what: `top-1 ${t.top1}/${t.answerable} ≥ 16`, pass: t.top1 >= 16 },
      { what: `top-3 ${t.top3}/${t.answerable} = ${t.answerable}`, pass: t.top3 === t.answerable },
      { what: `unanswerable declined ${t.declined}/${t.unanswerable} ≥ 4`, pass: t.declined >= 4 },
      { what: `answerable declined ${t.wronglyDeclined} ≤ 1`, pass: t.wronglyDeclined <= 1 },
    ];
  }
  if (set === 'squad') {
    return [
      { what: `top-1 ${share(t.top1, t.answerable).toFixed(3)} ≥ 0.75`, pass: share(t.top1, t.answerable) >= 0.75 },
      { what: `top-3 ${share(t.top3, t.answerable).toFixed(3)} ≥ 0.88`, pass: share(t.top3, t.answerable) >= 0.88 },
      { what: `impossible declined ${share(t.declined, t.unanswerable).toFixed(3)} ≥ 0.20`, pass: share(t.declined, t.unanswerable) >= 0.2 },
      { what: `answerable declined ${share(t.wronglyDeclined, t.answerable).toFixed(3)} ≤ 0.05`, pass: share(t.wronglyDeclined, t.answerable) <= 0.05 },
    ];
  }
  return [];
}

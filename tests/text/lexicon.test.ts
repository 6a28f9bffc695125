import { describe, expect, it } from 'vitest';
import { editDistance, Lexicon } from '../../src/text/lexicon.js';

const lexicon = Lexicon.of([
  'U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Paris. Kerry said talks went well.',
  'General Philip Breedlove arrived in Europe. The general spoke in Brussels.',
]);

describe('Lexicon', () => {
  it('counts the stories’ words and knows which ones they write as names', () => {
    expect(lexicon.count('kerry')).toBe(2);
    expect(lexicon.isName('lavrov')).toBe(true);
    expect(lexicon.isName('general')).toBe(false);
  });

  it('finds the story word a typo meant: a dropped, added, swapped or changed letter', () => {
    expect(lexicon.nearest('kery')).toBe('kerry');
    expect(lexicon.nearest('lavorv')).toBe('lavrov');
    expect(lexicon.nearest('breedlov')).toBe('breedlove');
    expect(lexicon.nearest('brusels')).toBe('brussels');
    expect(lexicon.nearest('ekrry')).toBe('kerry');
    expect(lexicon.nearest('lkavrov')).toBe('lavrov');
  });

  it('corrects nothing it cannot place: short words, numbers, words too far from any story word', () => {
    expect(lexicon.nearest('ker')).toBeUndefined();
    expect(lexicon.nearest('1901')).toBeUndefined();
    expect(lexicon.nearest('underpins')).toBeUndefined();
    expect(lexicon.nearest('conceptualized')).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts inserts, deletes, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('kerry', 'kery')).toBe(1);
    expect(editDistance('lavrov', 'lavorv')).toBe(1);
    expect(editDistance('paris', 'pairs')).toBe(1);
    expect(editDistance('moscow', 'moskva')).toBe(3);
    expect(editDistance('moscow', 'moskva', 1)).toBe(2);
  });

  it('gives the full table\'s answer for any pair, one call after another (its rows are reused)', () => {
    /** The optimal-string-alignment distance by the whole table, the definition the early stop must agree with. */
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    const words = ['', 'a', 'ab', 'ba', 'kerry', 'kery', 'ekrry', 'lavrov', 'lavorv', 'breedlove', 'breedlvoe', 'sevastopol', 'sebastopol', 'ca', 'abc'];
    for (const a of words) {
      for (const b of words) {
        const full = reference(a, b);
        expect(editDistance(a, b)).toBe(full);
        for (const limit of [0, 1, 2]) {
          if (full <= limit) expect(editDistance(a, b, limit)).toBe(full);
          else expect(editDistance(a, b, limit)).toBeGreaterThan(limit);
        }
      }
    }
  });
});

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
});

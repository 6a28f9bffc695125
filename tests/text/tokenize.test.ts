import { describe, expect, it } from 'vitest';
import { rarity } from '../../src/text/rarity.js';
import { indexTerms, terms, termsOf, withExtras, words } from '../../src/text/tokenize.js';

describe('tokenize', () => {
  it('stems so that inflections meet and drops function words', () => {
    expect(terms('The talks were annexing; sanctions considered')).toEqual(['talk', 'annex', 'sanction', 'consid']);
  });

  it('folds accents and drops possessives', () => {
    expect(words("Hervé's army").map((w) => w.word)).toEqual(['herve', 'army']);
  });

  it('folds letters Unicode does not decompose, so Skłodowska matches Sklodowska', () => {
    expect(words('Skłodowska Øresund straße').map((w) => w.word)).toEqual(['sklodowska', 'oresund', 'strasse']);
  });

  it('meets a question in another tense: irregular past forms stem like their verb', () => {
    expect(terms('Where did they meet? Who held talks? Who won?')).toEqual(['meet', 'hold', 'talk', 'win']);
    expect(terms('met held won taken wrote')).toEqual(terms('meet hold win take write'));
  });

  it('adds neighbouring-stem bigrams and five-letter prefixes', () => {
    const t = indexTerms('foreign minister marriage', { bigrams: true, prefixes: true });
    expect(t).toContain('foreign_minist');
    expect(t).toContain('marri*');
    expect(indexTerms('married', { bigrams: false, prefixes: true })).toContain('marri*');
    expect(indexTerms('foreign minister', { bigrams: false, prefixes: false })).toEqual(['foreign', 'minist']);
  });

  it('gives the same terms from words already split off (the question stage splits once)', () => {
    const text = "Who met Russia's foreign minister in Paris, and when?";
    expect(termsOf(words(text))).toEqual(terms(text));
    expect(withExtras(terms(text))).toEqual(indexTerms(text));
  });

  it('rates everyday words low and names high', () => {
    expect(rarity('the')).toBeLessThan(0.01);
    expect(rarity('country')).toBeLessThan(rarity('chancellor'));
    expect(rarity('breedlove')).toBe(1);
  });
});

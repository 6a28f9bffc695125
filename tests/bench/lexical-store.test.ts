import { describe, expect, it } from 'vitest';
import { docsOfParts, Fts5LexicalStore } from '../../bench/fts5-store.js';
import { Bm25Index } from '../../src/index/lexical.js';
import { StringTable } from '../../src/text/string-table.js';
import { indexTerms } from '../../src/text/tokenize.js';

const SENTENCES = [
  'Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Paris.',
  'The foreign ministers discussed Ukraine and Crimea for four hours.',
  'Lavrov said Russia had no intention of crossing the border.',
  'Kerry flew back to Washington after the meeting; the marriage of minds did not happen.',
  'Hervé Morin and Skłodowska are names with accents, 2014 is a number.',
  'Colonies were colonized; the colonists married and were marrying.',
];

const QUESTIONS = ['Who is Sergei Lavrov?', 'Where did Kerry meet Lavrov?', 'What did the foreign ministers discuss?', 'marriage', 'Herve Sklodowska 2014', 'colonize', 'nothing here at all zebra'];

describe('Fts5LexicalStore over our terms', () => {
  const docs = SENTENCES.map((s) => indexTerms(s));
  const ours = Bm25Index.build(docs);
  const fts = Fts5LexicalStore.build(':memory:', docs);

  it('indexes exactly our terms, each in as many documents', () => {
    const vocabulary = fts.vocabulary();
    const terms = new StringTable(ours.parts().terms);
    expect(vocabulary.size).toBe(terms.size);
    for (let t = 0; t < terms.size; t++) expect(vocabulary.get(terms.value(t))).toBe(ours.df(terms.value(t)));
  });

  it('finds the same documents as Bm25Index for every query (membership, not scores)', () => {
    for (const q of QUESTIONS) {
      const query = indexTerms(q);
      const expected = ours.search(query, ours.size).map((h) => h.doc).sort((a, b) => a - b);
      expect(fts.matches(query), q).toEqual(expected);
      expect(new Set(fts.search(query, 40)), q).toEqual(new Set(expected.slice(0, 40)));
      expect(fts.search(query, 2), q).toHaveLength(Math.min(2, expected.length));
    }
    expect(fts.matches(indexTerms('zebra'))).toEqual([]);
  });

  it('gives the same df for any term and scores exactly the matching documents', () => {
    for (const q of QUESTIONS) {
      const query = indexTerms(q);
      for (const t of query) expect(fts.df(t), t).toBe(ours.df(t));
      docs.forEach((_, d) => expect(fts.score(query, d) > 0, `${q} · ${d}`).toBe(ours.score(query, d) > 0));
    }
  });

  it('reads each document\'s terms back from the postings', () => {
    const back = docsOfParts(ours.parts());
    back.forEach((terms, i) => expect([...terms].sort()).toEqual([...docs[i]!].sort()));
  });
});

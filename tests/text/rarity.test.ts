import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RARITY_A, isRare, listedWords, rarity, WORD_LIST, WORD_TABLE } from '../../src/text/rarity.js';
import { StringTable } from '../../src/text/string-table.js';

const listed = listedWords(fs.readFileSync(WORD_LIST, 'utf8'));

describe('rarity', () => {
  it('reads word-ranks.bin, the table of word-ranks.txt byte for byte (regenerate it with npm run model:vocab)', () => {
    expect(Buffer.compare(fs.readFileSync(WORD_TABLE), Buffer.from(StringTable.build(listed)))).toBe(0);
  });

  it('weighs every listed word by its rank in the list, and a word outside it as fully rare', () => {
    expect(listed).toHaveLength(50_000);
    const harmonic = Math.log(341_479) + 0.5772156649;
    listed.forEach((word, i) => {
      expect(isRare(word)).toBe(false);
      expect(rarity(word)).toBe(RARITY_A / (RARITY_A + 1 / ((i + 1) * harmonic)));
    });
    expect(rarity('the')).toBeLessThan(0.01);
    for (const word of ['breedlove', 'zzxqv', '2014', 'Kerry', '']) {
      expect(isRare(word)).toBe(true);
      expect(rarity(word)).toBe(1);
    }
  });
});

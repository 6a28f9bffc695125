import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VOCAB_FILE, VocabTable, vocabularyOf } from '../../src/embed/vocab-table.js';
import { BUNDLED_DIR } from './reference-tokenizer.js';

describe('VocabTable', () => {
  it('finds every token of the bundled vocabulary at its id, and nothing else', () => {
    const tokens = vocabularyOf(JSON.parse(fs.readFileSync(path.join(BUNDLED_DIR, 'tokenizer.json'), 'utf8')));
    const table = new VocabTable(fs.readFileSync(path.join(BUNDLED_DIR, VOCAB_FILE)));
    expect(table.size).toBe(tokens.length);
    const wrong = tokens.filter((t, id) => table.id(t) !== id || table.token(id) !== t);
    expect(wrong).toEqual([]);
    for (const absent of ['', 'zzzqqqxx', 'The', 'paris ', '##s', '\uD800', 'x'.repeat(500)]) expect(table.id(absent)).toBeUndefined();
  });

  it('round-trips non-ASCII tokens and reads a copy at any byte offset', () => {
    const tokens = ['[PAD]', 'café', '北京', '😀', 'ß', 'a'];
    const bytes = VocabTable.build(tokens);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const table = new VocabTable(shifted.subarray(1));
    expect(tokens.map((t) => table.id(t))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(table.id('cafe')).toBeUndefined();
  });

  it('refuses duplicates, lone surrogates and foreign files', () => {
    expect(() => VocabTable.build(['a', 'b', 'a'])).toThrow(/twice/);
    expect(() => VocabTable.build(['\uDC00'])).toThrow(/well-formed/);
    expect(() => new VocabTable(new TextEncoder().encode('{"model": {}}   '))).toThrow(/not a vocab.bin/);
  });

  it('lists a tokenizer.json vocabulary by id, added tokens included, and refuses gaps', () => {
    expect(vocabularyOf({ model: { vocab: { b: 1, c: 2 } }, added_tokens: [{ id: 0, content: '[PAD]' }] })).toEqual(['[PAD]', 'b', 'c']);
    expect(() => vocabularyOf({ model: { vocab: { a: 0, c: 2 } } })).toThrow(/no token has id 1/);
  });
});

import { describe, expect, it } from 'vitest';
import { remember, wordList, wordSetOf } from '../../src/text/word-memory.js';

describe('word memory', () => {
  it('makes a value once per key and serves it again', () => {
    const memory = new Map<number, string>();
    let made = 0;
    const make = (key: number) => () => `value ${key} #${++made}`;
    expect(remember(memory, 7, make(7))).toBe('value 7 #1');
    expect(remember(memory, 7, make(7))).toBe('value 7 #1');
    expect(made).toBe(1);
  });

  it('stays bounded: past its limit it starts over, and still gives the right value for every key', () => {
    const memory = new Map<number, number>();
    for (let key = 0; key < 1_000; key++) expect(remember(memory, key, () => key * 2, 100)).toBe(key * 2);
    expect(memory.size).toBeLessThanOrEqual(100);
    expect(remember(memory, 3, () => 6, 100)).toBe(6);
  });

  it('remembers the words of a text, as a list and as a set', () => {
    expect(wordList("Kerry and Lavrov didn't agree.")).toEqual(['kerry', 'and', 'lavrov', 'didnt', 'agree']);
    expect(wordSetOf('Kerry met Kerry.').has('kerry')).toBe(true);
  });
});

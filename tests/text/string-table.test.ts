import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/text/string-table.js';

describe('StringTable', () => {
  it('finds each string at its id, non-ASCII included, and nothing else', () => {
    const values = ['kerry', 'lavrov', 'café', '北京', '😀', 'kerry lavrov', ''];
    const table = new StringTable(StringTable.build(values));
    expect(values.map((v) => table.id(v))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(values.map((_, id) => table.value(id))).toEqual(values);
    for (const absent of ['Kerry', 'cafe', 'kerry ', '\uD800', 'x'.repeat(1000)]) expect(table.id(absent)).toBeUndefined();
  });

  it('is read where it lies inside larger bytes and says how many bytes it takes', () => {
    const bytes = StringTable.build(['a', 'bb', 'ccc']);
    expect(bytes.length % 4).toBe(0);
    const framed = new Uint8Array(8 + bytes.length + 8);
    framed.set(bytes, 8);
    const table = new StringTable(framed.subarray(8));
    expect(table.byteLength).toBe(bytes.length);
    expect(table.id('bb')).toBe(1);
  });

  it('an empty table finds nothing', () => {
    expect(new StringTable(StringTable.build([])).id('a')).toBeUndefined();
  });

  it('refuses duplicates, lone surrogates, truncated and unaligned bytes', () => {
    expect(() => StringTable.build(['a', 'b', 'a'])).toThrow(/twice/);
    expect(() => StringTable.build(['\uDC00'])).toThrow(/well-formed/);
    const bytes = StringTable.build(['alpha', 'beta']);
    expect(() => new StringTable(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
    expect(() => new StringTable(new Uint8Array(bytes.length + 1).subarray(1))).toThrow(/aligned/);
  });
});

describe('StringTable.extend', () => {
  it('keeps every id and finds the appended strings after them', () => {
    const first = ['kerry', 'lavrov', 'café'];
    const table = new StringTable(StringTable.extend(StringTable.build(first), ['paris', '北京']));
    expect(['kerry', 'lavrov', 'café', 'paris', '北京'].map((v) => table.id(v))).toEqual([0, 1, 2, 3, 4]);
    expect(table.value(4)).toBe('北京');
    expect(table.id('moscow')).toBeUndefined();
    expect(StringTable.extend(StringTable.build(first), [])).toEqual(StringTable.build(first));
  });

  it('gives the same table as building from scratch, whether the hash table had room or had to grow', () => {
    const first = ['kerry', 'lavrov', 'café'];
    for (const more of [['paris'], ['paris', 'moscow', 'kyiv', 'crimea', 'sevastopol']]) {
      const extended = new StringTable(StringTable.extend(StringTable.build(first), more));
      const built = new StringTable(StringTable.build([...first, ...more]));
      expect(extended.byteLength).toBe(built.byteLength);
      for (const v of [...first, ...more, 'absent']) expect(extended.id(v)).toBe(built.id(v));
    }
  });

  it('refuses a string the table has or that is appended twice', () => {
    expect(() => StringTable.extend(StringTable.build(['a']), ['a'])).toThrow(/twice/);
    expect(() => StringTable.extend(StringTable.build(['a']), ['b', 'b'])).toThrow(/twice/);
  });
});

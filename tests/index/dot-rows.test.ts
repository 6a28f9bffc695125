import { describe, expect, it } from 'vitest';
import { dotRows } from '../../src/index/dot-rows.js';

/** The plain loop the kernel must reproduce bit for bit. */
function plainDot(v: Float32Array, matrix: Float32Array, offset: number): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k]! * matrix[offset + k]!;
  return s;
}

/** Deterministic values in [-1, 1) that make rounding order matter. */
function values(n: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 1073741824 - 1;
  });
}

describe('dotRows', () => {
  const dimension = 37;
  const matrix = values(11 * dimension, 7);
  const v = values(dimension, 3);

  it('gives exactly the plain loop for any number of rows, in any order', () => {
    for (let n = 0; n <= 11; n++) {
      const rows = Int32Array.from({ length: n }, (_, i) => ((i * 5) % 11) * dimension);
      const out = new Float64Array(n);
      dotRows(v, matrix, rows, out);
      rows.forEach((offset, i) => expect(Object.is(out[i], plainDot(v, matrix, offset))).toBe(true));
    }
  });

  it('writes from the given position and nowhere else', () => {
    const out = new Float64Array(8).fill(-9);
    dotRows(v, matrix, Int32Array.of(0, dimension, 2 * dimension), out, 3);
    expect([...out.slice(0, 3), ...out.slice(6)]).toEqual([-9, -9, -9, -9, -9]);
    expect(out[4]).toBe(plainDot(v, matrix, dimension));
  });
});

/**
 * Dot products of one vector with many rows of a flat matrix: `out[at + i]`
 * is `v` · the row of `matrix` starting at `offsets[i]`, summed in order of
 * the coordinates, as the plain loop `s += v[k] * row[k]` does.
 *
 * Four rows are done at a time: a single sum waits on each addition before
 * the next, four independent sums keep the CPU's adders busy (about twice
 * as fast), and each is still added term by term in the same order, so
 * every value is exactly the plain loop's, bit for bit.
 */
export function dotRows(v: Float32Array, matrix: Float32Array, offsets: Int32Array, out: Float64Array, at = 0): void {
  const dimension = v.length;
  const n = offsets.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o0 = offsets[i]!;
    const o1 = offsets[i + 1]!;
    const o2 = offsets[i + 2]!;
    const o3 = offsets[i + 3]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < dimension; k++) {
      const x = v[k]!;
      s0 += x * matrix[o0 + k]!;
      s1 += x * matrix[o1 + k]!;
      s2 += x * matrix[o2 + k]!;
      s3 += x * matrix[o3 + k]!;
    }
    out[at + i] = s0;
    out[at + i + 1] = s1;
    out[at + i + 2] = s2;
    out[at + i + 3] = s3;
  }
  for (; i < n; i++) {
    const o = offsets[i]!;
    let s = 0;
    for (let k = 0; k < dimension; k++) s += v[k]! * matrix[o + k]!;
    out[at + i] = s;
  }
}

/**
 * Mean pooling over the unmasked tokens, then L2 normalisation, with the
 * exact arithmetic of transformers.js's `{pooling: 'mean', normalize: true}`
 * (double sums, float32 storage, float32 norm accumulator) so vectors are
 * bit-identical, but reading each tensor's data once: transformers.js wraps
 * tensors in a Proxy, and its own pooling pays a trap on every element.
 * `hidden` is `[batch, sequence, dimension]`, `mask` `[batch, sequence]`.
 */
export function meanPoolNormalized(hidden: { dims: readonly number[]; data: unknown }, mask: { data: unknown }): Float32Array[] {
  const [batch, seq, dim] = hidden.dims as [number, number, number];
  const data = hidden.data as Float32Array;
  const attention = mask.data as BigInt64Array;
  const out: Float32Array[] = [];
  const norm = new Float32Array(1);
  for (let r = 0; r < batch; r++) {
    const v = new Float32Array(dim);
    const base = r * seq * dim;
    const attn = new Float64Array(seq);
    let count = 0;
    for (let j = 0; j < seq; j++) count += attn[j] = Number(attention[r * seq + j]);
    for (let k = 0; k < dim; k++) {
      let sum = 0;
      for (let j = 0; j < seq; j++) sum += data[base + k + j * dim]! * attn[j]!;
      v[k] = sum / count;
    }
    norm[0] = 0;
    for (let k = 0; k < dim; k++) norm[0] += v[k]! ** 2;
    norm[0] = norm[0] ** (1 / 2);
    for (let k = 0; k < dim; k++) v[k]! /= norm[0];
    out.push(v);
  }
  return out;
}

/** Texts as the embedders feed them to a model: a blank text becomes one space (a tokenizer may reject an empty one). */
export function modelTexts(texts: readonly string[]): string[] {
  return texts.map((t) => (t.trim() === '' ? ' ' : t));
}

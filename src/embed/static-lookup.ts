import type { OnnxGraph } from './onnx-graph.js';
import { rowTableOf, type RowTable } from './word-vectors.js';

/** Name of the per-row scale table beside the int8 row table (scripts/build-model.ts writes both). */
export const SCALE_TABLE = 'embeddings.scale';

/** The operators of the bundled model's graph: Cast(Gather(int8 rows, ids)) × Unsqueeze(Gather(scales, ids)). */
const LOOKUP_OPS = ['Gather', 'Cast', 'Gather', 'Unsqueeze', 'Mul'];

/**
 * A static embedding model as plain tables: an int8 row per token id and a
 * float32 scale per row. Its `last_hidden_state` for a token is
 * `float32(int8 row) × scale`, exactly what onnxruntime computes for the
 * bundled graph (the product of a 7-bit integer and a float32 is exact in a
 * double, so one rounding to float32 gives onnxruntime's bits).
 */
export interface StaticLookup extends RowTable {
  scales: Float32Array;
}

/**
 * The bundled model's tables when `graph` is exactly its lookup graph (those
 * operators, one output `last_hidden_state`, both tables of matching sizes);
 * undefined for any other model, which then runs on onnxruntime.
 */
export function staticLookupOf(graph: OnnxGraph): StaticLookup | undefined {
  if (graph.ops.join() !== LOOKUP_OPS.join() || graph.outputs.join() !== 'last_hidden_state') return undefined;
  const rows = rowTableOf(graph);
  const scales = graph.initializers.get(SCALE_TABLE);
  if (!rows || !scales || scales.dims.length !== 1 || scales.dims[0] !== rows.rows || scales.raw.length !== rows.rows * 4) return undefined;
  const scaleBytes = new DataView(scales.raw.buffer, scales.raw.byteOffset, scales.raw.byteLength);
  const scaleValues = new Float32Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) scaleValues[i] = scaleBytes.getFloat32(i * 4, true);
  return { ...rows, scales: scaleValues };
}

/** `last_hidden_state` for a batch of token ids (`[batch, sequence]`), as the graph computes it. */
export function lookupHiddenState(table: StaticLookup, inputIds: BigInt64Array, dims: readonly [number, number]): { dims: number[]; data: Float32Array } {
  const { dimension, values, scales, rows } = table;
  const data = new Float32Array(inputIds.length * dimension);
  for (let t = 0; t < inputIds.length; t++) {
    const id = Number(inputIds[t]);
    if (id < 0 || id >= rows) throw new Error(`token id ${id} is outside the model's ${rows} rows`);
    const scale = scales[id]!;
    const from = id * dimension;
    const to = t * dimension;
    for (let k = 0; k < dimension; k++) data[to + k] = Math.fround(values[from + k]! * scale);
  }
  return { dims: [dims[0], dims[1], dimension], data };
}

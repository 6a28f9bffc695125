import fs from 'node:fs';
import { readOnnxGraph, type OnnxGraph } from './onnx-graph.js';

/**
 * Word-level vectors of a static embedding model: the rows its sentence
 * vectors are averaged from. Used for soft matching (a question word meets
 * its nearest word of a passage), not for retrieval.
 */
export interface WordVectors {
  /** Vector length. */
  readonly dimension: number;
  /** The unit vector of a lower-cased word, or undefined when the model does not know it. */
  vector(word: string): Float32Array | undefined;
}

/** Name of the int8 row table in the bundled model's ONNX graph (scripts/build-model.ts writes it). */
export const ROW_TABLE = 'embeddings.int8';

/** A static model's int8 rows, one per token id: `rows × dimension` values. */
export interface RowTable {
  rows: number;
  dimension: number;
  values: Int8Array;
}

/**
 * The int8 row table named {@link ROW_TABLE} in a parsed ONNX graph, or
 * undefined when it has none of the right size (any model other than a
 * static lookup like the bundled one).
 */
export function rowTableOf(graph: OnnxGraph): RowTable | undefined {
  const table = graph.initializers.get(ROW_TABLE);
  if (!table || table.dims.length !== 2) return undefined;
  const [rows, dimension] = table.dims as [number, number];
  if (table.raw.length !== rows * dimension) return undefined;
  return { rows, dimension, values: new Int8Array(table.raw.buffer, table.raw.byteOffset, rows * dimension) };
}

/** {@link rowTableOf} of an ONNX model file's bytes. */
export function readRowTable(onnxBytes: Uint8Array): RowTable | undefined {
  const graph = readOnnxGraph(onnxBytes);
  return graph && rowTableOf(graph);
}

/**
 * Word vectors from a static model's ONNX row table and its vocabulary
 * (`word → row`). The ONNX model is its file, read on the first look-up, not
 * at start-up, or the row table itself when the caller has it already (the
 * bundled model's fast path, which reads the model for its lookup); rows are
 * normalised on first use and cached. A word missing from the vocabulary, a
 * zero row, or a model without a row table has none.
 */
export function rowTableWordVectors(onnx: string | RowTable | undefined, dimension: number, rowOf: (word: string) => number | undefined): WordVectors {
  let table: RowTable | null | undefined = typeof onnx === 'string' ? undefined : (onnx ?? null);
  const cache = new Map<number, Float32Array | null>();
  return {
    dimension,
    vector(word: string) {
      table ??= readRowTable(new Uint8Array(fs.readFileSync(onnx as string))) ?? null;
      if (!table || table.dimension !== dimension) return undefined;
      const { values, rows } = table;
      const r = rowOf(word);
      if (r === undefined || r < 0 || r >= rows) return undefined;
      let v = cache.get(r);
      if (v === undefined) {
        const raw = values.subarray(r * dimension, (r + 1) * dimension);
        let norm = 0;
        for (const x of raw) norm += x * x;
        v = norm === 0 ? null : Float32Array.from(raw, (x) => x / Math.sqrt(norm));
        cache.set(r, v);
      }
      return v ?? undefined;
    },
  };
}

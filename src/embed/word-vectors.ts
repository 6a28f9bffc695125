import fs from 'node:fs';

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

interface Field {
  number: number;
  wire: number;
  /** Value of a varint field. */
  value: number;
  /** Bytes of a length-delimited field. */
  start: number;
  end: number;
}

/** The top-level fields of one protobuf message in `buf[start, end)`; only varint and length-delimited fields carry data here. */
function* fields(buf: Uint8Array, start: number, end: number): Generator<Field> {
  let i = start;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (i < end) {
    const key = varint();
    const wire = key % 8;
    const number = Math.floor(key / 8);
    if (wire === 0) yield { number, wire, value: varint(), start: i, end: i };
    else if (wire === 2) {
      const len = varint();
      yield { number, wire, value: len, start: i, end: i + len };
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

/** ONNX field numbers: ModelProto.graph, GraphProto.initializer, TensorProto.dims/name/raw_data. */
const ONNX = { graph: 7, initializer: 5, dims: 1, name: 8, rawData: 9 } as const;

/**
 * The int8 row table named {@link ROW_TABLE} in an ONNX model file, as
 * `[rows, dimension]` and its bytes, or undefined when the model has none
 * (any model other than a static lookup like the bundled one).
 */
export function readRowTable(onnxBytes: Uint8Array): { rows: number; dimension: number; values: Int8Array } | undefined {
  const text = new TextDecoder();
  for (const g of fields(onnxBytes, 0, onnxBytes.length)) {
    if (g.number !== ONNX.graph || g.wire !== 2) continue;
    for (const init of fields(onnxBytes, g.start, g.end)) {
      if (init.number !== ONNX.initializer || init.wire !== 2) continue;
      const dims: number[] = [];
      let name = '';
      let raw: Field | undefined;
      for (const f of fields(onnxBytes, init.start, init.end)) {
        if (f.number === ONNX.dims && f.wire === 0) dims.push(f.value);
        else if (f.number === ONNX.dims && f.wire === 2) {
          const packed = packedAsFields(onnxBytes, f);
          for (const d of fields(packed, 0, packed.length)) dims.push(d.value);
        }
        else if (f.number === ONNX.name) name = text.decode(onnxBytes.subarray(f.start, f.end));
        else if (f.number === ONNX.rawData) raw = f;
      }
      if (name !== ROW_TABLE || !raw || dims.length !== 2) continue;
      const [rows, dimension] = dims as [number, number];
      if (raw.end - raw.start !== rows * dimension) return undefined;
      return { rows, dimension, values: new Int8Array(onnxBytes.buffer, onnxBytes.byteOffset + raw.start, rows * dimension) };
    }
  }
  return undefined;
}

/** A packed repeated varint field rewritten as a run of `field 1` varints, so {@link fields} can read it. */
function packedAsFields(buf: Uint8Array, f: Field): Uint8Array {
  const out: number[] = [];
  for (let i = f.start; i < f.end; ) {
    out.push(8);
    let b: number;
    do {
      b = buf[i++]!;
      out.push(b);
    } while (b >= 0x80);
  }
  return Uint8Array.from(out);
}

/**
 * Word vectors from a static model's ONNX row table and its vocabulary
 * (`word → row`). The ONNX model is its file, read on the first look-up, not
 * at start-up, or its bytes when the caller has read them already (the
 * bundled model's fast path, which hands the same bytes to onnxruntime);
 * rows are normalised on first use and cached. A word missing from the
 * vocabulary, a zero row, or a model without a row table has none.
 */
export function rowTableWordVectors(onnx: string | Uint8Array, dimension: number, rowOf: (word: string) => number | undefined): WordVectors {
  let table: ReturnType<typeof readRowTable> | null | undefined;
  const cache = new Map<number, Float32Array | null>();
  return {
    dimension,
    vector(word: string) {
      table ??= readRowTable(typeof onnx === 'string' ? new Uint8Array(fs.readFileSync(onnx)) : onnx) ?? null;
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

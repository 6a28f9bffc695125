/**
 * A minimal reader of the ONNX files Dateline builds (scripts/build-model.ts):
 * the graph's initializers by name and its nodes' operators, straight from
 * the protobuf bytes, without onnxruntime.
 */

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

/** ONNX field numbers: ModelProto.graph; GraphProto.node/initializer/output; NodeProto.op_type; TensorProto.dims/name/raw_data; ValueInfoProto.name. */
const ONNX = { graph: 7, node: 1, initializer: 5, output: 12, opType: 4, dims: 1, name: 8, rawData: 9, valueName: 1 } as const;

/** An initializer: its dims and raw bytes (a view into the model's bytes). */
export interface Initializer {
  dims: number[];
  raw: Uint8Array;
}

/** What {@link readOnnxGraph} found in a model. */
export interface OnnxGraph {
  /** The nodes' operator types, in order (e.g. `Gather`, `Cast`, …). */
  ops: string[];
  /** The graph's output names. */
  outputs: string[];
  /** Initializers with raw data, by name. */
  initializers: Map<string, Initializer>;
}

/** The graph of an ONNX model file's bytes (operators, outputs, raw initializers); undefined when it holds none. */
export function readOnnxGraph(bytes: Uint8Array): OnnxGraph | undefined {
  const text = new TextDecoder();
  const name = (f: Field) => text.decode(bytes.subarray(f.start, f.end));
  for (const g of fields(bytes, 0, bytes.length)) {
    if (g.number !== ONNX.graph || g.wire !== 2) continue;
    const graph: OnnxGraph = { ops: [], outputs: [], initializers: new Map() };
    for (const part of fields(bytes, g.start, g.end)) {
      if (part.wire !== 2) continue;
      if (part.number === ONNX.node) {
        for (const f of fields(bytes, part.start, part.end)) if (f.number === ONNX.opType && f.wire === 2) graph.ops.push(name(f));
      } else if (part.number === ONNX.output) {
        for (const f of fields(bytes, part.start, part.end)) if (f.number === ONNX.valueName && f.wire === 2) graph.outputs.push(name(f));
      } else if (part.number === ONNX.initializer) {
        const dims: number[] = [];
        let initName = '';
        let raw: Field | undefined;
        for (const f of fields(bytes, part.start, part.end)) {
          if (f.number === ONNX.dims && f.wire === 0) dims.push(f.value);
          else if (f.number === ONNX.dims && f.wire === 2) {
            const packed = packedAsFields(bytes, f);
            for (const d of fields(packed, 0, packed.length)) dims.push(d.value);
          } else if (f.number === ONNX.name && f.wire === 2) initName = name(f);
          else if (f.number === ONNX.rawData && f.wire === 2) raw = f;
        }
        if (raw) graph.initializers.set(initName, { dims, raw: bytes.subarray(raw.start, raw.end) });
      }
    }
    return graph;
  }
  return undefined;
}

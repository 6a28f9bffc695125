import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { readRowTable, ROW_TABLE } from '../../src/embed/word-vectors.js';
import { bundledEmbedder } from '../support/fixtures.js';

const { onnx } = onnxProto;

describe('readRowTable', () => {
  it('reads the int8 row table of an ONNX model, packed or unpacked dims alike', () => {
    const values = Int8Array.from([1, -2, 3, 4, 5, -6]);
    const model = onnx.ModelProto.encode({
      graph: {
        initializer: [
          { name: 'other', dataType: onnx.TensorProto.DataType.FLOAT, dims: [1], rawData: new Uint8Array(4) },
          { name: ROW_TABLE, dataType: onnx.TensorProto.DataType.INT8, dims: [3, 2], rawData: new Uint8Array(values.buffer) },
        ],
      },
    }).finish();
    const table = readRowTable(model)!;
    expect([table.rows, table.dimension]).toEqual([3, 2]);
    expect([...table.values]).toEqual([...values]);
  });

  it('finds nothing in a model without the table', () => {
    expect(readRowTable(onnx.ModelProto.encode({ graph: { initializer: [] } }).finish())).toBeUndefined();
  });
});

describe('the bundled model’s word vectors', async () => {
  const { words } = await bundledEmbedder();
  const cos = (a: string, b: string) => {
    const x = words!.vector(a)!;
    const y = words!.vector(b)!;
    return x.reduce((s, v, i) => s + v * y[i]!, 0);
  };

  it('are unit vectors that put related words nearer than unrelated ones', () => {
    expect(words).toBeDefined();
    expect(cos('shoppers', 'shoppers')).toBeCloseTo(1, 5);
    expect(cos('shoppers', 'grocery')).toBeGreaterThan(cos('shoppers', 'tanks') + 0.3);
    expect(cos('general', 'commander')).toBeGreaterThan(cos('general', 'grocery'));
    expect(words!.vector('xqzvbnm')).toBeUndefined();
  });
});

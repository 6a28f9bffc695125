import fs from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID } from '../../src/embed/bundled-model.js';
import { loadBundledTokenizer } from '../../src/embed/bundled-embedder.js';
import { readOnnxGraph } from '../../src/embed/onnx-graph.js';
import { lookupHiddenState, staticLookupOf } from '../../src/embed/static-lookup.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const dir = path.join(PROJECT_ROOT, 'embeddings', 'models', BUNDLED_MODEL_ID);
const onnx = fs.readFileSync(path.join(dir, 'onnx', 'model_quantized.onnx'));
const graph = readOnnxGraph(onnx)!;

describe('the bundled lookup computed from its tables', () => {
  it('recognises the bundled graph, and no other', () => {
    expect(graph.ops).toEqual(['Gather', 'Cast', 'Gather', 'Unsqueeze', 'Mul']);
    expect(staticLookupOf(graph)?.dimension).toBe(100);
    expect(staticLookupOf({ ...graph, ops: [...graph.ops, 'Relu'] })).toBeUndefined();
    expect(staticLookupOf({ ...graph, outputs: ['pooled'] })).toBeUndefined();
    expect(staticLookupOf({ ...graph, initializers: new Map() })).toBeUndefined();
  });

  it('gives onnxruntime’s last_hidden_state bit for bit, padding included', async () => {
    const tokenizer = loadBundledTokenizer(dir);
    const batch = tokenizer.encodeBatch(['Kerry and Lavrov met in Paris.', 'A four-hour meeting', '', 'Zürich, 1901: naïve café [CLS]']);
    const session = await ort.InferenceSession.create(onnx, { executionProviders: ['cpu'] });
    const expected = (await session.run({ input_ids: new ort.Tensor('int64', batch.inputIds, batch.dims) })).last_hidden_state!;
    const actual = lookupHiddenState(staticLookupOf(graph)!, batch.inputIds, batch.dims as [number, number]);
    expect(actual.dims).toEqual(expected.dims);
    const data = expected.data as Float32Array;
    expect([...new Uint32Array(actual.data.buffer)]).toEqual([...new Uint32Array(data.buffer, data.byteOffset, data.length)]);
  });
});

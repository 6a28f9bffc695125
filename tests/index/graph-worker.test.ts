import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraphOffThread } from '../../src/index/graph-worker.js';
import { HnswVectorIndex } from '../../src/index/vector.js';
import { tempDir } from '../support/fixtures.js';

/** `count` unit vectors of `dimension`, from a fixed seed. */
function unitRows(count: number, dimension: number): Float32Array[] {
  let state = 7;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Array.from({ length: count }, () => {
    const row = Float32Array.from({ length: dimension }, next);
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
}

describe('buildGraphOffThread', () => {
  it('builds on a worker thread the very graph the main thread builds, byte for byte', async () => {
    const dimension = 16;
    const rows = unitRows(3000, dimension);
    const flat = new Float32Array(rows.length * dimension);
    rows.forEach((r, i) => flat.set(r, i * dimension));
    const params = { m: 8, efConstruction: 40, efSearch: 64 };
    const here = HnswVectorIndex.build(rows, dimension, params);
    const there = await buildGraphOffThread(flat, dimension, params);
    const dir = await tempDir();
    here.save(path.join(dir, 'here.bin'));
    there.save(path.join(dir, 'there.bin'));
    expect(Buffer.compare(await fs.readFile(path.join(dir, 'here.bin')), await fs.readFile(path.join(dir, 'there.bin')))).toBe(0);
    expect(there.count).toBe(3000);
    expect(there.efSearch).toBe(64);
    expect(there.search(rows[123]!, 3)[0]).toEqual({ id: 123, similarity: expect.closeTo(1, 5) });
  });
});

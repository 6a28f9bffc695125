import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pack, packBytes } from '../../src/index/pack.js';
import { JoinedVectorTable, MemoryVectorTable, PackVectorTable } from '../../src/index/vector-table.js';
import { fileBytes } from '../../src/text/byte-source.js';
import { tempDir } from '../support/fixtures.js';

const DIM = 5;
const rows = Float32Array.from({ length: 40 * DIM }, (_, i) => Math.sin(i * 0.37));
const query = Float32Array.from({ length: DIM }, (_, i) => Math.cos(i));

async function packOnDisk(): Promise<Pack> {
  const file = path.join(await tempDir(), 'v.pack');
  await fs.writeFile(file, packBytes({}, { pad: Int8Array.from([1, -2, 3]), v: rows }));
  return Pack.read(fileBytes(file));
}

describe('vector rows left in a pack on disk', () => {
  it('score the asked rows bit for bit as the rows in memory do, in the order asked', async () => {
    const onDisk = new PackVectorTable(await packOnDisk(), 'v', DIM);
    const inMemory = new MemoryVectorTable(rows, DIM);
    const asked = [39, 0, 7, 7, 21, 3];
    expect(onDisk.count).toBe(40);
    expect(Array.from(onDisk.dots(query, asked))).toEqual(Array.from(inMemory.dots(query, asked)));
    expect(onDisk.flat()).toEqual(rows);
  });

  it('refuse a row past the end, and a section that is not rows of that width', async () => {
    const pack = await packOnDisk();
    expect(() => new PackVectorTable(pack, 'v', DIM).dots(query, [40])).toThrow(/row 40 lies outside the 40 rows of v/);
    expect(() => new PackVectorTable(pack, 'v', 7)).toThrow(/does not hold 7-dimensional/);
    expect(() => new PackVectorTable(pack, 'pad', 3)).toThrow(/float32 rows/);
  });

  it('read signed bytes and slices of a section back as written', async () => {
    const pack = await packOnDisk();
    expect(Array.from(pack.i8('pad'))).toEqual([1, -2, 3]);
    expect(Array.from(pack.slice('v', 2 * DIM, DIM))).toEqual(Array.from(rows.subarray(2 * DIM, 3 * DIM)));
    expect(() => pack.slice('v', 39 * DIM, 2 * DIM)).toThrow(/outside section v/);
  });
});

describe('two tables joined (an archive and the stories added since)', () => {
  it('read as one table: rows of the second follow the first, scored bit for bit in the order asked', async () => {
    const whole = new MemoryVectorTable(rows, DIM);
    const joined = new JoinedVectorTable(new PackVectorTable(await packOnDisk(), 'v', DIM), new MemoryVectorTable(rows.slice(0, 7 * DIM), DIM));
    const again = new MemoryVectorTable(Float32Array.from([...rows, ...rows.slice(0, 7 * DIM)]), DIM);
    expect(joined.count).toBe(47);
    const asked = [46, 3, 40, 39, 0, 44, 3];
    expect(joined.dots(query, asked)).toEqual(again.dots(query, asked));
    expect(joined.dots(query, [41])).toEqual(whole.dots(query, [1]));
    expect(joined.flat()).toEqual(again.flat());
  });
});

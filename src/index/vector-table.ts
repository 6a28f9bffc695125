import { dotRows } from './dot-rows.js';
import type { Pack } from './pack.js';

/**
 * Rows of float32 vectors (sentence or unit embeddings), read by row: held
 * in memory, or left in an index pack on disk and read a row at a time, so a
 * one-shot `dateline ask` over an archive reads the few hundred rows it
 * scores instead of hundreds of megabytes (issue #16).
 */
export interface VectorTable {
  /** Number of rows. */
  readonly count: number;
  readonly dimension: number;
  /** `query` · row `rows[i]`, for each i, summed exactly as {@link dotRows} sums. */
  dots(query: Float32Array, rows: ArrayLike<number>): Float64Array;
  /** Every row, one after another (reads the whole table when it is on disk). */
  flat(): Float32Array;
}

/** A {@link VectorTable} over rows in memory (`flat`, row i at `i * dimension`). */
export class MemoryVectorTable implements VectorTable {
  constructor(
    private readonly rows: Float32Array,
    readonly dimension: number,
  ) {}

  get count(): number {
    return this.rows.length / this.dimension;
  }

  dots(query: Float32Array, rows: ArrayLike<number>): Float64Array {
    const offsets = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) offsets[i] = rows[i]! * this.dimension;
    const out = new Float64Array(rows.length);
    dotRows(query, this.rows, offsets, out);
    return out;
  }

  flat(): Float32Array {
    return this.rows;
  }
}

/** A {@link VectorTable} over a float32 section of a pack, read row by row as asked (from disk when the pack is). */
export class PackVectorTable implements VectorTable {
  readonly count: number;

  constructor(
    private readonly pack: Pack,
    private readonly section: string,
    readonly dimension: number,
  ) {
    const { type, length } = pack.info(section);
    if (type !== 'f32' || length % dimension !== 0) throw new Error(`section ${section} does not hold ${dimension}-dimensional float32 rows`);
    this.count = length / dimension;
  }

  dots(query: Float32Array, rows: ArrayLike<number>): Float64Array {
    const d = this.dimension;
    const gathered = new Float32Array(rows.length * d);
    const offsets = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (!(r >= 0 && r < this.count)) throw new Error(`row ${r} lies outside the ${this.count} rows of ${this.section}`);
      gathered.set(this.pack.slice(this.section, r * d, d) as Float32Array, i * d);
      offsets[i] = i * d;
    }
    const out = new Float64Array(rows.length);
    dotRows(query, gathered, offsets, out);
    return out;
  }

  flat(): Float32Array {
    return this.pack.f32(this.section);
  }
}

/** Two tables read as one: `first`'s rows, then `second`'s (a base segment and the stories added since, `segments.ts`). */
export class JoinedVectorTable implements VectorTable {
  readonly count: number;
  readonly dimension: number;
  private joined: Float32Array | undefined;

  constructor(
    private readonly first: VectorTable,
    private readonly second: VectorTable,
  ) {
    if (first.dimension !== second.dimension) throw new Error(`cannot join ${first.dimension}- and ${second.dimension}-dimensional rows`);
    this.dimension = first.dimension;
    this.count = first.count + second.count;
  }

  dots(query: Float32Array, rows: ArrayLike<number>): Float64Array {
    const split = this.first.count;
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < rows.length; i++) (rows[i]! < split ? mine : theirs).push(rows[i]! < split ? rows[i]! : rows[i]! - split);
    const a = this.first.dots(query, mine);
    const b = this.second.dots(query, theirs);
    const out = new Float64Array(rows.length);
    for (let i = 0, x = 0, y = 0; i < rows.length; i++) out[i] = rows[i]! < split ? a[x++]! : b[y++]!;
    return out;
  }

  /** Both tables' rows in one array, copied on the first call and kept (asked for whole-table work: recall, exact scans). */
  flat(): Float32Array {
    if (!this.joined) {
      this.joined = new Float32Array(this.count * this.dimension);
      this.joined.set(this.first.flat());
      this.joined.set(this.second.flat(), this.first.count * this.dimension);
    }
    return this.joined;
  }
}

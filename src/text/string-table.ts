/*
 * Layout, little-endian, every section 4-byte aligned (the caller places the
 * table at a 4-byte aligned offset):
 *   u32 count | u32 slots (a power of two)
 *   | u32 offsets[count + 1] (string i is blob[offsets[i], offsets[i+1]))
 *   | i32 table[slots] (a string's id, or -1 for an empty slot; linear probing on FNV-1a of the UTF-8 bytes)
 *   | blob (the strings' UTF-8 bytes, by id), zero-padded to a multiple of 4
 */
const HEADER = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** A lone surrogate: UTF-8 cannot hold it. */
const ILL_FORMED = /\p{Cs}/u;

function fnv1a(bytes: Uint8Array, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

const padded = (n: number) => (n + 3) & ~3;

/**
 * A list of distinct strings with a ready-made hash table from string to
 * its position, read straight from bytes: looking a string up needs no Map
 * built on load, so a table of millions of strings opens in no time. The
 * tokenizer's vocabulary and the lexical index's terms are both kept so.
 */
export class StringTable {
  private readonly offsets: Uint32Array;
  private readonly table: Int32Array;
  private readonly blob: Uint8Array;
  private scratch = new Uint8Array(256);
  /** Number of strings (ids are 0..size-1). */
  readonly size: number;
  /** Bytes the table takes from the start of the bytes it was read from. */
  readonly byteLength: number;

  /** Reads a table written by {@link StringTable.build} at the start of `bytes` (which must be 4-byte aligned); throws when truncated. */
  constructor(bytes: Uint8Array) {
    if (bytes.byteOffset % 4 !== 0) throw new Error('a string table must start at a 4-byte aligned offset');
    if (bytes.byteLength < HEADER) throw new Error('truncated string table');
    const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
    this.size = header.getUint32(0, true);
    const slots = header.getUint32(4, true);
    const blobAt = HEADER + 4 * (this.size + 1) + 4 * slots;
    if (bytes.byteLength < blobAt || (slots & (slots - 1)) !== 0 || slots < this.size) throw new Error('truncated string table');
    this.offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER, this.size + 1);
    this.table = new Int32Array(bytes.buffer, this.offsets.byteOffset + this.offsets.byteLength, slots);
    const blobLength = this.offsets[this.size]!;
    if (bytes.byteLength < blobAt + blobLength) throw new Error('truncated string table');
    this.blob = bytes.subarray(blobAt, blobAt + blobLength);
    this.byteLength = blobAt + padded(blobLength);
  }

  /** The id of a string exactly as written, or undefined when the table lacks it. */
  id(value: string): number | undefined {
    if (value.length * 3 > this.scratch.length) this.scratch = new Uint8Array(value.length * 3);
    if (ILL_FORMED.test(value)) return undefined;
    const bytes = this.scratch;
    const { written } = encoder.encodeInto(value, bytes);
    const mask = this.table.length - 1;
    if (mask < 0) return undefined;
    for (let slot = fnv1a(bytes, written) & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id < 0) return undefined;
      const start = this.offsets[id]!;
      if (this.offsets[id + 1]! - start !== written) continue;
      let i = 0;
      while (i < written && this.blob[start + i] === bytes[i]) i++;
      if (i === written) return id;
    }
  }

  /** The string of an id. */
  value(id: number): string {
    return decoder.decode(this.blob.subarray(this.offsets[id], this.offsets[id + 1]));
  }

  /**
   * The bytes of a table of `values`, listed by id (deterministic: the same
   * list gives the same bytes; the length is a multiple of 4). Throws on
   * duplicate or ill-formed strings.
   */
  static build(values: readonly string[]): Uint8Array {
    const encoded = values.map((t) => {
      if (ILL_FORMED.test(t)) throw new Error(`${JSON.stringify(t)} is not well-formed Unicode`);
      return encoder.encode(t);
    });
    let slots = 1;
    while (slots < values.length * 2) slots *= 2;
    const blobLength = encoded.reduce((n, e) => n + e.length, 0);
    const out = new Uint8Array(HEADER + 4 * (values.length + 1) + 4 * slots + padded(blobLength));
    const header = new DataView(out.buffer);
    header.setUint32(0, values.length, true);
    header.setUint32(4, slots, true);
    const offsets = new Uint32Array(out.buffer, HEADER, values.length + 1);
    const table = new Int32Array(out.buffer, HEADER + offsets.byteLength, slots).fill(-1);
    const blob = out.subarray(HEADER + offsets.byteLength + table.byteLength);
    let at = 0;
    encoded.forEach((bytes, id) => {
      offsets[id] = at;
      blob.set(bytes, at);
      at += bytes.length;
      let slot = fnv1a(bytes, bytes.length) & (slots - 1);
      while (table[slot]! >= 0) {
        if (values[table[slot]!] === values[id]) throw new Error(`${JSON.stringify(values[id])} is listed twice`);
        slot = (slot + 1) & (slots - 1);
      }
      table[slot] = id;
    });
    offsets[values.length] = at;
    return out;
  }
}

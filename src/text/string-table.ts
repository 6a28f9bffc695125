import { memoryBytes, type ByteSource } from './byte-source.js';

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

/** A table of no strings (one empty slot): `build` is `extend` of it. */
const EMPTY_TABLE = (() => {
  const bytes = new Uint8Array(HEADER + 4 + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, 1, true);
  view.setInt32(HEADER + 4, -1, true);
  return bytes;
})();

function sameBytes(blob: Uint8Array, offsets: Uint32Array, id: number, value: Uint8Array): boolean {
  const start = offsets[id]!;
  if (offsets[id + 1]! - start !== value.length) return false;
  for (let i = 0; i < value.length; i++) if (blob[start + i] !== value[i]) return false;
  return true;
}

/**
 * A list of distinct strings with a ready-made hash table from string to
 * its position, read straight from bytes: looking a string up needs no Map
 * built on load, so a table of millions of strings opens in no time. The
 * tokenizer's vocabulary and the lexical index's terms are both kept so.
 */
export class StringTable {
  private readonly source: ByteSource;
  private readonly offsetsAt: number;
  /** Where the hash table starts (absolute, in the source). */
  private readonly tableAt: number;
  /** Where the blob starts (absolute, in the source). */
  private readonly blobAt: number;
  private readonly mask: number;
  private scratch = new Uint8Array(256);
  /** Number of strings (ids are 0..size-1). */
  readonly size: number;
  /** Bytes the table takes from where it starts. */
  readonly byteLength: number;

  /**
   * Reads a table written by {@link StringTable.build}, starting at `at` of
   * `bytes` (in memory, or a file read on demand); throws when truncated or
   * misaligned. Nothing but the 8-byte header and the last offset is read
   * until a lookup asks.
   */
  constructor(bytes: Uint8Array | ByteSource, at = 0) {
    if (bytes instanceof Uint8Array) {
      if (bytes.byteOffset % 4 !== 0) throw new Error('a string table must start at a 4-byte aligned offset');
      bytes = memoryBytes(bytes);
    }
    if (at % 4 !== 0) throw new Error('a string table must start at a 4-byte aligned offset');
    this.source = bytes;
    try {
      this.size = bytes.u32(at);
      const slots = bytes.u32(at + 4);
      if ((slots & (slots - 1)) !== 0 || slots < this.size) throw new Error('bad slot count');
      this.offsetsAt = at + HEADER;
      this.tableAt = this.offsetsAt + 4 * (this.size + 1);
      this.blobAt = this.tableAt + 4 * slots;
      this.mask = slots - 1;
      const blobLength = bytes.u32(this.offsetsAt + 4 * this.size);
      this.byteLength = this.blobAt - at + padded(blobLength);
      if (this.blobAt + blobLength > bytes.size) throw new Error('blob past the end');
    } catch {
      throw new Error('truncated string table');
    }
  }

  /** The id of a string exactly as written, or undefined when the table lacks it. */
  id(value: string): number | undefined {
    if (value.length * 3 > this.scratch.length) this.scratch = new Uint8Array(value.length * 3);
    if (ILL_FORMED.test(value)) return undefined;
    const bytes = this.scratch;
    const { written } = encoder.encodeInto(value, bytes);
    const { source, mask } = this;
    for (let slot = fnv1a(bytes, written) & mask; ; slot = (slot + 1) & mask) {
      const id = source.u32(this.tableAt + 4 * slot) | 0;
      if (id < 0) return undefined;
      const start = source.u32(this.offsetsAt + 4 * id);
      if (source.u32(this.offsetsAt + 4 * id + 4) - start !== written) continue;
      const stored = source.bytes(this.blobAt + start, written);
      let i = 0;
      while (i < written && stored[i] === bytes[i]) i++;
      if (i === written) return id;
    }
  }

  /** The string of an id. */
  value(id: number): string {
    const start = this.source.u32(this.offsetsAt + 4 * id);
    return decoder.decode(this.source.bytes(this.blobAt + start, this.source.u32(this.offsetsAt + 4 * id + 4) - start));
  }

  /**
   * The bytes of the table in `bytes` (as {@link StringTable.build} wrote it)
   * with `more` strings appended after its own (ids unchanged), rehashing the
   * stored bytes without decoding them. Throws when one of `more` is already
   * there or listed twice.
   */
  static extend(bytes: Uint8Array, more: readonly string[]): Uint8Array {
    const old = new StringTable(bytes);
    const oldOffsets = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER, old.size + 1);
    const oldBlob = bytes.subarray(old.blobAt, old.blobAt + oldOffsets[old.size]!);
    const encoded = more.map((t) => {
      if (ILL_FORMED.test(t)) throw new Error(`${JSON.stringify(t)} is not well-formed Unicode`);
      if (old.id(t) !== undefined) throw new Error(`${JSON.stringify(t)} is listed twice`);
      return encoder.encode(t);
    });
    const count = old.size + more.length;
    const oldSlots = old.mask + 1;
    let slots = oldSlots;
    while (slots < count * 2) slots *= 2;
    const blobLength = oldBlob.length + encoded.reduce((n, e) => n + e.length, 0);
    const out = new Uint8Array(HEADER + 4 * (count + 1) + 4 * slots + padded(blobLength));
    const header = new DataView(out.buffer);
    header.setUint32(0, count, true);
    header.setUint32(4, slots, true);
    const offsets = new Uint32Array(out.buffer, HEADER, count + 1);
    const table = new Int32Array(out.buffer, HEADER + offsets.byteLength, slots);
    const blob = out.subarray(HEADER + offsets.byteLength + table.byteLength);
    offsets.set(oldOffsets);
    blob.set(oldBlob);
    let at = oldBlob.length;
    encoded.forEach((e, i) => {
      blob.set(e, at);
      at += e.length;
      offsets[old.size + i + 1] = at;
    });
    // Same slot count: the old hash table stays valid, only the new strings go in; more slots: every string is placed again.
    let first = old.size;
    if (slots === oldSlots) table.set(new Int32Array(bytes.buffer, bytes.byteOffset + old.tableAt, slots));
    else {
      table.fill(-1);
      first = 0;
    }
    for (let id = first; id < count; id++) {
      const start = offsets[id]!;
      const value = blob.subarray(start, offsets[id + 1]!);
      let slot = fnv1a(value, value.length) & (slots - 1);
      while (table[slot]! >= 0) {
        if (id >= old.size && sameBytes(blob, offsets, table[slot]!, value)) throw new Error(`${JSON.stringify(more[id - old.size])} is listed twice`);
        slot = (slot + 1) & (slots - 1);
      }
      table[slot] = id;
    }
    return out;
  }

  /**
   * The bytes of a table of `values`, listed by id (deterministic: the same
   * list gives the same bytes; the length is a multiple of 4). Throws on
   * duplicate or ill-formed strings.
   */
  static build(values: readonly string[]): Uint8Array {
    return StringTable.extend(EMPTY_TABLE, values);
  }
}

import { memoryBytes, type ByteSource } from '../text/byte-source.js';

/*
 * A pack file: named typed-array sections behind a small JSON header, so
 * numbers are read as views (no JSON parsing of data) and a section can be
 * read on its own from disk.
 *   "DLPACK01" | u32 header bytes | u32 0 | header JSON, zero-padded to 8
 *   | sections, each starting at a multiple of 8
 * Header: { meta, sections: { name: { type, offset, length } } } (offset in
 * bytes from the file's start, length in elements).
 */
const MAGIC = 'DLPACK01';
const PREFIX = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Element types a section can hold. */
export type SectionArray = Uint8Array | Int8Array | Uint32Array | Int32Array | Float32Array;
type SectionType = 'u8' | 'i8' | 'u32' | 'i32' | 'f32';

const TYPES: Record<SectionType, { bytes: number; make: (buffer: ArrayBufferLike, offset: number, length: number) => SectionArray }> = {
  u8: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  i8: { bytes: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  u32: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  i32: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  f32: { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
};

function typeOf(array: SectionArray): SectionType {
  if (array instanceof Uint8Array) return 'u8';
  if (array instanceof Int8Array) return 'i8';
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Int32Array) return 'i32';
  return 'f32';
}

/** Where a section lies: byte offset from the file's start, element type and count. */
export interface SectionInfo {
  type: SectionType;
  offset: number;
  length: number;
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * The pieces of a pack file holding `meta` and `sections`, to be written one
 * after another (nothing is copied into one big buffer).
 */
export function packParts(meta: unknown, sections: Record<string, SectionArray>): Uint8Array[] {
  const infos: Record<string, SectionInfo> = {};
  const entries = Object.entries(sections);
  const headerFor = (start: number) => {
    let at = start;
    for (const [name, array] of entries) {
      infos[name] = { type: typeOf(array), offset: at, length: array.length };
      at = pad8(at + array.byteLength);
    }
    return encoder.encode(JSON.stringify({ meta, sections: infos }));
  };
  // Offsets depend on the header's length, which depends on the offsets' digits: settle it.
  let header = headerFor(0);
  for (let i = 0; i < 4; i++) header = headerFor(PREFIX + pad8(header.length));
  const start = PREFIX + pad8(header.length);
  if (headerFor(start).length !== header.length) throw new Error('pack header did not settle');
  const prefix = new Uint8Array(start);
  prefix.set(encoder.encode(MAGIC));
  new DataView(prefix.buffer).setUint32(8, header.length, true);
  prefix.set(header, PREFIX);
  const parts: Uint8Array[] = [prefix];
  let at = start;
  for (const [, array] of entries) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    parts.push(bytes);
    at += bytes.byteLength;
    if (pad8(at) > at) parts.push(new Uint8Array(pad8(at) - at));
    at = pad8(at);
  }
  return parts;
}

/** The bytes of a whole pack (for tests and small packs). */
export function packBytes(meta: unknown, sections: Record<string, SectionArray>): Uint8Array {
  const parts = packParts(meta, sections);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** A pack file read through a {@link ByteSource}: its meta at once, each section when asked. */
export class Pack {
  private constructor(
    readonly source: ByteSource,
    readonly meta: unknown,
    private readonly sections: Record<string, SectionInfo>,
  ) {}

  /** Reads the header; throws on a file of another kind or a section outside the file. */
  static read(source: ByteSource | Uint8Array): Pack {
    const bytes = source instanceof Uint8Array ? memoryBytes(source) : source;
    if (bytes.size < PREFIX || decoder.decode(bytes.bytes(0, 8)) !== MAGIC) throw new Error('not a Dateline pack file');
    const length = bytes.u32(8);
    const header = JSON.parse(decoder.decode(bytes.bytes(PREFIX, length))) as { meta: unknown; sections: Record<string, SectionInfo> };
    for (const [name, s] of Object.entries(header.sections)) {
      const type = TYPES[s.type];
      if (!type || s.offset % 8 !== 0 || s.offset + s.length * type.bytes > bytes.size) throw new Error(`section ${name} lies outside the file (truncated?)`);
    }
    return new Pack(bytes, header.meta, header.sections);
  }

  /** Where section `name` lies; throws when the pack lacks it. */
  info(name: string): SectionInfo {
    const s = this.sections[name];
    if (!s) throw new Error(`the pack has no section ${name}`);
    return s;
  }

  /** Whether the pack holds section `name`. */
  has(name: string): boolean {
    return name in this.sections;
  }

  /** Section `name` as an array of its type (a view when the pack is in memory, a copy read from disk otherwise). */
  array(name: string): SectionArray {
    return this.slice(name, 0, this.info(name).length);
  }

  /** Elements `start` to `start + length` of section `name` (only those bytes are read from disk). */
  slice(name: string, start: number, length: number): SectionArray {
    const s = this.info(name);
    if (start < 0 || length < 0 || start + length > s.length) throw new Error(`elements ${start}–${start + length} lie outside section ${name} (${s.length})`);
    const type = TYPES[s.type];
    const bytes = this.source.bytes(s.offset + start * type.bytes, length * type.bytes);
    return type.make(bytes.buffer, bytes.byteOffset, length);
  }

  /** Section `name`, checked to be of the given type. */
  u8(name: string): Uint8Array {
    return this.typed(name, 'u8') as Uint8Array;
  }
  i8(name: string): Int8Array {
    return this.typed(name, 'i8') as Int8Array;
  }
  u32(name: string): Uint32Array {
    return this.typed(name, 'u32') as Uint32Array;
  }
  i32(name: string): Int32Array {
    return this.typed(name, 'i32') as Int32Array;
  }
  f32(name: string): Float32Array {
    return this.typed(name, 'f32') as Float32Array;
  }

  private typed(name: string, type: SectionType): SectionArray {
    const s = this.info(name);
    if (s.type !== type) throw new Error(`section ${name} holds ${s.type}, not ${type}`);
    return this.array(name);
  }
}

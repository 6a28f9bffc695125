/**
 * File name of the precomputed vocabulary beside a model's `tokenizer.json`
 * (written by scripts/build-tokenizer-vocab.ts): the tokens and a ready-made
 * hash table from token to id, so that loading it is one file read with no
 * parsing — instead of parsing the 2.9 MB `tokenizer.json` and filling a
 * 120k-entry Map on every start (issue #16).
 */
export const VOCAB_FILE = 'vocab.bin';

/*
 * Layout, little-endian, every section 4-byte aligned:
 *   "DLVOCAB1" | u32 count | u32 slots (a power of two)
 *   | u32 offsets[count + 1] (token i is blob[offsets[i], offsets[i+1]))
 *   | i32 table[slots] (a token id, or -1 for an empty slot; linear probing on FNV-1a of the UTF-8 bytes)
 *   | blob (the tokens' UTF-8 bytes, by id)
 */
const MAGIC = 'DLVOCAB1';
const HEADER = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** A lone surrogate: UTF-8 cannot hold it. */
const ILL_FORMED = /\p{Cs}/u;

function fnv1a(bytes: Uint8Array, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** A vocabulary read from its {@link VOCAB_FILE} bytes: token ↔ id without building a Map. */
export class VocabTable {
  private readonly offsets: Uint32Array;
  private readonly table: Int32Array;
  private readonly blob: Uint8Array;
  private scratch = new Uint8Array(256);
  /** Number of tokens (ids are 0..size-1). */
  readonly size: number;

  /** Reads the bytes of a {@link VOCAB_FILE}; throws on a file of another format. */
  constructor(bytes: Uint8Array) {
    if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
    if (decoder.decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error(`not a ${VOCAB_FILE} file`);
    const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
    this.size = header.getUint32(8, true);
    const slots = header.getUint32(12, true);
    this.offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER, this.size + 1);
    this.table = new Int32Array(bytes.buffer, this.offsets.byteOffset + this.offsets.byteLength, slots);
    this.blob = bytes.subarray(this.table.byteOffset + this.table.byteLength - bytes.byteOffset);
    if (this.blob.length !== this.offsets[this.size]) throw new Error(`truncated ${VOCAB_FILE} file`);
  }

  /** The id of a token exactly as written, or undefined when the vocabulary lacks it. */
  id(token: string): number | undefined {
    if (token.length * 3 > this.scratch.length) this.scratch = new Uint8Array(token.length * 3);
    if (ILL_FORMED.test(token)) return undefined;
    const bytes = this.scratch;
    const { written } = encoder.encodeInto(token, bytes);
    const mask = this.table.length - 1;
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

  /** The token of an id. */
  token(id: number): string {
    return decoder.decode(this.blob.subarray(this.offsets[id], this.offsets[id + 1]));
  }

  /**
   * The {@link VOCAB_FILE} bytes of tokens listed by id (deterministic: the
   * same list gives the same bytes). Throws on duplicate or ill-formed tokens.
   */
  static build(tokens: readonly string[]): Uint8Array {
    const encoded = tokens.map((t) => {
      if (ILL_FORMED.test(t)) throw new Error(`token ${JSON.stringify(t)} is not well-formed Unicode`);
      return encoder.encode(t);
    });
    let slots = 1;
    while (slots < tokens.length * 2) slots *= 2;
    const blobLength = encoded.reduce((n, e) => n + e.length, 0);
    const out = new Uint8Array(HEADER + 4 * (tokens.length + 1) + 4 * slots + blobLength);
    out.set(encoder.encode(MAGIC));
    const header = new DataView(out.buffer);
    header.setUint32(8, tokens.length, true);
    header.setUint32(12, slots, true);
    const offsets = new Uint32Array(out.buffer, HEADER, tokens.length + 1);
    const table = new Int32Array(out.buffer, HEADER + offsets.byteLength, slots).fill(-1);
    const blob = out.subarray(HEADER + offsets.byteLength + table.byteLength);
    let at = 0;
    encoded.forEach((bytes, id) => {
      offsets[id] = at;
      blob.set(bytes, at);
      at += bytes.length;
      let slot = fnv1a(bytes, bytes.length) & (slots - 1);
      while (table[slot]! >= 0) {
        if (tokens[table[slot]!] === tokens[id]) throw new Error(`token ${JSON.stringify(tokens[id])} is listed twice`);
        slot = (slot + 1) & (slots - 1);
      }
      table[slot] = id;
    });
    offsets[tokens.length] = at;
    return out;
  }
}

/**
 * The tokens of a `tokenizer.json` (its `model.vocab` and `added_tokens`)
 * listed by id. Throws when the ids are not exactly 0..n-1.
 */
export function vocabularyOf(tokenizerJson: { model: { vocab: Record<string, number> }; added_tokens?: { id: number; content: string }[] }): string[] {
  const byId: string[] = [];
  const entries = [...Object.entries(tokenizerJson.model.vocab), ...(tokenizerJson.added_tokens ?? []).map((t) => [t.content, t.id] as const)];
  for (const [token, id] of entries) {
    if (!Number.isInteger(id) || id < 0) throw new Error(`token ${JSON.stringify(token)} has id ${id}`);
    if (byId[id] !== undefined && byId[id] !== token) throw new Error(`id ${id} is both ${JSON.stringify(byId[id])} and ${JSON.stringify(token)}`);
    byId[id] = token;
  }
  for (let id = 0; id < byId.length; id++) if (byId[id] === undefined) throw new Error(`no token has id ${id}`);
  return byId;
}

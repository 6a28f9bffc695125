import { StringTable } from '../text/string-table.js';

/**
 * File name of the precomputed vocabulary beside a model's `tokenizer.json`
 * (written by scripts/build-tokenizer-vocab.ts): the tokens and a ready-made
 * hash table from token to id, so that loading it is one file read with no
 * parsing — instead of parsing the 2.9 MB `tokenizer.json` and filling a
 * 120k-entry Map on every start (issue #16).
 */
export const VOCAB_FILE = 'vocab.bin';

/*
 * Layout: "DLVOCAB1", then a {@link StringTable} of the tokens by id.
 */
const MAGIC = 'DLVOCAB1';
const decoder = new TextDecoder();

/** A vocabulary read from its {@link VOCAB_FILE} bytes: token ↔ id without building a Map. */
export class VocabTable {
  private readonly strings: StringTable;

  /** Reads the bytes of a {@link VOCAB_FILE}; throws on a file of another format. */
  constructor(bytes: Uint8Array) {
    if (decoder.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error(`not a ${VOCAB_FILE} file`);
    let table = bytes.subarray(MAGIC.length);
    if (table.byteOffset % 4 !== 0) table = table.slice();
    try {
      this.strings = new StringTable(table);
    } catch {
      throw new Error(`truncated ${VOCAB_FILE} file`);
    }
  }

  /** Number of tokens (ids are 0..size-1). */
  get size(): number {
    return this.strings.size;
  }

  /** The id of a token exactly as written, or undefined when the vocabulary lacks it. */
  id(token: string): number | undefined {
    return this.strings.id(token);
  }

  /** The token of an id. */
  token(id: number): string {
    return this.strings.value(id);
  }

  /**
   * The {@link VOCAB_FILE} bytes of tokens listed by id (deterministic: the
   * same list gives the same bytes). Throws on duplicate or ill-formed tokens.
   */
  static build(tokens: readonly string[]): Uint8Array {
    const table = StringTable.build(tokens);
    const out = new Uint8Array(MAGIC.length + table.length);
    out.set(new TextEncoder().encode(MAGIC));
    out.set(table, MAGIC.length);
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

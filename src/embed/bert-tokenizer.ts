/**
 * A TypeScript copy of exactly the tokenizer the bundled model declares in its
 * `tokenizer.json` — BertNormalizer (clean text, CJK spacing, lower case,
 * accents stripped), BertPreTokenizer, WordPiece (`##` continuations, words
 * over 100 characters unknown), `[CLS] A [SEP]` template, special tokens kept
 * whole, right padding and truncation to `model_max_length` — reproducing
 * transformers.js 2.17's behaviour character for character (its regular
 * expressions included), so ids match its tokenizer's on every input.
 * tests/embed/bert-tokenizer.test.ts checks that against transformers.js and
 * that `tokenizer.json` still declares these parts.
 */

/** Punctuation as transformers.js's BertPreTokenizer defines it: Unicode P* plus all ASCII symbols. */
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const WORDS = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
/** transformers.js's control-character test, its operator precedence included. */
const CONTROL = /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u;
const WHITESPACE = /^\s$/;
const ACCENTS = /[\u0300-\u036f]/g;

/** Settings of the tokenizer, from the model's `tokenizer_config.json`. */
export interface BertTokenizerConfig {
  /** Longest sequence, special tokens included; longer ones are cut (their `[SEP]` too, as transformers.js does). */
  modelMaxLength: number;
  padToken: string;
  unkToken: string;
  clsToken: string;
  sepToken: string;
  /** Tokens matched in the raw text before normalisation and kept whole. Default: the four above. */
  specialTokens?: readonly string[];
  /** WordPiece continuation prefix. Default `##`. */
  continuingSubwordPrefix?: string;
  /** Words with more characters are one unknown token. Default 100. */
  maxInputCharsPerWord?: number;
}

/** Token → id: the bundled model's `VocabTable`, or any other vocabulary. */
export interface TokenIds {
  /** The id of a token exactly as written, or undefined when the vocabulary lacks it. */
  id(token: string): number | undefined;
}

/** A batch as the model takes it: `[batch, sequence]` int64 ids and mask, row-major. */
export interface EncodedBatch {
  dims: [number, number];
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
}

function isChinese(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** BertNormalizer with clean_text, handle_chinese_chars and lowercase on, strip_accents unset (so on). */
export function normalize(text: string): string {
  let cleaned = '';
  for (const char of text) {
    const cp = char.charCodeAt(0);
    if (cp === 0 || cp === 0xfffd || (char !== '\t' && char !== '\n' && char !== '\r' && CONTROL.test(char))) continue;
    cleaned += WHITESPACE.test(char) ? ' ' : char;
  }
  let spaced = '';
  for (let i = 0; i < cleaned.length; i++) {
    const unit = cleaned[i]!;
    spaced += isChinese(unit.charCodeAt(0)) ? ` ${unit} ` : unit;
  }
  return spaced.toLowerCase().normalize('NFD').replace(ACCENTS, '');
}

/** BertPreTokenizer: whitespace-separated words, each punctuation character a word of its own. */
export function preTokenize(text: string): string[] {
  return text.trim().match(WORDS) ?? [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The bundled model's tokenizer over its vocabulary. */
export class BertTokenizer {
  private readonly special: ReadonlySet<string>;
  private readonly specialSplit: RegExp;
  private readonly prefix: string;
  private readonly maxChars: number;
  readonly padId: number;
  readonly unkId: number;
  readonly clsId: number;
  readonly sepId: number;

  constructor(
    private readonly vocabulary: TokenIds,
    readonly config: BertTokenizerConfig,
  ) {
    const special = config.specialTokens ?? [config.padToken, config.unkToken, config.clsToken, config.sepToken];
    this.special = new Set(special);
    this.specialSplit = new RegExp(special.map((t) => `(${escapeRegExp(t)})`).join('|'));
    this.prefix = config.continuingSubwordPrefix ?? '##';
    this.maxChars = config.maxInputCharsPerWord ?? 100;
    const need = (token: string) => {
      const id = vocabulary.id(token);
      if (id === undefined) throw new Error(`special token ${token} is not in the vocabulary`);
      return id;
    };
    this.padId = need(config.padToken);
    this.unkId = need(config.unkToken);
    this.clsId = need(config.clsToken);
    this.sepId = need(config.sepToken);
  }

  /** Id of a token exactly as written (no normalisation), or undefined when the vocabulary lacks it. */
  idOf(token: string): number | undefined {
    return this.vocabulary.id(token);
  }

  /** Ids of one text, `[CLS]` and `[SEP]` included, before truncation. */
  encode(text: string): number[] {
    const out = [this.clsId];
    const sections = this.special.size > 0 ? text.split(this.specialSplit).filter((x) => x) : [text];
    for (const section of sections) {
      if (this.special.has(section)) out.push(this.vocabulary.id(section) ?? this.unkId);
      else {
        const normalized = normalize(section);
        if (normalized.length > 0) for (const word of preTokenize(normalized)) this.wordPiece(word, out);
      }
    }
    out.push(this.sepId);
    return out;
  }

  /**
   * Texts as one batch, as transformers.js's `tokenizer(texts, {padding: true,
   * truncation: true})`: every row padded with `[PAD]` (mask 0) to the longest,
   * at most `modelMaxLength`, longer rows cut there.
   */
  encodeBatch(texts: readonly string[]): EncodedBatch {
    if (texts.length === 0) throw new Error('text array must be non-empty');
    const rows = texts.map((t) => this.encode(t));
    const seq = Math.min(Math.max(...rows.map((r) => r.length)), this.config.modelMaxLength);
    const inputIds = new BigInt64Array(rows.length * seq).fill(BigInt(this.padId));
    const attentionMask = new BigInt64Array(rows.length * seq);
    rows.forEach((row, r) => {
      const n = Math.min(row.length, seq);
      for (let j = 0; j < n; j++) {
        inputIds[r * seq + j] = BigInt(row[j]!);
        attentionMask[r * seq + j] = 1n;
      }
    });
    return { dims: [rows.length, seq], inputIds, attentionMask };
  }

  private wordPiece(word: string, out: number[]): void {
    const chars = [...word];
    if (chars.length > this.maxChars) {
      out.push(this.unkId);
      return;
    }
    const pieces: number[] = [];
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      let id: number | undefined;
      for (; start < end; end--) {
        const piece = chars.slice(start, end).join('');
        id = this.vocabulary.id(start > 0 ? this.prefix + piece : piece);
        if (id !== undefined) break;
      }
      if (id === undefined) {
        out.push(this.unkId);
        return;
      }
      pieces.push(id);
      start = end;
    }
    out.push(...pieces);
  }
}

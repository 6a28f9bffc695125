import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreTrainedTokenizer } from '@xenova/transformers';
import { BertTokenizer } from '../../src/embed/bert-tokenizer.js';
import { loadBundledTokenizer } from '../../src/embed/bundled-embedder.js';
import { VOCAB_FILE, VocabTable, vocabularyOf } from '../../src/embed/vocab-table.js';
import { splitSentences } from '../../src/text/sentences.js';
import { seedText } from '../support/fixtures.js';
import { BUNDLED_DIR, longText, referenceTokenizer, TRICKY_INPUTS } from './reference-tokenizer.js';

const tokenizerJson = JSON.parse(fs.readFileSync(path.join(BUNDLED_DIR, 'tokenizer.json'), 'utf8'));
let reference: PreTrainedTokenizer;
let fast: BertTokenizer;

beforeAll(async () => {
  reference = await referenceTokenizer();
  fast = loadBundledTokenizer(BUNDLED_DIR);
}, 60_000);

/** Both tokenizers' batch encodings of `texts`, as plain arrays. */
function both(texts: string[]) {
  const r = reference(texts, { padding: true, truncation: true });
  const f = fast.encodeBatch(texts);
  return {
    reference: { dims: r.input_ids.dims, ids: [...(r.input_ids.data as BigInt64Array)], mask: [...(r.attention_mask.data as BigInt64Array)] },
    fast: { dims: f.dims, ids: [...f.inputIds], mask: [...f.attentionMask] },
  };
}

describe('the bundled model declares the tokenizer the fast path implements', () => {
  it('tokenizer.json: BertNormalizer, BertPreTokenizer, whole-word WordPiece, [CLS] A [SEP], four special tokens', () => {
    expect(tokenizerJson.normalizer).toEqual({ type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true });
    expect(tokenizerJson.pre_tokenizer).toEqual({ type: 'BertPreTokenizer' });
    expect({ ...tokenizerJson.model, vocab: undefined }).toEqual({ type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: undefined });
    expect(tokenizerJson.post_processor.type).toBe('TemplateProcessing');
    expect(tokenizerJson.post_processor.single).toEqual([{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }]);
    expect(tokenizerJson.added_tokens.map((t: { content: string; lstrip: boolean; rstrip: boolean }) => [t.content, t.lstrip, t.rstrip])).toEqual(
      ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((t) => [t, false, false]),
    );
    expect([tokenizerJson.truncation, tokenizerJson.padding]).toEqual([null, null]);
  });

  it(`${VOCAB_FILE} is tokenizer.json's vocabulary, byte for byte as the script writes it (regenerate it with npm run model:vocab)`, () => {
    const file = new Uint8Array(fs.readFileSync(path.join(BUNDLED_DIR, VOCAB_FILE)));
    expect(Buffer.compare(file, VocabTable.build(vocabularyOf(tokenizerJson)))).toBe(0);
  });
});

describe('fast tokenizer = transformers.js tokenizer', { timeout: 120_000 }, () => {
  it('on every vocabulary word as input, one by one and in padded batches', () => {
    const words = vocabularyOf(tokenizerJson);
    const mismatches: string[] = [];
    for (const word of words) {
      if (JSON.stringify(reference.encode(word)) !== JSON.stringify(fast.encode(word))) mismatches.push(word);
    }
    expect(mismatches).toEqual([]);
    for (let i = 0; i < words.length; i += 4000) {
      const { reference: r, fast: f } = both(words.slice(i, i + 4000));
      expect(f).toEqual(r);
    }
  });

  it('on the seed story: each sentence, each paragraph, the whole text, and all sentences as one padded batch', async () => {
    const story = await seedText();
    const sentences = splitSentences(story).map((s) => story.slice(s.start, s.end));
    const paragraphs = story.split(/\n\s*\n/);
    expect(sentences.length).toBeGreaterThan(20);
    for (const text of [...sentences, ...paragraphs, story]) expect(fast.encode(text)).toEqual(reference.encode(text));
    const { reference: r, fast: f } = both(sentences);
    expect(f).toEqual(r);
  });

  it('on tricky inputs: punctuation, unicode, accents, numbers, control characters, special tokens, empty text', () => {
    for (const text of TRICKY_INPUTS) expect({ text, ids: fast.encode(text) }).toEqual({ text, ids: reference.encode(text) });
    const { reference: r, fast: f } = both([...TRICKY_INPUTS]);
    expect(f).toEqual(r);
  });

  it('truncates past model_max_length as the pipeline does (padding: true, truncation: true)', () => {
    const long = longText(5000);
    const { reference: r, fast: f } = both([long, 'short text', longText(4095), longText(4094)]);
    expect(f.dims).toEqual([4, 4096]);
    expect(f).toEqual(r);
    const shorter = both([longText(3000), 'x']);
    expect(shorter.fast).toEqual(shorter.reference);
  });
});

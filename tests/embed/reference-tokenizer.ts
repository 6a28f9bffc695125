import path from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@xenova/transformers';
import { BUNDLED_MODEL_ID } from '../../src/embed/bundled-model.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The bundled model's folder. */
export const BUNDLED_DIR = path.join(PROJECT_ROOT, 'embeddings', 'models', BUNDLED_MODEL_ID);

let reference: Promise<PreTrainedTokenizer> | undefined;

/** transformers.js's own tokenizer for the bundled model, the reference the fast one must match. */
export function referenceTokenizer(): Promise<PreTrainedTokenizer> {
  env.localModelPath = path.join(PROJECT_ROOT, 'embeddings', 'models') + path.sep;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  reference ??= AutoTokenizer.from_pretrained(BUNDLED_MODEL_ID);
  return reference;
}

/** Inputs that stress normalisation, pre-tokenisation, WordPiece and truncation. */
export const TRICKY_INPUTS: readonly string[] = [
  '',
  ' ',
  '\t\n\r ',
  'Hello, World!',
  "Kerry's \"talks\" (in Paris) -- were 'constructive'...",
  'U.S.-Russia talks; 3.5% up, $1,000,000 at 10:30 a.m. on 2014-03-30 #tag @user ~x^y',
  'Café naïve résumé Zürich São Paulo Ångström façade coöperate',
  'ÉCOLE NORMALE SUPÉRIEURE İstanbul ß ẞ ﬁ ǅ Σίσυφος',
  'Москва Київ Ελλάδα العربية עברית हिन्दी',
  '北京 and 東京 meet 서울 and ｶﾀｶﾅ and 𠀀𠀁 astral CJK',
  'emoji 😀👍🏽 🇺🇸 and ZWJ 👨‍👩‍👧 and zero\u200bwidth and soft\u00adhyphen',
  'control\u0000chars\u0007and\uFFFDreplacement\u001b[0m',
  'lone \uD800 surrogate and \uDC00 low',
  'non\u00a0breaking\u2003em\u2028line\u3000ideographic spaces',
  '“curly” ‘quotes’ — dashes – and… ellipsis € £ ¥',
  '[CLS] [SEP] [PAD] [UNK] [cls] [MASK] x[SEP]y [[CLS]]',
  'the the the',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  `${'a'.repeat(100)} ${'b'.repeat(101)} ${'é'.repeat(101)}`,
  '1 12 123 1234 12345 3.14159 1e10 0x1F 1/2 ½ ² ①',
  'e\u0301 combining acute, n\u0303, a\u030a, K (Kelvin sign), Å (angstrom sign)',
  'tab\tseparated\nnew\r\nlines',
];

/** A text of more than `tokens` words, past the tokenizer's `model_max_length`. */
export function longText(tokens: number): string {
  return Array.from({ length: tokens }, (_, i) => ['minister', 'talks', 'Paris', ',', 'Ukraine', '.', 'sanctions'][i % 7]).join(' ');
}

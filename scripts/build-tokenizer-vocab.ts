/**
 * Writes the bundled model's `vocab.bin` (its tokens and a token → id hash table)
 * from its `tokenizer.json`, so `dateline` can tokenize without parsing that
 * 2.9 MB JSON on every start (issue #16), and the rarity list's
 * `word-ranks.bin` from `word-ranks.txt` for the same reason. Run after
 * `npm run model:build` with `npm run model:vocab`; tests/embed and tests/text
 * fail while a table and its source disagree.
 * Usage: `node dist/scripts/build-tokenizer-vocab.js [modelFolder]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLED_MODEL_ID } from '../src/embed/bundled-model.js';
import { VOCAB_FILE, VocabTable, vocabularyOf } from '../src/embed/vocab-table.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { listedWords, WORD_LIST, WORD_TABLE } from '../src/text/rarity.js';
import { StringTable } from '../src/text/string-table.js';

const folder = process.argv[2] ?? path.join(PROJECT_ROOT, 'embeddings', 'models', BUNDLED_MODEL_ID);
const tokens = vocabularyOf(JSON.parse(fs.readFileSync(path.join(folder, 'tokenizer.json'), 'utf8')));
fs.writeFileSync(path.join(folder, VOCAB_FILE), VocabTable.build(tokens));
process.stdout.write(`${path.join(folder, VOCAB_FILE)}: ${tokens.length} tokens\n`);
const words = listedWords(fs.readFileSync(WORD_LIST, 'utf8'));
fs.writeFileSync(WORD_TABLE, StringTable.build(words));
process.stdout.write(`${WORD_TABLE}: ${words.length} words\n`);

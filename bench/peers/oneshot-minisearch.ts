/**
 * Bench-only entry: a one-off question to a saved MiniSearch store, as a
 * fresh process (`node dist/bench/peers/oneshot-minisearch.js <store dir>
 * "<question>"`). Prints the top 3 sentences as one JSON line.
 */
import { loadMiniSearch, searchSentences } from './minisearch-store.js';

const [storeDir, question] = process.argv.slice(2);
if (!storeDir || !question) throw new Error('usage: oneshot-minisearch <store dir> <question>');
const passages = searchSentences(await loadMiniSearch(storeDir), question);
process.stdout.write(`${JSON.stringify({ passages })}\n`);

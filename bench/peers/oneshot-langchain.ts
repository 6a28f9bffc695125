/**
 * Bench-only entry: a one-off question to a saved LangChain HNSWLib store,
 * as a fresh process (`node dist/bench/peers/oneshot-langchain.js <store dir>
 * <models dir> <model id> "<question>"`): loads the model Dateline uses, then
 * the store, then answers. Prints the top 3 chunks as one JSON line.
 */
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { DatelineEmbeddings, loadLangChainStore, searchChunks } from './langchain-store.js';

const [storeDir, modelsDir, modelId, question] = process.argv.slice(2);
if (!storeDir || !modelsDir || !modelId || !question) throw new Error('usage: oneshot-langchain <store dir> <models dir> <model id> <question>');
const embeddings = new DatelineEmbeddings(await loadTransformersEmbedder({ modelId, modelsDir }));
const passages = await searchChunks(await loadLangChainStore(storeDir, embeddings), question);
process.stdout.write(`${JSON.stringify({ passages })}\n`);

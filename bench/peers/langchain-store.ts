import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Embedder } from '../../src/embed/embedder.js';
import type { StoryText } from './story-texts.js';

/** Characters per chunk: the fixed size issue #16 asks the LangChain peer to use. */
export const CHUNK_SIZE = 500;
/** Characters shared by neighbouring chunks: a fifth of the chunk, the ratio of LangChain's own defaults (1,000 / 200). */
export const CHUNK_OVERLAP = 100;

/**
 * A LangChain `Embeddings` over Dateline's {@link Embedder}, so the store
 * embeds with exactly the model and vectors Dateline uses (the bundled
 * model by default, loaded by `loadTransformersEmbedder`).
 */
export class DatelineEmbeddings extends Embeddings {
  constructor(
    private readonly embedder: Embedder,
    params: EmbeddingsParams = {},
  ) {
    super(params);
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return (await this.embedder.embed(documents)).map((v) => Array.from(v));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return (await this.embedDocuments([document]))[0]!;
  }
}

/** LangChain's recursive splitter (paragraphs, then lines, then words) at {@link CHUNK_SIZE} / {@link CHUNK_OVERLAP}. */
export function chunkSplitter(): RecursiveCharacterTextSplitter {
  return new RecursiveCharacterTextSplitter({ chunkSize: CHUNK_SIZE, chunkOverlap: CHUNK_OVERLAP });
}

/** Splits `stories` into chunks and indexes them in LangChain's HNSWLib store (its defaults: cosine space, hnswlib's M, efConstruction and ef). */
export async function buildLangChainStore(stories: readonly StoryText[], embeddings: Embeddings): Promise<HNSWLib> {
  const docs = await chunkSplitter().createDocuments(
    stories.map((s) => s.text),
    stories.map((s) => ({ source: s.file })),
  );
  return HNSWLib.fromDocuments(docs, embeddings);
}

/** The `k` chunks nearest to `question` (`similaritySearch`), best first. */
export async function searchChunks(store: HNSWLib, question: string, k = 3): Promise<string[]> {
  return (await store.similaritySearch(question, k)).map((d) => d.pageContent);
}

/** Reads a store saved with `store.save(dir)`. */
export function loadLangChainStore(storeDir: string, embeddings: Embeddings): Promise<HNSWLib> {
  return HNSWLib.load(storeDir, embeddings);
}

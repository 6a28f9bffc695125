import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Embedder } from '../../src/embed/embedder.js';
import { benchScript } from '../child-process.js';
import { peerResult, type Contestant } from './contestant.js';
import { buildLangChainStore, CHUNK_OVERLAP, CHUNK_SIZE, DatelineEmbeddings, searchChunks } from './langchain-store.js';
import { readStoryTexts } from './story-texts.js';

/** Where the model the LangChain peer embeds with is (the same one Dateline loads). */
export interface ModelLocation {
  modelId: string;
  modelsDir: string;
}

/**
 * The LangChain peer: the stories in 500-character chunks, embedded with
 * Dateline's own model and indexed in LangChain's HNSWLib store, saved in
 * `storeDir`; an answer is the 3 nearest chunks.
 */
export function langchainPeer(storeDir: string, embedder: Embedder, model: ModelLocation, env: NodeJS.ProcessEnv): Contestant {
  const embeddings = new DatelineEmbeddings(embedder);
  let store: HNSWLib | undefined;
  return {
    name: 'langchain-hnswlib',
    description: `LangChain: RecursiveCharacterTextSplitter (${CHUNK_SIZE} characters, overlap ${CHUNK_OVERLAP}) over each story, embedded with ${model.modelId} (the model Dateline uses) through a LangChain Embeddings class, in @langchain/community's HNSWLib store (defaults: cosine, hnswlib's ef 10); saved with store.save, loaded with HNSWLib.load; answer = similaritySearch top 3 chunks`,
    async build(seedsDir) {
      store = await buildLangChainStore(await readStoryTexts(seedsDir), embeddings);
      await store.save(storeDir);
    },
    async ask(question) {
      if (!store) throw new Error('langchain-hnswlib: build first');
      return peerResult(await searchChunks(store, question));
    },
    oneShot(question) {
      return { args: [benchScript('peers/oneshot-langchain'), storeDir, model.modelsDir, model.modelId, question], env };
    },
  };
}

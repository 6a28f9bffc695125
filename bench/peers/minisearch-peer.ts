import type MiniSearch from 'minisearch';
import { benchScript } from '../child-process.js';
import { peerResult, type Contestant } from './contestant.js';
import { buildMiniSearch, saveMiniSearch, searchSentences, type SentenceDoc } from './minisearch-store.js';
import { readStoryTexts } from './story-texts.js';

/** The MiniSearch BM25 peer: sentences of the stories in a MiniSearch index, saved as JSON in `storeDir`; an answer is the top 3 hits. */
export function minisearchPeer(storeDir: string, env: NodeJS.ProcessEnv): Contestant {
  let search: MiniSearch<SentenceDoc> | undefined;
  return {
    name: 'minisearch-bm25',
    description:
      'MiniSearch 7 (BM25, default tokenizer and search options) over the stories split into sentences (blank-line paragraphs, then Intl.Segmenter); saved with JSON.stringify, loaded with MiniSearch.loadJSON; answer = the top 3 sentences',
    async build(seedsDir) {
      search = buildMiniSearch(await readStoryTexts(seedsDir));
      await saveMiniSearch(search, storeDir);
    },
    async ask(question) {
      if (!search) throw new Error('minisearch-bm25: build first');
      return peerResult(searchSentences(search, question));
    },
    oneShot(question) {
      return { args: [benchScript('peers/oneshot-minisearch'), storeDir, question], env };
    },
  };
}

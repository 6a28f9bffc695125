import { answer } from '../../src/answer/answer.js';
import { cleanQuestion } from '../../src/answer/question.js';
import { parseConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { resultOf } from '../../src/eval/methods.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';
import { buildAndSaveIndex } from '../build-index.js';
import { CLI } from '../child-process.js';
import type { Contestant } from './contestant.js';

/**
 * Dateline as one row of the comparison: built as `dateline reindex` builds
 * (read, build, save into `indexDir`), asked in process as `ask` asks
 * (`cleanQuestion`, then `answer` with the configured number of excerpts),
 * and cold as `dateline ask "<question>"` run as a fresh process.
 */
export function datelineContestant(indexDir: string, embedder: Embedder, env: NodeJS.ProcessEnv): Contestant {
  let index: CorpusIndex | undefined;
  let processEnv: NodeJS.ProcessEnv | undefined;
  let k = 3;
  return {
    name: 'dateline',
    description: `Dateline: the stories parsed into captions, paragraphs and sentences; BM25 over sentences and paragraphs plus hnswlib over ${embedder.modelId} sentence vectors, fused, reranked by answer type, with abstention; built as dateline reindex does, asked through answer() as dateline ask does; answer = its excerpts (a sentence, sometimes joined with a neighbour), or none when it declines`,
    async build(seedsDir) {
      processEnv = { ...env, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir };
      const config = parseConfig(processEnv);
      k = config.answerExcerpts;
      index = (await buildAndSaveIndex(config, embedder)).index;
    },
    async ask(question) {
      if (!index) throw new Error('dateline: build first');
      return resultOf(await answer(index, embedder, cleanQuestion(question), { k }));
    },
    oneShot(question) {
      if (!processEnv) throw new Error('dateline: build first');
      return { args: [CLI, 'ask', question], env: processEnv };
    },
  };
}

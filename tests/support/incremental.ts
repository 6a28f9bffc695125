import { answer } from '../../src/answer/answer.js';
import type { Embedder } from '../../src/embed/embedder.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';
import { IndexService } from '../../src/index/index-service.js';
import type { VectorMode } from '../../src/index/store.js';
import { bundledEmbedder, memoryLogger, SECOND_STORY, seedsFolder, testConfig } from './fixtures.js';

/** Helpers for checking an incrementally updated index against a full rebuild of the same seeds. */

/** A third story, sorting after the seed and SECOND_STORY. */
export const THIRD = {
  file: '2020-01-05-hockey-final.txt',
  text: 'date 2020-01-05\n\nThe Zamboni Cats won the hockey final in Oslo on Saturday, beating the Ice Owls 4-2.\n\nTheir captain, Mira Holt, scored twice in the third period.\n',
};

/** Questions about all three stories. */
const QUESTIONS = ['Where did Kerry and Lavrov meet?', 'whos breedlov', 'Who won the hockey final?', 'Who scored twice?', "Why did Portugal's fleet stay in port?", 'What did the harbour master say about waves?'];

/** An index service over the seed and SECOND_STORY (and `extra` files), with a factory for more services on the same folders. */
export async function service(extra: Record<string, string> = {}) {
  const seedsDir = await seedsFolder({ [`${SECOND_STORY.id}.txt`]: SECOND_STORY.text, ...extra });
  const config = await testConfig(seedsDir);
  const embedder = await bundledEmbedder();
  const log = memoryLogger();
  const make = (e: Embedder = embedder, vectorSearch: VectorMode = 'graph') => new IndexService({ config, embedder: e, logger: log.logger, vectorSearch });
  return { config, embedder, make };
}

/** What a reader sees of an index: its stories, sentences, vocabulary and answers. */
export async function observed(index: CorpusIndex, embedder: Embedder) {
  const answers = [];
  for (const q of QUESTIONS) {
    const a = await answer(index, embedder, q);
    answers.push({ q, answered: a.answered, excerpts: a.excerpts.map((e) => [e.story, e.citation, e.text, e.score.toFixed(6)]) });
  }
  const lexicon = index.lexicon.entries();
  return {
    stories: index.stories.map((s) => [s.file, s.sha256, s.units.length]),
    chunks: index.chunks,
    vectors: Array.from(index.vectors.flat()),
    words: lexicon.words.map((w, i) => `${w}:${lexicon.counts[i]}:${lexicon.capitalised[i]}`).sort(),
    bm25: ['zamboni', 'kerri', 'harbour_master', 'portug*'].map((t) => [index.lexical.df(t), index.unitLexical.df(t)]),
    scores: [index.lexical, index.unitLexical].map((bm25) => Array.from({ length: bm25.size }, (_, doc) => bm25.score(['kerri', 'lavrov', 'zamboni', 'final', 'said'], doc).toFixed(9))),
    answers,
  };
}

/** The same seeds indexed from scratch. */
export async function fullBuild(seedsDir: string, embedder: Embedder) {
  const config = await testConfig(seedsDir);
  return new IndexService({ config, embedder, logger: memoryLogger().logger }).open();
}


import { describe, expect, it } from 'vitest';
import { prepareQuery } from '../../src/answer/answer.js';
import { dot } from '../../src/embed/embedder.js';
import { row } from '../../src/index/corpus-index.js';
import { IndexService } from '../../src/index/index-service.js';
import { retrieve } from '../../src/retrieve/retrieve.js';
import { bundledEmbedder, memoryLogger, testConfig } from '../support/fixtures.js';

describe('retrieve on the seed story', async () => {
  const embedder = await bundledEmbedder();
  const index = await new IndexService({ config: await testConfig(), embedder, logger: memoryLogger().logger }).open();
  const dim = index.manifest.model.dimension;
  const questions = ['Where did Kerry and Lavrov meet?', 'Who took the photo at the Kurultai?', 'How long did the talks last?'];

  it('scores every candidate on its four signals exactly as their definitions say, best first', async () => {
    for (const q of questions) {
      const query = await prepareQuery(index, embedder, q);
      for (const story of [undefined, 0]) {
        const ranked = retrieve(index, query, story === undefined ? {} : { story });
        const ids = ranked.map((c) => c.chunk);
        const maxLex = Math.max(0, ...(story === undefined ? [index.lexical.search(query.terms, 1)[0]?.score ?? 0] : ids.map((id) => index.lexical.score(query.terms, id))));
        const maxUnit = story === undefined ? (index.unitLexical.search(query.terms, 1)[0]?.score ?? 0) : Math.max(0, ...index.unitRow[0]!.map((r) => index.unitLexical.score(query.terms, r)));
        for (const c of ranked) {
          const chunk = index.chunks[c.chunk]!;
          const unit = index.unitRow[chunk.story]![chunk.unit]!;
          expect(c.signals).toEqual({
            dense: dot(query.vector, row(index.vectors.flat(), dim, c.chunk)),
            lexical: index.lexical.score(query.terms, c.chunk) / maxLex,
            contextDense: dot(query.vector, row(index.unitVectors.flat(), dim, unit)),
            contextLexical: index.unitLexical.score(query.terms, unit) / maxUnit,
          });
        }
        expect(ranked.map((c) => c.score)).toEqual([...ranked.map((c) => c.score)].sort((a, b) => b - a));
      }
    }
  });
});

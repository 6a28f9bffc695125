import { describe, expect, it } from 'vitest';
import { prepareQuery } from '../../src/answer/answer.js';
import { CONFIDENCE_MODEL } from '../../src/answer/confidence-model.js';
import { decide } from '../../src/answer/confidence.js';
import { assess } from '../../src/answer/answer.js';
import { nearSpelling } from '../../src/answer/evidence.js';
import { IndexService } from '../../src/index/index-service.js';
import { bundledEmbedder, memoryLogger, testConfig } from '../support/fixtures.js';

describe('evidence on the seed story', async () => {
  const embedder = await bundledEmbedder();
  const index = await new IndexService({ config: await testConfig(), embedder, logger: memoryLogger().logger }).open();
  const features = async (q: string) => assess(index, await prepareQuery(index, embedder, q), {}, embedder.words).features!;

  it('finds every key word of a question the story answers', async () => {
    const f = await features("What is Philip Breedlove's job?");
    expect(f).toMatchObject({ missingKey: 0, missingName: 0, unknownName: 0 });
    expect(f.softUnit).toBeGreaterThan(0.6);
  });

  it('flags a name no story mentions, typed with or without a capital', async () => {
    expect((await features('What did Vorontsovsky say about sanctions?')).unknownName).toBe(1);
    expect((await features('What did Obama say about the talks?')).unknownName).toBe(1);
    expect(decide(await features('What did Obama say about the talks?'), CONFIDENCE_MODEL)).toBe('declined');
  });

  it('finds nothing that covers a question about another subject, even softly', async () => {
    const f = await features('What was the score of the hockey game?');
    expect(f.softUnit).toBeLessThan(CONFIDENCE_MODEL.softFloor);
    expect(decide(f, CONFIDENCE_MODEL)).toBe('declined');
  });

  it('lets a caption stand for the photo it describes', async () => {
    const f = await features('Who took the photo at the Kurultai?');
    expect(f.rareCoverage).toBe(1);
    expect(f.missingKey).toBe(0);
  });

  it('notices when the asked-for kind of fact is missing, and declines a quantity the story never gives', async () => {
    const population = await features('What is the population of Sevastopol?');
    expect(population).toMatchObject({ typeMissing: 1, quantityMissing: 1 });
    expect(decide(population, CONFIDENCE_MODEL)).toBe('declined');
    expect((await features('When did Breedlove arrive in Europe?')).typeMissingNear).toBe(0);
    expect((await features('How long did Kerry meet the Russian foreign minister?')).quantityMissing).toBe(0);
  });

  it('notices a negation the passage does not make', async () => {
    expect((await features('Who did not meet Lavrov in Paris?')).negationMismatch).toBe(1);
    expect((await features('What will the United States not accept?')).negationMismatch).toBe(0);
  });
});

describe('near spellings', () => {
  it('accepts one typo in a long word and nothing looser', () => {
    expect(nearSpelling('sigimund', 'sigismund')).toBe(true);
    expect(nearSpelling('goverment', 'government')).toBe(true);
    expect(nearSpelling('breedlvoe', 'breedlove')).toBe(true);
    expect(nearSpelling('kerry', 'kelly')).toBe(false);
    expect(nearSpelling('1169', '1196')).toBe(false);
  });
});

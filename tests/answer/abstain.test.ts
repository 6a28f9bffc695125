import { describe, expect, it } from 'vitest';
import { assessEvidence, CAPTION_WORDS, nearSpelling, shouldDecline } from '../../src/answer/abstain.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';
import { Bm25Index } from '../../src/index/lexical.js';
import { terms } from '../../src/text/tokenize.js';

const paragraphs = [
  'General Philip Breedlove is NATO Supreme Allied Commander Europe.',
  'Western leaders are considering broader sanctions against Russia.',
  'Kerry and Lavrov met in Paris.',
];
const index = { unitLexical: Bm25Index.build(paragraphs.map((p) => terms(p))) } as unknown as CorpusIndex;

describe('abstention', () => {
  it('answers when the evidence holds the question\'s names and most of its content', () => {
    const e = assessEvidence(index, "What is Philip Breedlove's job?", paragraphs[0]!);
    expect(e.missingRare).toEqual([]);
    expect(shouldDecline(e)).toBe(false);
  });

  it('declines when a name or rare term of the question is missing from the evidence', () => {
    const e = assessEvidence(index, 'What did Vorontsovsky say about sanctions?', paragraphs[1]!);
    expect(e.missingRare).toEqual(['vorontsovsky']);
    expect(shouldDecline(e)).toBe(true);
  });

  it('declines a question about a common name no story mentions, and answers one about a name the corpus has', () => {
    const unknown = assessEvidence(index, 'What did Obama say about sanctions?', paragraphs[1]!);
    expect(unknown.missingRare).toEqual(['obama']);
    expect(shouldDecline(unknown)).toBe(true);
    const elsewhere = assessEvidence(index, 'Did Western leaders consider sanctions after Kerry spoke?', paragraphs[1]!);
    expect(elsewhere.missingRare).toEqual([]);
  });

  it('declines when the evidence covers too little of the question', () => {
    const e = assessEvidence(index, 'What was the score of the hockey game?', paragraphs[2]!);
    expect(e.rareCoverage).toBeLessThan(0.3);
    expect(shouldDecline(e)).toBe(true);
  });

  it('lets a caption stand for the photo it describes', () => {
    const caption = 'A delegate attends the Kurultai in Bakhchisaray. REUTERS/Shamil Zhumatov';
    const plain = assessEvidence(index, 'Who took the photo at the Kurultai?', caption);
    const asCaption = assessEvidence(index, 'Who took the photo at the Kurultai?', caption, CAPTION_WORDS);
    expect(plain.rareCoverage).toBeLessThan(0.7);
    expect(asCaption.rareCoverage).toBe(1);
    expect(asCaption.coverage).toBe(1);
  });
});

describe('near spellings', () => {
  it('accepts one typo in a long word and nothing looser', () => {
    expect(nearSpelling('sigimund', 'sigismund')).toBe(true);
    expect(nearSpelling('goverment', 'government')).toBe(true);
    expect(nearSpelling('breedlvoe', 'breedlove')).toBe(true);
    expect(nearSpelling('lavrov', 'lavrova')).toBe(true);
    expect(nearSpelling('kerry', 'merry')).toBe(true);
    expect(nearSpelling('kerry', 'kelly')).toBe(false);
    expect(nearSpelling('paris', 'parish')).toBe(true);
    expect(nearSpelling('1169', '1196')).toBe(false);
    expect(nearSpelling('ukraine', 'ukraine')).toBe(true);
  });

  it('lets a misspelt name in the question still find its evidence', () => {
    const e = assessEvidence(index, "What is Philip Breedlvoe's job?", paragraphs[0]!);
    expect(e.missingRare).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { CHAT_SPEAK, CONTRACTIONS, expandChat, stripMarkup } from '../../src/text/chat-text.js';

describe('stripMarkup', () => {
  it('removes mentions, channel links, custom emoji and timestamps around a good question', () => {
    expect(stripMarkup('<@123456789012345678> where did they meet')).toBe('where did they meet');
    expect(stripMarkup('<@!123456789012345678> <@&223456789012345678> in <#323456789012345678> who is lavrov <:kerry:423456789012345678>')).toBe('in who is lavrov');
    expect(stripMarkup('what happened <t:1396137600:R>?')).toBe('what happened ?');
  });

  it('unwraps only paired emphasis at word edges, leaving arithmetic and identifiers alone', () => {
    expect(stripMarkup('a **bold** and ||spoiler|| and `code` word')).toBe('a bold and spoiler and code word');
    expect(stripMarkup('3*4 and 5*6 in snake_case_module')).toBe('3*4 and 5*6 in snake_case_module');
  });

  it('keeps a link’s text, drops bare links, and unwraps bold or italics', () => {
    expect(stripMarkup('what does [this story](https://example.com/a) say about **Crimea**')).toBe('what does this story say about Crimea');
    expect(stripMarkup('who met https://example.com/x in paris <https://example.com/y>')).toBe('who met in paris');
  });
});

describe('expandChat', () => {
  it('writes out every apostrophe-less contraction and chat-speak form', () => {
    for (const [typed, meant] of Object.entries({ ...CONTRACTIONS, ...CHAT_SPEAK })) {
      expect(expandChat(`so ${typed} here`)).toBe(meant ? `so ${meant} here` : 'so here');
    }
  });

  it('reads casual questions as they were meant', () => {
    expect(expandChat('whos breedlov')).toBe('who is breedlov');
    expect(expandChat('wat day did they talk')).toBe('what day did they talk');
    expect(expandChat('what r the two sides trying to do')).toBe('what are the two sides trying to do');
    expect(expandChat('did kerry raise any concerns w lavrov')).toBe('did kerry raise any concerns with lavrov');
    expect(expandChat('whyd russia annex crimea lol')).toBe('why did russia annex crimea');
  });

  it('expands only what is typed in lower case, and never a word the stories use', () => {
    expect(expandChat('What did the DA say?')).toBe('What did the DA say?');
    expect(expandChat('Which Dem senator, Gov. Newsom')).toBe('Which Dem senator, Gov. Newsom');
    expect(expandChat('what did da minister say', (w) => w === 'da')).toBe('what did da minister say');
  });

  it('leaves abbreviations, capital single letters and ordinary words alone', () => {
    expect(expandChat('the U.S. general')).toBe('the U.S. general');
    expect(expandChat('Kerry (L) shakes hands')).toBe('Kerry (L) shakes hands');
    expect(expandChat('its hell were well')).toBe('its hell were well');
    expect(expandChat('pro-russian rally')).toBe('pro-russian rally');
  });

  it('reads a lower-case country abbreviation after "the" as the stories write it, but never the pronoun', () => {
    expect(expandChat('who is the us top general in europe')).toBe('who is the U.S. top general in europe');
    expect(expandChat('The uk and the eu')).toBe('The U.K. and the EU');
    expect(expandChat('did they tell us')).toBe('did they tell us');
    expect(expandChat('the user said')).toBe('the user said');
    expect(expandChat('the U.S. general')).toBe('the U.S. general');
  });
});

describe('expandChat and words that name prototype functions', () => {
  it('leaves "constructor", "toString" and "__proto__" as the words they are', () => {
    for (const q of ['what did the constructor say', 'who called toString', 'what is __proto__ here', 'hasOwnProperty?']) expect(expandChat(q)).toBe(q);
  });
});

import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not split after initials and abbreviations', () => {
    expect(split('U.S. Secretary of State John Kerry (L) met Gen. Smith. He left.')).toEqual([
      'U.S. Secretary of State John Kerry (L) met Gen. Smith.',
      'He left.',
    ]);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(split('He said "no." Then "yes!" She left')).toEqual(['He said "no."', 'Then "yes!"', 'She left']);
  });

  it('does not split before a lower-case word', () => {
    expect(split('It cost 3.5 million. it was late.')).toEqual(['It cost 3.5 million. it was late.']);
  });

  it('returns trimmed spans inside a range', () => {
    const text = 'xx  One. Two.  yy';
    expect(splitSentences(text, 2, 15).map((s) => text.slice(s.start, s.end))).toEqual(['One.', 'Two.']);
  });
});

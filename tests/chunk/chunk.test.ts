import { describe, expect, it } from 'vitest';
import { chunkStories } from '../../src/chunk/chunk.js';
import { parseStory } from '../../src/ingest/parse-story.js';
import { seedText } from '../support/fixtures.js';

describe('chunkStories', async () => {
  const text = await seedText();
  const story = parseStory({ id: 'seed', file: 'seed.txt', text, sha256: 'x' });
  const chunks = chunkStories([story]);

  it('gives chunks whose offsets reproduce their text exactly', () => {
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('covers every unit and numbers chunks by position', () => {
    expect(new Set(chunks.map((c) => c.unit)).size).toBe(story.units.length);
    chunks.forEach((c, i) => expect(c.id).toBe(i));
  });

  it('keeps a caption credit with the sentence before it', () => {
    const kurultai = chunks.filter((c) => c.citation === 'Photo caption 1');
    expect(kurultai).toHaveLength(2);
    expect(kurultai[1]!.text.endsWith('annexed from Ukraine by Russia. REUTERS/Shamil Zhumatov')).toBe(true);
    expect(chunks.some((c) => c.text === 'REUTERS/Shamil Zhumatov')).toBe(false);
  });

  it('can leave credits as sentences of their own', () => {
    const separate = chunkStories([story], { attachCredits: false });
    expect(separate.some((c) => c.text === 'REUTERS/Shamil Zhumatov')).toBe(true);
  });
});

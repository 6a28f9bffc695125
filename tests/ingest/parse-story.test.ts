import { describe, expect, it } from 'vitest';
import { deriveTitle, parseStory } from '../../src/ingest/parse-story.js';
import { SEED_CAPTION_CREDITS, seedText } from '../support/fixtures.js';

describe('parseStory on the seed story', async () => {
  const text = await seedText();
  const story = parseStory({ id: 'seed', file: 'seed.txt', text, sha256: 'x' });
  const kinds = (k: string) => story.units.filter((u) => u.kind === k);

  it('reads the date header and keeps it out of the first caption', () => {
    expect(story.date).toBe('2014-03-30');
    expect(story.units[0]!.text.startsWith('A delegate attends the Kurultai')).toBe(true);
  });

  it('finds the seven photo captions with their credits, places and dates', () => {
    const captions = kinds('caption');
    expect(captions).toHaveLength(7);
    expect(captions.map((c) => c.credit)).toEqual([...SEED_CAPTION_CREDITS]);
    expect(captions.map((c) => c.place)).toEqual(['Bakhchisaray', 'Donetsk', 'Sevastopol, Crimea', 'Donetsk', 'Odessa', 'Paris', 'Paris']);
    expect(captions[2]!.date).toBe('March 30, 2014');
    expect(captions.map((c) => c.citation)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Photo caption ${n}`));
  });

  it('numbers the fourteen body paragraphs from the dateline paragraph', () => {
    const paragraphs = kinds('paragraph');
    expect(paragraphs).toHaveLength(14);
    expect(paragraphs[0]!.text.startsWith('PARIS/MOSCOW U.S. Secretary of State')).toBe(true);
    expect(paragraphs[0]!.citation).toBe('¶1');
    expect(paragraphs[13]!.text.startsWith('General Philip Breedlove')).toBe(true);
  });

  it('keeps the credits line as its own unit', () => {
    const credits = kinds('credits');
    expect(credits).toHaveLength(1);
    expect(credits[0]!.text).toMatch(/^\(Additional reporting by Phil Stewart in Washington;.*Sandra Maler\)$/);
  });

  it('gives units whose text is exactly the story text at their offsets', () => {
    for (const u of story.units) expect(text.slice(u.start, u.end)).toBe(u.text);
  });

  it('derives a title from the first body sentence without the dateline', () => {
    expect(story.title.startsWith('U.S. Secretary of State John Kerry and his Russian counterpart')).toBe(true);
    expect(story.title.length).toBeLessThanOrEqual(90);
  });
});

describe('parseStory on other shapes', () => {
  it('treats a story without captions or date header as body paragraphs', () => {
    const text = 'First paragraph here. It has two sentences.\n\nSecond paragraph.\n';
    const story = parseStory({ id: 'plain', file: 'plain.txt', text, sha256: 'x' });
    expect(story.date).toBeUndefined();
    expect(story.units.map((u) => [u.kind, u.citation])).toEqual([
      ['paragraph', '¶1'],
      ['paragraph', '¶2'],
    ]);
    expect(story.title).toBe('First paragraph here');
  });

  it('prefers the sidecar title and date', () => {
    const story = parseStory({ id: 's', file: 's.txt', text: 'date 2020-01-01 Body.', sha256: 'x', meta: { title: 'Given', date: '2021-02-03' } });
    expect(story.title).toBe('Given');
    expect(story.date).toBe('2021-02-03');
  });

  it('shortens a long first sentence at a word boundary', () => {
    const title = deriveTitle(`WASHINGTON (Reuters) - ${'Word '.repeat(40)}end.`);
    expect(title.endsWith('…')).toBe(true);
    expect(title.startsWith('Word Word')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(90);
  });
});

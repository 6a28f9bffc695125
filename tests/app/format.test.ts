import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import type { Excerpt } from '../../src/answer/excerpt.js';
import { changeSummary } from '../../src/queries.js';
import { captionPages, formatAnswer, formatReindex, formatSources, literal, splitMessage } from '../../src/app/format.js';
import { renderMarkdown } from '../../src/chat/discord-markdown.js';
import { renderSources } from '../../src/cli/render.js';
import type { CaptionEntry, SourcesReport } from '../../src/queries.js';
import { quotes, unescape } from '../discord/harness.js';
import { formatDateTime } from '../../src/app/date-time.js';

const excerpt = (text: string, over: Partial<Excerpt> = {}): Excerpt => ({
  text,
  story: 's',
  title: 'A *bold* title',
  date: '2014-03-30',
  citation: '¶9',
  kind: 'paragraph',
  start: 0,
  end: text.length,
  score: 1,
  ...over,
});

const sentence = (i: number) => `Sentence number ${i} says something plain about the talks in Paris.`;

describe('literal', () => {
  it.each([
    '**bold** _it_ __under__ ~~strike~~ ||spoiler|| `code` ```block```',
    '# heading\n- bullet\n1. numbered\n> quote\n-# subtext',
    '[masked](https://example.com) <@123456789012345678> <#123456789012345678> <t:1700000000:R> :smile: back\\slash',
    'Plain text with (L) and a time 10:30 and @everyone.',
  ])('escapes %j so it renders as written', (text) => {
    const escaped = literal(text);
    expect(unescape(escaped)).toBe(text);
    expect(escaped).not.toMatch(/(^|[^\\])\*\*bold/);
    expect(escaped).not.toMatch(/^#|^-|^>|^1\./m);
    expect(escaped).not.toMatch(/(^|[^\\])<[@#t]/);
  });
});

describe('splitMessage', () => {
  it('keeps a message that fits whole', () => {
    expect(splitMessage('short')).toEqual(['short']);
  });

  it('splits at paragraph breaks, every piece within the limit', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => sentence(i));
    const pieces = splitMessage(paragraphs.join('\n\n'), 500);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(500);
    expect(pieces.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('splits a long paragraph at sentence ends, never mid-word', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ');
    const pieces = splitMessage(text, 300);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(300);
      expect(p).toMatch(/\.$/);
    }
    expect(pieces.join(' ')).toBe(text);
  });

  it('splits a sentence with no end in sight at spaces, keeping whole words', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitMessage(text, 200);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(200);
    expect(pieces.join(' ')).toBe(text);
  });

  it('keeps a split block quote quoted in the next message', () => {
    const text = `> ${Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ')}\n— ¶1`;
    const pieces = splitMessage(text, 400);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces.slice(0, -1)) expect(p.startsWith('> ')).toBe(true);
    expect(pieces.map((p) => p.replace(/^> /, '')).join(' ').replace(/ (— ¶1)$/, '\n$1')).toBe(text.slice(2));
  });

  it('cuts only a single word longer than the limit', () => {
    expect(splitMessage(`a ${'x'.repeat(250)} b`, 100)).toEqual(['a', 'x'.repeat(100), 'x'.repeat(100), `${'x'.repeat(50)} b`]);
  });
});

describe('formatAnswer', () => {
  it('quotes each excerpt with citation, credit, title and date; markdown in the story renders literally', () => {
    const answer: Answer = {
      question: 'Who took the photo? @everyone',
      answered: true,
      excerpts: [excerpt('He said **no** to _that_.'), excerpt('A woman sits. REUTERS/Yannis Behrakis', { citation: 'Photo caption 3', credit: 'REUTERS/Yannis Behrakis', kind: 'caption' })],
    };
    const [message, ...more] = formatAnswer(answer, { urlOf: () => 'https://example.com/story' });
    expect(more).toEqual([]);
    expect(quotes(message!)).toEqual(['He said **no** to _that_.', 'A woman sits. REUTERS/Yannis Behrakis']);
    expect(message).toContain('— ¶9 · *A \\*bold\\* title* (2014-03-30) · <https://example.com/story>');
    expect(message).toContain('— Photo caption 3 — REUTERS/Yannis Behrakis ·');
    expect(message).toContain('**Q:** Who took the photo? @everyone');
  });

  it('declines honestly and marks the closest passages as not an answer', () => {
    const [message] = formatAnswer({ question: 'Hockey?', answered: false, excerpts: [], closest: [excerpt('Nearby text.')] });
    expect(message).toMatch(/The story doesn't say\.\*\* The closest passages, which are not an answer:/);
    expect(quotes(message!)).toEqual(['Nearby text.']);
  });

  it('splits a long answer into messages within 2000 characters, each quote intact', () => {
    const long = Array.from({ length: 8 }, (_, i) => excerpt(Array.from({ length: 5 }, (_, j) => sentence(i * 10 + j)).join(' ')));
    const messages = formatAnswer({ question: 'q', answered: true, excerpts: long });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(2000);
    expect(messages.flatMap(quotes)).toEqual(long.map((e) => e.text));
  });
});

describe('captionPages and formatReindex', () => {
  const caption = (n: number): CaptionEntry => ({
    number: n,
    text: `${sentence(n)} ${sentence(n + 100)} REUTERS/Someone`,
    credit: 'REUTERS/Someone',
    place: 'Paris',
    date: 'March 30, 2014',
    story: 's',
    title: 'Title',
    citation: `Photo caption ${n}`,
  });

  it('numbers captions with credit, place and date, paginated with a footer', () => {
    const pages = captionPages(Array.from({ length: 20 }, (_, i) => caption(i + 1)));
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(2000);
    expect(pages[0]).toMatch(/-# Page 1 of \d+ · next: `\/captions page:2`$/);
    const all = pages.join('\n');
    for (let n = 1; n <= 20; n++) expect(all).toContain(`**${n}.** REUTERS/Someone · Paris · March 30, 2014`);
  });

  it('reports what a reindex changed', () => {
    const changes = { added: ['b.txt'], changed: [], removed: [] };
    const report = { stories: 2, chunks: 40, model: 'dateline/glove-100d-sif', seconds: 0.5, generation: 'g', problems: [{ file: 'bad_file.txt', reason: 'is empty' }], previous: { stories: 1, chunks: 31, builtAt: 'x' }, kind: 'full' as const, changes };
    const [text] = formatReindex(report);
    expect(text).toContain('**Index rebuilt** in 0.50 s with dateline/glove-100d-sif.');
    expect(text).toContain('Stories added 1 (`b.txt`), changed 0, removed 0.');
    expect(text).toContain('Stories: 1 → 2 · Sentences: 31 → 40');
    expect(text).toContain('Skipped bad\\_file.txt: is empty');
    expect(formatReindex({ ...report, kind: 'incremental' })[0]).toMatch(/^\*\*Index updated\*\* in 0\.50 s .*only the changed stories were embedded/);
    const same = formatReindex({ ...report, kind: 'unchanged', problems: [], changes: { added: [], changed: [], removed: [] } })[0]!;
    expect(same).toContain('**Index up to date**: no story changed');
    expect(same).toContain('`/reindex full:True`');
    expect(same).toContain('Stories: 2 · Sentences: 40');
  });

  it('names at most three files of each kind of change', () => {
    expect(changeSummary({ added: ['a', 'b', 'c', 'd', 'e'], changed: ['x'], removed: [] })).toBe('added 5 (a, b, c, and 2 more), changed 1 (x), removed 0');
  });
});

describe('times', () => {
  it('formatDateTime writes a time one way, as people read it, in UTC and saying so', () => {
    expect(formatDateTime('2026-11-30T21:48:05.123Z')).toBe('30 Nov 2026, 21:48 UTC');
    expect(formatDateTime('2026-09-03T07:05:00+02:00')).toBe('3 Sep 2026, 05:05 UTC');
    expect(formatDateTime(0)).toBe('1 Jan 1970, 00:00 UTC');
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('/sources gives Discord a timestamp each reader sees in their own time zone; the chat and dateline sources show the same time', () => {
    const sources: SourcesReport = {
      stories: [{ story: 'a', file: 'a.txt', title: 'A story', date: '2014-03-30', source: null, url: null, paragraphs: 2, captions: 0 }],
      chunks: 5,
      model: 'dateline/glove-100d-sif',
      dimension: 100,
      builtAt: '2026-11-30T21:48:05.123Z',
      builtBy: 'automatic',
    };
    const discord = formatSources(sources).join('\n');
    const seconds = Math.floor(Date.parse(sources.builtAt) / 1000);
    expect(discord).toContain(`built <t:${seconds}:f> automatically`);
    expect(renderMarkdown(discord)).toContain('built 30 Nov 2026, 21:48 UTC automatically');
    expect(renderSources(sources)).toContain('built 30 Nov 2026, 21:48 UTC automatically');
  });

  it('a build time that is not a time is shown as written, never as markup', () => {
    const sources = { stories: [], chunks: 0, model: 'm', dimension: 1, builtAt: 'yesterday <t:1:f>', builtBy: 'automatic' } as unknown as SourcesReport;
    const discord = formatSources(sources).join('\n');
    expect(discord).not.toContain('built yesterday <t:');
    expect(renderMarkdown(discord)).toContain('built yesterday <t:1:f> automatically');
  });
});

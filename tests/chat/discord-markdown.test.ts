import { describe, expect, it } from 'vitest';
import { literal } from '../../src/app/format.js';
import { renderMarkdown } from '../../src/chat/discord-markdown.js';

describe('renderMarkdown', () => {
  it('shows escaped story text exactly as written, as Discord does', () => {
    const text = 'He said *not* to use **bold** or `code`, > quotes, <@123> and :smile: — 50% off_now_';
    expect(renderMarkdown(literal(text))).toBe(text);
  });

  it('drops the markup of bold, italics and subtext, keeps block quotes, and shows links and timestamps plainly', () => {
    const out = renderMarkdown('**Q:** Where?\n> A quote\n— ¶1 · *Title* · <https://example.com/a>\n-# Page 1 of 2\nbuilt <t:0:f>');
    const lines = out.split('\n');
    expect(lines.slice(0, 4)).toEqual(['Q: Where?', '> A quote', '— ¶1 · Title · https://example.com/a', 'Page 1 of 2']);
    expect(lines[4]).toBe('built 1 Jan 1970, 00:00 UTC');
  });

  it('shows user and channel mentions as @id and #id (the terminal has no names for them)', () => {
    expect(renderMarkdown('Ask in <#456> or ask <@!123>.')).toBe('Ask in #456 or ask @123.');
  });

  it('shows a Discord timestamp of any style as the time dateline sources prints, and R relative to now as Discord does', () => {
    const at = Date.parse('2026-11-30T21:48:05Z') / 1000;
    for (const markup of [`<t:${at}>`, `<t:${at}:f>`, `<t:${at}:F>`, `<t:${at}:d>`, `<t:${at}:D>`, `<t:${at}:t>`, `<t:${at}:T>`]) {
      expect(renderMarkdown(`built ${markup}.`), markup).toBe('built 30 Nov 2026, 21:48 UTC.');
    }
    const now = at * 1000;
    expect(renderMarkdown(`<t:${at - 3 * 3600}:R>`, { now })).toBe('3 hours ago');
    expect(renderMarkdown(`<t:${at + 2 * 86_400}:R>`, { now })).toBe('in 2 days');
    expect(renderMarkdown(`<t:${at - 20}:R>`, { now })).toBe('a few seconds ago');
    expect(renderMarkdown(`<t:${at - 90 * 60}:R>`, { now })).toBe('2 hours ago');
  });

  it('styles with ANSI codes only when asked for colour', () => {
    expect(renderMarkdown('**bold**', { color: true })).toBe('\u001b[1mbold\u001b[22m');
    expect(renderMarkdown('**bold**')).toBe('bold');
  });
});

import { describe, expect, it } from 'vitest';
import { literal } from '../../src/bot/format.js';
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

  it('styles with ANSI codes only when asked for colour', () => {
    expect(renderMarkdown('**bold**', { color: true })).toBe('\u001b[1mbold\u001b[22m');
    expect(renderMarkdown('**bold**')).toBe('bold');
  });
});

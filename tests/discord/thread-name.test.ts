import { describe, expect, it } from 'vitest';
import { noThreadNote, threadName } from '../../src/discord/mention-handler.js';

describe('threadName', () => {
  it('keeps a question of up to 100 characters whole, whitespace collapsed', () => {
    expect(threadName('  Where did\n Kerry   meet Lavrov? ')).toBe('Where did Kerry meet Lavrov?');
    expect(threadName('a'.repeat(100))).toBe('a'.repeat(100));
  });

  it('cuts a longer one at a word, with an ellipsis, within 100 characters', () => {
    const name = threadName(`${'word '.repeat(30)}end`);
    expect(name).toBe(`${'word '.repeat(19)}word…`);
    expect(name.length).toBeLessThanOrEqual(100);
  });

  it('cuts a long run without spaces mid-word, never halving an emoji', () => {
    expect(threadName('x'.repeat(150))).toBe(`${'x'.repeat(99)}…`);
    const name = threadName(`${'x'.repeat(98)}😀😀😀`);
    expect(name).toBe(`${'x'.repeat(98)}…`);
    expect(name.length).toBe(99);
  });
});

describe('noThreadNote', () => {
  it('names the missing permissions on one line', () => {
    expect(noThreadNote(['Create Public Threads'])).toBe('-# Thread mode is on in this channel, but Dateline lacks the Create Public Threads permission here, so it answers in place.');
    expect(noThreadNote(['A', 'B'])).toContain('lacks the A and B permissions here');
    expect(noThreadNote([])).not.toContain('\n');
  });
});

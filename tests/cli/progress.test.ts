import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, PROGRESS_DELAY_MS } from '../../src/cli/progress.js';

function terminal(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let written = '';
  stream.on('data', (d) => (written += d));
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

describe('indexing progress', () => {
  afterEach(() => vi.useRealTimers());

  it('stays quiet when standard error is not a terminal', () => {
    expect(createProgress(terminal(false).stream)).toBeUndefined();
  });

  it('draws a bar only once indexing has taken more than a second', () => {
    vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const t = terminal(true);
    const progress = createProgress(t.stream)!;
    progress(256, 2000);
    expect(t.written()).toBe('');
    vi.advanceTimersByTime(PROGRESS_DELAY_MS + 100);
    progress(512, 2000);
    progress(2000, 2000);
    expect(t.written()).toMatch(/Indexing \[.*\] \d+\/2000 passages/);
  });
});

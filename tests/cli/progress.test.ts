import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, estimateSeconds, formatSeconds, PROGRESS_DELAY_MS } from '../../src/cli/progress.js';
import { createCoreContext } from '../../src/core-context.js';
import type { BuildProgress } from '../../src/index/corpus-index.js';
import { bundledEmbedder, memoryLogger, testConfig } from '../support/fixtures.js';

function terminal(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let written = '';
  stream.on('data', (d) => (written += d));
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

/** What the bar shows last: the text after the last carriage return or cursor move, styles removed. */
const lastDraw = (written: string) =>
  written
    .replace(/\u001b\[\?25[hl]/g, '')
    .split(/\r|\u001b\[\d*G|\n/)
    .map((s) => s.replace(/\u001b(?:\[[?0-9;]*[A-Za-z]|[78])/g, ''))
    .filter((s) => s.trim() !== '')
    .at(-1) ?? '';

const event = (stage: BuildProgress['stage'], done: number, total: number, sentences = 30_000): BuildProgress => ({ stage, done, total, sentences });

describe('indexing progress', () => {
  afterEach(() => vi.useRealTimers());
  const fakeTime = () => vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });

  it('stays quiet when standard error is not a terminal', () => {
    expect(createProgress(terminal(false).stream)).toBeUndefined();
  });

  it('draws a bar only once indexing has taken more than a second, counting sentences as the result does', () => {
    fakeTime();
    const t = terminal(true);
    const progress = createProgress(t.stream)!;
    progress(event('embedding', 256, 40_000, 2000));
    expect(t.written()).toBe('');
    vi.advanceTimersByTime(PROGRESS_DELAY_MS + 100);
    progress(event('embedding', 512, 40_000, 2000));
    expect(lastDraw(t.written())).toMatch(/^Indexing 2000 sentences \[.*\] \d+% · embedding \(1\/4\) · ETA /);
    expect(t.written()).not.toMatch(/passages|chunks/);
  });

  it('shows each stage after embedding as it starts, with the time left, instead of sitting at 100 %', () => {
    fakeTime();
    const t = terminal(true);
    const progress = createProgress(t.stream)!;
    progress(event('embedding', 10_000, 40_000));
    vi.advanceTimersByTime(3000);
    progress(event('embedding', 20_000, 40_000));
    // Half embedded in 3 s: 3 s of embedding left, plus the later stages' estimate.
    const rest = estimateSeconds('graph', 30_000) + estimateSeconds('lexical', 30_000) + estimateSeconds('saving', 30_000);
    expect(lastDraw(t.written())).toContain(`embedding (1/4) · ETA ${formatSeconds(3 + rest)}`);
    vi.advanceTimersByTime(3000);
    progress(event('embedding', 40_000, 40_000));
    progress(event('graph', 0, 1));
    // Drawn at once: the graph is built without yielding, so there is no later chance.
    const graph = lastDraw(t.written());
    expect(graph).toContain(`vector graph (2/4) · ETA ${formatSeconds(rest)}`);
    expect(graph).not.toContain('100%');
    vi.advanceTimersByTime(estimateSeconds('graph', 30_000) * 2000); // this machine is twice as slow as the estimate…
    progress(event('graph', 1, 1));
    progress(event('lexical', 0, 1));
    // …so the remaining estimates double.
    expect(lastDraw(t.written())).toContain(`lexical index (3/4) · ETA ${formatSeconds(2 * (estimateSeconds('lexical', 30_000) + estimateSeconds('saving', 30_000)))}`);
    progress(event('lexical', 1, 1));
    progress(event('saving', 0, 1));
    expect(lastDraw(t.written())).toMatch(/saving \(4\/4\) · ETA \d/);
    progress(event('saving', 1, 1));
    expect(lastDraw(t.written())).toMatch(/^Indexing 30000 sentences \[.*\] 100% · done · took \d+ s$/);
  });

  it('shows the bar at the start of a long stage even when embedding was quick', () => {
    fakeTime();
    const t = terminal(true);
    const progress = createProgress(t.stream)!;
    progress(event('embedding', 70_000, 70_000, 50_000));
    expect(t.written()).toBe('');
    progress(event('graph', 0, 1, 50_000));
    expect(lastDraw(t.written())).toContain('vector graph (2/4)');
  });

  it('stays quiet for a small corpus', () => {
    fakeTime();
    const t = terminal(true);
    const progress = createProgress(t.stream)!;
    for (const stage of ['graph', 'lexical', 'saving'] as const) {
      progress(event(stage, 0, 1, 31));
      progress(event(stage, 1, 1, 31));
    }
    expect(t.written()).toBe('');
  });

  it('is told every stage of a real build, in order, with the sentence count the result reports', async () => {
    const stages: BuildProgress[] = [];
    const ctx = await createCoreContext(await testConfig(), memoryLogger().logger, { embedder: await bundledEmbedder(), onProgress: (e) => stages.push(e) });
    const report = await ctx.index.reindex();
    const order = [...new Set(stages.map((e) => e.stage))];
    expect(order).toEqual(['embedding', 'graph', 'lexical', 'saving']);
    expect(new Set(stages.map((e) => e.sentences))).toEqual(new Set([report.chunks]));
    expect(stages.at(-1)).toMatchObject({ stage: 'saving', done: 1, total: 1 });
  });
});

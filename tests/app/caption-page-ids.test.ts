import { describe, expect, it } from 'vitest';
import { captionPageControls, captionPageId, parseCaptionPageId, storyHash } from '../../src/app/caption-page-ids.js';
import { resolveStory } from '../../src/app/caption-pages.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';

describe('caption page button ids', () => {
  it('carry the page and the story id, and read back', () => {
    expect(captionPageId(3)).toBe('dl:cap:3');
    expect(captionPageId(2, '2014-03-30-kerry-lavrov-paris')).toBe('dl:cap:2:2014-03-30-kerry-lavrov-paris');
    expect(parseCaptionPageId('dl:cap:3')).toEqual({ page: 3 });
    expect(parseCaptionPageId('dl:cap:2:2014-03-30-kerry-lavrov-paris')).toEqual({ page: 2, story: { id: '2014-03-30-kerry-lavrov-paris' } });
    expect(parseCaptionPageId(captionPageId(4, 'a:story:with:colons'))).toEqual({ page: 4, story: { id: 'a:story:with:colons' } });
  });

  it('name a story whose id would pass Discord’s 100 characters by a hash of it, which finds the story again', () => {
    const long = `${'a-very-long-story-file-name-'.repeat(4)}2014`;
    const id = captionPageId(12, long);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseCaptionPageId(id)).toEqual({ page: 12, story: { hash: storyHash(long) } });
    const index = { stories: [{ id: 'other' }, { id: long }] } as unknown as CorpusIndex;
    expect(resolveStory(index, parseCaptionPageId(id)!.story!)).toBe(long);
    expect(() => resolveStory({ stories: [{ id: 'other' }] } as unknown as CorpusIndex, { hash: storyHash(long) })).toThrow(/That story is no longer in the index/);
  });

  it.each(['dl:more:abc', 'dl:cap:', 'dl:cap:0', 'dl:cap:-1', 'dl:cap:two', 'dl:cap:1.5', 'dl:cap:01', 'dl:cap:1:', 'dl:cap:1:#', 'dl:cap:9999999', `dl:cap:1:${'x'.repeat(100)}`, 'other-app:cap:1'])(
    'ignore %j (not a caption page button of this bot)',
    (customId) => expect(parseCaptionPageId(customId)).toBeUndefined(),
  );

  it('put ◀ ▶ under all but a lone page, disabling ◀ on the first and ▶ on the last', () => {
    expect(captionPageControls(1, 1)).toEqual([]);
    const state = (page: number, count: number) => captionPageControls(page, count)[0]!.map((b) => [b.id, b.kind === 'button' && Boolean(b.disabled)]);
    expect(state(1, 3)).toEqual([['dl:cap:1', true], ['dl:cap:2', false]]);
    expect(state(2, 3)).toEqual([['dl:cap:1', false], ['dl:cap:3', false]]);
    expect(state(3, 3)).toEqual([['dl:cap:2', false], ['dl:cap:3', true]]);
  });
});

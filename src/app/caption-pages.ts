import type { CorpusIndex } from '../index/corpus-index.js';
import { listCaptions, storyPosition } from '../queries.js';
import { captionPageControls, storyHash, type CaptionPageTarget, type StoryRef } from './caption-page-ids.js';
import type { Reply } from './conversation.js';
import { BotError, BotErrorId } from './errors.js';
import { captionPages, literal } from './format.js';

/** What to do with a page number past the last page. */
export type PastLastPage = 'refuse' | 'show-last';

/** Options for {@link captionPageReply}. */
export interface CaptionPageOptions {
  /**
   * `refuse` (typed `/captions page:N`: the person can correct it) or
   * `show-last` (a button: the index changed since the message was sent).
   */
  pastLast: PastLastPage;
}

/** The id of the story `ref` names in `index`: an id or a typed title (as the `story:` option takes), or a {@link storyHash}. */
export function resolveStory(index: CorpusIndex, ref: StoryRef | string): string {
  if (typeof ref === 'string') return index.stories[storyPosition(index, ref)]!.id;
  const found = 'id' in ref ? index.stories.find((s) => s.id === ref.id) : index.stories.find((s) => storyHash(s.id) === ref.hash);
  if (found) return found.id;
  const named = 'id' in ref ? `"${literal(ref.id)}" is` : 'That story is';
  throw new BotError(BotErrorId.StoryGone, `${named} no longer in the index, so its captions cannot be paged. \`/captions\` lists the captions there are now.`);
}

/**
 * One page of the photo captions (of one story, or of every story), as
 * `/captions` and its ◀ ▶ buttons show it: the page's text (with "Page i
 * of n" when there are several) and the buttons to the pages either side.
 * Pages are counted afresh from `index`, so a button of an old message
 * shows the captions as they are now.
 */
export function captionPageReply(index: CorpusIndex, target: { page: number; story?: StoryRef | string }, options: CaptionPageOptions): Reply {
  const storyId = target.story === undefined ? undefined : resolveStory(index, target.story);
  const pages = captionPages(listCaptions(index, storyId), undefined, storyId);
  let page = target.page;
  if (page > pages.length || page < 1) {
    if (options.pastLast === 'show-last') page = Math.min(Math.max(page, 1), pages.length);
    else {
      const retry = `/captions page:1${storyId ? ` story:${storyId}` : ''}`;
      throw new BotError(BotErrorId.NoSuchPage, `There ${pages.length === 1 ? 'is 1 page' : `are ${pages.length} pages`} of captions; try \`${retry}\`.`);
    }
  }
  return { pages: [pages[page - 1]!], controls: captionPageControls(page, pages.length, storyId) };
}

/** {@link captionPageReply} for a click on a caption page button: a page past the last shows the last. */
export function clickedCaptionPage(index: CorpusIndex, target: CaptionPageTarget): Reply {
  return captionPageReply(index, target, { pastLast: 'show-last' });
}

import { createHash } from 'node:crypto';
import type { Control } from './conversation.js';

/**
 * The ◀ ▶ buttons under `/captions` and their `custom_id`s, written and read
 * here only. A button carries everything its click needs (the page to show
 * and the story), so no state is stored and it keeps working across
 * restarts, shards and rebuilds of the index:
 *
 * - `dl:cap:<page>` — every story's captions;
 * - `dl:cap:<page>:<story id>` — one story's, when the id fits Discord's 100 characters;
 * - `dl:cap:<page>:#<hash>` — one story's, by {@link storyHash} of its id otherwise.
 */

const PREFIX = 'dl:cap:';

/** Discord's longest `custom_id`. */
export const MAX_CUSTOM_ID = 100;

/** Longest page number written (a story never has this many caption pages). */
const MAX_PAGE_DIGITS = 6;

/** Which story's captions a button pages through. */
export type StoryRef = { id: string } | { hash: string };

/** What a click on a caption page button asks for. */
export interface CaptionPageTarget {
  /** The page to show, from 1; a page past the last shows the last. */
  page: number;
  /** The story, or undefined for every story's captions. */
  story?: StoryRef;
}

/**
 * A short, stable stand-in for a story id too long for a `custom_id`: 16
 * characters of its SHA-256 (base64url), the same in every process and
 * after every rebuild while the story keeps its id.
 */
export function storyHash(storyId: string): string {
  return createHash('sha256').update(storyId).digest('base64url').slice(0, 16);
}

/** The `custom_id` of the button that shows `page` of the captions of `storyId` (or of every story); at most {@link MAX_CUSTOM_ID} characters. */
export function captionPageId(page: number, storyId?: string): string {
  const base = `${PREFIX}${page}`;
  if (storyId === undefined) return base;
  const byId = `${base}:${storyId}`;
  return byId.length <= MAX_CUSTOM_ID && !storyId.startsWith('#') ? byId : `${base}:#${storyHash(storyId)}`;
}

/** Reads a `custom_id` written by {@link captionPageId}; undefined for anything else (another control, another app's, a mangled one). */
export function parseCaptionPageId(customId: string): CaptionPageTarget | undefined {
  if (!customId.startsWith(PREFIX) || customId.length > MAX_CUSTOM_ID) return undefined;
  const rest = customId.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const pageText = colon < 0 ? rest : rest.slice(0, colon);
  if (!new RegExp(`^[1-9]\\d{0,${MAX_PAGE_DIGITS - 1}}$`).test(pageText)) return undefined;
  const page = Number(pageText);
  if (colon < 0) return { page };
  const story = rest.slice(colon + 1);
  if (story === '' || story === '#') return undefined;
  return { page, story: story.startsWith('#') ? { hash: story.slice(1) } : { id: story } };
}

/**
 * The ◀ ▶ row under page `page` of `count` (none for a single page): ◀ is
 * disabled on the first page and ▶ on the last, so each button's id names
 * a different page.
 */
export function captionPageControls(page: number, count: number, storyId?: string): Control[][] {
  if (count <= 1) return [];
  const first = page <= 1;
  const last = page >= count;
  return [
    [
      { kind: 'button', id: captionPageId(first ? 1 : page - 1, storyId), label: '◀ Previous', style: 'secondary', ...(first ? { disabled: true } : {}) },
      { kind: 'button', id: captionPageId(last ? count : page + 1, storyId), label: 'Next ▶', style: 'secondary', ...(last ? { disabled: true } : {}) },
    ],
  ];
}

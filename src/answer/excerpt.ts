import type { Chunk } from '../chunk/chunk.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import type { UnitKind } from '../ingest/story.js';
import { wordSetOf } from '../text/word-memory.js';

/** Longest excerpt, in characters, unless one sentence alone is longer. */
export const MAX_EXCERPT_CHARS = 400;

/**
 * The paragraph or caption an excerpt quotes, as it was when quoted: what
 * "Full paragraph" shows without looking the excerpt up in the index again.
 */
export interface QuotedUnit {
  /** Position of the unit in its story's `units`. */
  index: number;
  /** Offsets of the unit in the story's text: `story.text.slice(start, end) === text`. */
  start: number;
  end: number;
  /** The whole paragraph or caption. */
  text: string;
}

/** A verbatim quote: always `story.text.slice(start, end)`. */
export interface Excerpt {
  text: string;
  /** Story id (file name without extension). */
  story: string;
  /** Story title. */
  title: string;
  /** Story date, `YYYY-MM-DD`, when known. */
  date?: string;
  citation: string;
  kind: UnitKind;
  start: number;
  end: number;
  score: number;
  /** Photo credit, for captions. */
  credit?: string;
  /** The story's source URL, when it has one (front ends link it without opening the index). */
  url?: string;
  /**
   * The unit quoted. Always set by `answer`; absent only from answers stored
   * before it was (issue #14), which front ends look up in the index instead.
   * Not part of `ask --json`.
   */
  unit?: QuotedUnit;
}

/** What identifies a passage already shown, for excluding it and its near-duplicates. */
export type ShownPassage = Pick<Excerpt, 'story' | 'start' | 'end' | 'text'>;

/**
 * Builds the excerpt for a best sentence: the sentence itself, joined with
 * its neighbour in the same unit when the sentence alone is too thin to
 * stand (it ends in a colon or is very short) and the two fit in
 * {@link MAX_EXCERPT_CHARS}.
 */
export function excerptFor(index: CorpusIndex, chunk: Chunk, score: number, extendTo?: Chunk): Excerpt {
  const story = index.stories[chunk.story]!;
  const unit = story.units[chunk.unit]!;
  let start = chunk.start;
  let end = chunk.end;
  const next = index.chunks[chunk.id + 1];
  const thin = /[:,]["”]?$/.test(chunk.text) || chunk.text.length < 60;
  const partner = extendTo ?? (thin && next && next.unit === chunk.unit && next.story === chunk.story ? next : undefined);
  if (partner && partner.story === chunk.story && partner.unit === chunk.unit && Math.abs(partner.sentence - chunk.sentence) === 1) {
    const s = Math.min(start, partner.start);
    const e = Math.max(end, partner.end);
    if (e - s <= MAX_EXCERPT_CHARS) {
      start = s;
      end = e;
    }
  }
  const excerpt: Excerpt = {
    text: story.text.slice(start, end),
    story: story.id,
    title: story.title,
    citation: chunk.citation,
    kind: chunk.kind,
    start,
    end,
    score,
  };
  if (story.date) excerpt.date = story.date;
  if (unit.credit) excerpt.credit = unit.credit;
  if (story.url) excerpt.url = story.url;
  excerpt.unit = { index: chunk.unit, start: unit.start, end: unit.end, text: unit.text };
  return excerpt;
}

/** Jaccard overlap of two texts' word sets, 0–1. */
export function overlap(a: string, b: string): number {
  const x = wordSetOf(a);
  const y = wordSetOf(b);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  const union = x.size + y.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Near-duplicate threshold for {@link overlap}: repeated captions and background sentences sit above it. */
export const DUPLICATE_OVERLAP = 0.6;

/** Whether `candidate` repeats (or overlaps the span of) a passage already kept or shown. */
export function isDuplicate(candidate: ShownPassage, kept: readonly ShownPassage[]): boolean {
  return kept.some(
    (k) =>
      (k.story === candidate.story && candidate.start < k.end && k.start < candidate.end) ||
      overlap(k.text, candidate.text) >= DUPLICATE_OVERLAP,
  );
}

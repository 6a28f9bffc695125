import type { Story, UnitKind } from '../ingest/story.js';
import { splitSentences, type SentenceSpan } from '../text/sentences.js';

/**
 * The unit of retrieval: one sentence of a story, with where it sits.
 * `text` is always `story.text.slice(start, end)`.
 */
export interface Chunk {
  /** Position in the corpus' chunk list; also the vector index label. */
  id: number;
  /** Index of the story in the corpus. */
  story: number;
  /** Index of the unit (caption, paragraph, credits) in its story. */
  unit: number;
  /** Index of the sentence within its unit. */
  sentence: number;
  kind: UnitKind;
  citation: string;
  start: number;
  end: number;
  text: string;
}

/** Chunking options. */
export interface ChunkOptions {
  /**
   * Keep a caption's photo credit (`REUTERS/…`) with the sentence before it
   * instead of as a sentence of its own, so "who took the photo" finds it
   * next to what the photo shows. Default true.
   */
  attachCredits?: boolean;
}

function sentencesOf(story: Story, unitIndex: number, options: ChunkOptions): SentenceSpan[] {
  const unit = story.units[unitIndex]!;
  const spans = splitSentences(story.text, unit.start, unit.end);
  const last = spans[spans.length - 1];
  if ((options.attachCredits ?? true) && unit.credit && spans.length > 1 && last && story.text.slice(last.start, last.end) === unit.credit) {
    spans.pop();
    spans[spans.length - 1]!.end = last.end;
  }
  return spans;
}

/** Splits every unit of every story into sentence chunks, numbered from 0 in corpus order. */
export function chunkStories(stories: readonly Story[], options: ChunkOptions = {}): Chunk[] {
  const chunks: Chunk[] = [];
  stories.forEach((story, s) => {
    story.units.forEach((unit, u) => {
      sentencesOf(story, u, options).forEach((span, k) => {
        chunks.push({
          id: chunks.length,
          story: s,
          unit: u,
          sentence: k,
          kind: unit.kind,
          citation: unit.citation,
          start: span.start,
          end: span.end,
          text: story.text.slice(span.start, span.end),
        });
      });
    });
  });
  return chunks;
}

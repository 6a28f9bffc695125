import fs from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import type { StoryText } from './story-texts.js';

/** One indexed sentence. */
export interface SentenceDoc {
  id: number;
  /** The story file it comes from. */
  story: string;
  text: string;
}

/** MiniSearch as its README sets it up: one full-text field, stored so hits carry their text; default BM25 and tokenizer. */
export const MINISEARCH_OPTIONS: Options<SentenceDoc> = { fields: ['text'], storeFields: ['text', 'story'] };

/** The file the store is saved to inside its folder. */
export const MINISEARCH_FILE = 'minisearch.json';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentences of a story: paragraphs are split on blank lines, then into sentences by `Intl.Segmenter`. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => [...segmenter.segment(paragraph)].map((s) => s.segment.trim()))
    .filter((s) => s.length > 0);
}

/** A MiniSearch index of every sentence of `stories`. */
export function buildMiniSearch(stories: readonly StoryText[]): MiniSearch<SentenceDoc> {
  const search = new MiniSearch<SentenceDoc>(MINISEARCH_OPTIONS);
  let id = 0;
  search.addAll(stories.flatMap((s) => sentencesOf(s.text).map((text) => ({ id: id++, story: s.file, text }))));
  return search;
}

/** The `k` best sentences for `question` (MiniSearch's default search: terms OR-ed, BM25 scored), best first. */
export function searchSentences(search: MiniSearch<SentenceDoc>, question: string, k = 3): string[] {
  return search.search(question).slice(0, k).map((hit) => hit.text as string);
}

/** Saves `search` as `JSON.stringify(search)` into `storeDir/`{@link MINISEARCH_FILE}, the way MiniSearch documents persisting an index. */
export async function saveMiniSearch(search: MiniSearch<SentenceDoc>, storeDir: string): Promise<void> {
  await fs.mkdir(storeDir, { recursive: true });
  await fs.writeFile(path.join(storeDir, MINISEARCH_FILE), JSON.stringify(search));
}

/** Reads a store saved by {@link saveMiniSearch}. */
export async function loadMiniSearch(storeDir: string): Promise<MiniSearch<SentenceDoc>> {
  return MiniSearch.loadJSON<SentenceDoc>(await fs.readFile(path.join(storeDir, MINISEARCH_FILE), 'utf8'), MINISEARCH_OPTIONS);
}

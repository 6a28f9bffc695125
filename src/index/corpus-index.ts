import type { Chunk } from '../chunk/chunk.js';
import type { Story } from '../ingest/story.js';
import type { Lexicon } from '../text/lexicon.js';
import type { LexicalSearch } from './lexical.js';
import type { Manifest } from './manifest.js';
import type { VectorSearch } from './vector.js';
import type { VectorTable } from './vector-table.js';

/**
 * A loaded, immutable index: everything needed to answer. A reindex builds a
 * new one and swaps the reference, so an answer never mixes two versions.
 */
export interface CorpusIndex {
  manifest: Manifest;
  stories: Story[];
  /** Sentence chunks, `chunks[i].id === i`. */
  chunks: Chunk[];
  /** Chunk vectors, row i for chunk i (in memory, or read from the pack as needed). */
  vectors: VectorTable;
  /** Unit (paragraph, caption) vectors, row j for `units[j]`. */
  unitVectors: VectorTable;
  /** Every unit as `[story, unit]`, in the order of `unitVectors`. */
  units: [number, number][];
  /** Row of `units` for `[story][unit]`. */
  unitRow: number[][];
  /** BM25 over chunk (sentence) terms. */
  lexical: LexicalSearch;
  /** BM25 over unit (paragraph) terms, for context. */
  unitLexical: LexicalSearch;
  vector: VectorSearch;
  /** The saved HNSW graph's label → chunk id map (−1: a chunk an incremental reindex removed); a full build labels chunk i with i. */
  vectorLabels: Int32Array;
  /** The stories' words (counts, capitals) for reading questions: built with the index, stored in its pack. */
  lexicon: Lexicon;
  /** A segmented index's base and delta (`segments.ts`); absent for a whole one. */
  segments?: Segments;
}

/** The two parts of a segmented index (`segments.ts`, `joinSegments`). */
export interface Segments {
  /** The whole generation the delta was started from; its files are shared (hard-linked) by every generation built on it. */
  base: CorpusIndex;
  /** The stories that sort after the base's, indexed on their own (no graph: scanned exactly), with the whole corpus's lexicon. */
  delta: CorpusIndex;
}

/** The stages of building and saving an index, in order. */
export const BUILD_STAGES = ['embedding', 'graph', 'lexical', 'saving'] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

/**
 * Where a build is. `done` of `total`: texts embedded (sentences, then
 * paragraphs and captions) while embedding; 0 of 1 and 1 of 1 at the start
 * and end of a stage done in one step. `sentences`: how many are indexed.
 */
export interface BuildProgress {
  stage: BuildStage;
  done: number;
  total: number;
  sentences: number;
}

/** Copies `rows` into one flat array. */
export function flatten(rows: readonly Float32Array[], dimension: number): Float32Array {
  const out = new Float32Array(rows.length * dimension);
  rows.forEach((r, i) => out.set(r, i * dimension));
  return out;
}

/** Row `i` of a flat vector array, without copying. */
export function row(flat: Float32Array, dimension: number, i: number): Float32Array {
  return flat.subarray(i * dimension, (i + 1) * dimension);
}

/** The unit table and its reverse lookup. */
export function unitTable(stories: readonly Story[]): { units: [number, number][]; unitRow: number[][] } {
  return unitTableOfCounts(stories.map((s) => s.units.length));
}

/** {@link unitTable} from how many units each story has (without reading the stories' units). */
export function unitTableOfCounts(counts: ArrayLike<number>): { units: [number, number][]; unitRow: number[][] } {
  const units: [number, number][] = [];
  const unitRow: number[][] = [];
  for (let si = 0; si < counts.length; si++) {
    const rows: number[] = new Array(counts[si]!);
    for (let ui = 0; ui < rows.length; ui++) rows[ui] = units.push([si, ui]) - 1;
    unitRow.push(rows);
  }
  return { units, unitRow };
}

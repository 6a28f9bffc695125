import { chunkStories, type Chunk } from '../chunk/chunk.js';
import type { Embedder } from '../embed/embedder.js';
import type { Story } from '../ingest/story.js';
import { indexTerms } from '../text/tokenize.js';
import { checkEmbedder, embedAll, newManifest, type BuildIndexOptions } from './build-index.js';
import { unitTable, type BuildStage, type CorpusIndex } from './corpus-index.js';
import type { Bm25Index } from './lexical.js';
import { updateBm25 } from './lexical-update.js';
import type { BuildSettings } from './manifest.js';
import { DEFAULT_HNSW } from './hnsw-params.js';
import { HnswVectorIndex } from './vector.js';
import { MemoryVectorTable } from './vector-table.js';
import { reusingEmbedder } from './reusing-embedder.js';

/** Which story files an incremental reindex added, changed and removed. */
export interface StoryChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** The story files that differ between two story lists (by file name and content hash). */
export function storyChanges(before: readonly Pick<Story, 'file' | 'sha256'>[], after: readonly Pick<Story, 'file' | 'sha256'>[]): StoryChanges {
  const was = new Map(before.map((s) => [s.file, s.sha256]));
  const now = new Set(after.map((s) => s.file));
  return {
    added: after.filter((s) => !was.has(s.file)).map((s) => s.file),
    changed: after.filter((s) => was.has(s.file) && was.get(s.file) !== s.sha256).map((s) => s.file),
    removed: before.filter((s) => !now.has(s.file)).map((s) => s.file),
  };
}

/** Copies the rows of `from` that `rowOf` keeps to their new places in `to`, a run of consecutive rows at a time. */
function copyRows(from: Float32Array, to: Float32Array, rowOf: Int32Array, dim: number): void {
  for (let old = 0; old < rowOf.length; ) {
    const now = rowOf[old]!;
    let end = old + 1;
    if (now >= 0) while (end < rowOf.length && rowOf[end] === now + (end - old)) end++;
    if (now >= 0) to.set(from.subarray(old * dim, end * dim), now * dim);
    old = end;
  }
}

/** The chunks of each story of `index`, as [first, end) ranges of `index.chunks`. */
function chunkRanges(index: CorpusIndex): [number, number][] {
  const ranges = index.stories.map((): [number, number] => [0, 0]);
  for (let i = index.chunks.length - 1; i >= 0; i--) ranges[index.chunks[i]!.story]![0] = i;
  for (const c of index.chunks) ranges[c.story]![1] = c.id + 1;
  return ranges;
}

/**
 * The index of `stories` made from `previous` by re-embedding only the
 * stories whose file is in `fresh` (added or changed) and dropping those no
 * longer listed: the other stories keep their vectors, BM25 postings and
 * graph nodes. `stories` are in corpus order, the unchanged ones as
 * `previous` holds them. `previousGraph` is the saved graph of `previous`
 * (read afresh: `previous` keeps serving untouched). Answers equal a full
 * build's, up to the graph's approximation (its nodes are placed in another
 * order). Saved like any build, with `saveIndex`. A segmented `previous`
 * comes out whole: its delta's stories are indexed again as new ones (their
 * vectors reused), and `previousGraph` is its base's graph.
 */
export async function updateIndex(
  previous: CorpusIndex,
  previousGraph: string,
  stories: readonly Story[],
  fresh: ReadonlySet<string>,
  embedder: Embedder,
  settings: BuildSettings,
  options: BuildIndexOptions = {},
): Promise<CorpusIndex> {
  checkEmbedder(embedder, settings);
  const started = performance.now();
  // A segmented index is made whole: its delta's stories go in as new ones, their vectors reused.
  const whole = previous.segments?.base ?? previous;
  if (previous.segments) {
    fresh = new Set([...fresh, ...previous.manifest.stories.slice(whole.stories.length).map((s) => s.file)]);
    embedder = reusingEmbedder(embedder, previous.segments.delta);
  }
  const { chunking, lexical: terms, hnsw } = settings;
  const dim = embedder.dimension;
  const oldStory = new Map(previous.stories.map((s, i) => [s.file, i]));
  const ranges = chunkRanges(previous);
  const docOf = new Int32Array(previous.chunks.length).fill(-1);
  const unitOf = new Int32Array(previous.units.length).fill(-1);
  const { units, unitRow } = unitTable(stories);
  const chunks: Chunk[] = [];
  const addedChunks: Chunk[] = [];
  const addedUnits: number[] = [];
  const kept = new Set<number>();
  stories.forEach((story, s) => {
    const o = fresh.has(story.file) ? undefined : oldStory.get(story.file);
    if (o === undefined) {
      for (const c of chunkStories([story], { attachCredits: chunking.attachCredits })) {
        const chunk = { ...c, id: chunks.length, story: s };
        chunks.push(chunk);
        addedChunks.push(chunk);
      }
      addedUnits.push(...unitRow[s]!);
      return;
    }
    kept.add(o);
    const [first, end] = ranges[o]!;
    for (let i = first; i < end; i++) {
      docOf[i] = chunks.length;
      const c = previous.chunks[i]!;
      chunks.push({ id: chunks.length, story: s, unit: c.unit, sentence: c.sentence, kind: c.kind, citation: c.citation, start: c.start, end: c.end, text: c.text });
    }
    previous.unitRow[o]!.forEach((r, u) => (unitOf[r] = unitRow[s]![u]!));
  });
  const progress = (stage: BuildStage, done: number, total: number) => options.onProgress?.({ stage, done, total, sentences: chunks.length });
  const texts = [...addedChunks.map((c) => c.text), ...addedUnits.map((r) => stories[units[r]![0]]!.units[units[r]![1]]!.text)];
  const embedded = await embedAll(embedder, texts, (done, total) => progress('embedding', done, total));

  const vectors = new Float32Array(chunks.length * dim);
  copyRows(whole.vectors.flat(), vectors, docOf, dim);
  addedChunks.forEach((c, i) => vectors.set(embedded[i]!, c.id * dim));
  const unitVectors = new Float32Array(units.length * dim);
  copyRows(whole.unitVectors.flat(), unitVectors, unitOf, dim);
  addedUnits.forEach((r, i) => unitVectors.set(embedded[addedChunks.length + i]!, r * dim));

  progress('graph', 0, 1);
  const added = addedChunks.map((c, i) => ({ chunk: c.id, vector: embedded[i]! }));
  const vector = HnswVectorIndex.update(previousGraph, dim, previous.vectorLabels, docOf, added, { ...hnsw, efSearch: options.efSearch ?? DEFAULT_HNSW.efSearch });
  progress('graph', 1, 1);
  progress('lexical', 0, 1);
  const bm25 = { k1: terms.k1, b: terms.b };
  const lexical = updateBm25((whole.lexical as Bm25Index).parts(), docOf, addedChunks.map((c) => ({ doc: c.id, terms: indexTerms(c.text, terms) })), chunks.length, bm25);
  const unitTerms = addedUnits.map((r) => ({ doc: r, terms: indexTerms(stories[units[r]![0]]!.units[units[r]![1]]!.text, terms) }));
  const unitLexical = updateBm25((whole.unitLexical as Bm25Index).parts(), unitOf, unitTerms, units.length, bm25);
  progress('lexical', 1, 1);
  const gone = previous.stories.filter((_, o) => !kept.has(o)).map((s) => s.text);
  const lexicon = previous.lexicon.withChanges(gone, stories.filter((s) => fresh.has(s.file) || !oldStory.has(s.file)).map((s) => s.text));
  const manifest = newManifest(stories, { stories: stories.length, units: units.length, chunks: chunks.length }, settings, options.builtBy);
  manifest.buildSeconds = (performance.now() - started) / 1000;
  return { manifest, stories: [...stories], chunks, vectors: new MemoryVectorTable(vectors, dim), unitVectors: new MemoryVectorTable(unitVectors, dim), units, unitRow, lexical, unitLexical, vector, vectorLabels: vector.labels, lexicon };
}

import type { Embedder } from '../embed/embedder.js';
import type { Story } from '../ingest/story.js';
import { buildIndex, newManifest, type BuildIndexOptions } from './build-index.js';
import type { CorpusIndex } from './corpus-index.js';
import { reusingEmbedder } from './reusing-embedder.js';
import { Bm25Index } from './lexical.js';
import type { BuildSettings, Manifest } from './manifest.js';
import { lazyArray } from './packed-stories.js';
import type { StoryChanges } from './update-index.js';
import { JoinedVectorTable } from './vector-table.js';
import type { Neighbour, VectorSearch } from './vector.js';

/**
 * Stories the delta segment may hold: at least this many, else this share
 * of the base's stories. Past it, a reindex folds them into a whole new
 * generation. Every question scans the delta's vectors, so it stays small:
 * 2 % of ×10,000 is 200 stories, about 7,000 sentences, a scan of ~0.5 ms.
 */
export const DELTA_LIMIT = { stories: 20, share: 0.02 };

/** The k best of two neighbour lists, higher similarity first, ties by smaller id. */
function bestOf(a: readonly Neighbour[], b: readonly Neighbour[], k: number): Neighbour[] {
  return [...a, ...b].sort((x, y) => y.similarity - x.similarity || x.id - y.id).slice(0, k);
}

/**
 * An index that answers as one over `base`'s stories followed by `delta`'s:
 * chunk, unit and story numbers of the delta come after the base's; BM25
 * counts documents and lengths over both, so lexical scores are those of a
 * whole build; the vector search asks the base's graph (or scan) and scans
 * the delta, and keeps the best of both. `manifest` lists every story.
 */
export function joinSegments(manifest: Manifest, base: CorpusIndex, delta: CorpusIndex): CorpusIndex {
  const stories = base.stories.length;
  const chunks = base.chunks.length;
  const units = base.units.length;
  const deltaChunks = delta.chunks.map((c) => ({ ...c, id: c.id + chunks, story: c.story + stories }));
  const vector: VectorSearch = {
    count: base.vector.count + delta.vector.count,
    search: (query, k) =>
      bestOf(
        base.vector.search(query, k),
        delta.vector.search(query, k).map((n) => ({ id: n.id + chunks, similarity: n.similarity })),
        k,
      ),
  };
  return {
    manifest,
    stories: lazyArray(stories + delta.stories.length, (s) => (s < stories ? base.stories[s]! : delta.stories[s - stories]!)),
    chunks: lazyArray(chunks + deltaChunks.length, (i) => (i < chunks ? base.chunks[i]! : deltaChunks[i - chunks]!)),
    vectors: new JoinedVectorTable(base.vectors, delta.vectors),
    unitVectors: new JoinedVectorTable(base.unitVectors, delta.unitVectors),
    units: lazyArray(units + delta.units.length, (r): [number, number] => {
      if (r < units) return base.units[r]!;
      const [s, u] = delta.units[r - units]!;
      return [s + stories, u];
    }),
    unitRow: lazyArray(stories + delta.stories.length, (s) => (s < stories ? base.unitRow[s]! : delta.unitRow[s - stories]!.map((r) => r + units))),
    lexical: Bm25Index.joined(base.lexical as Bm25Index, delta.lexical as Bm25Index),
    unitLexical: Bm25Index.joined(base.unitLexical as Bm25Index, delta.unitLexical as Bm25Index),
    vector,
    vectorLabels: base.vectorLabels,
    lexicon: delta.lexicon,
    segments: { base, delta },
  };
}

/**
 * The stories a delta would hold if `changes` went into one: the stories
 * past the base (of `previous`, or `previous` itself when it is whole).
 * Undefined when the change must rewrite the base instead: a base story
 * changed or removed, an added file that sorts among the base's, no story
 * left past the base, or more than {@link DELTA_LIMIT} of them.
 */
export function deltaStories(previous: CorpusIndex, stories: readonly Story[], changes: StoryChanges): Story[] | undefined {
  const baseFiles = previous.manifest.stories.slice(0, previous.manifest.base?.stories ?? previous.manifest.stories.length).map((s) => s.file);
  const inBase = new Set(baseFiles);
  if (changes.changed.some((f) => inBase.has(f)) || changes.removed.some((f) => inBase.has(f))) return undefined;
  if (stories.length <= baseFiles.length || baseFiles.some((file, i) => stories[i]!.file !== file)) return undefined;
  const past = stories.slice(baseFiles.length);
  return past.length <= Math.max(DELTA_LIMIT.stories, Math.floor(DELTA_LIMIT.share * baseFiles.length)) ? past : undefined;
}

/**
 * `previous` with its stories past the base replaced by `delta`'s (in
 * corpus order, see {@link deltaStories}, which also decides that `changes`
 * touch only stories past the base): only stories the previous delta did
 * not hold are embedded, the delta's indexes are rebuilt (small), the whole
 * corpus's lexicon is adjusted by the changed texts, and the base is left as
 * it is.
 */
export async function updateDelta(
  previous: CorpusIndex,
  stories: readonly Story[],
  delta: readonly Story[],
  changes: StoryChanges,
  embedder: Embedder,
  settings: BuildSettings,
  options: BuildIndexOptions = {},
): Promise<CorpusIndex> {
  const started = performance.now();
  const base = previous.segments?.base ?? previous;
  const built = await buildIndex({ stories: [...delta], problems: [] }, reusingEmbedder(embedder, previous.segments?.delta), settings, { ...options, graph: false });
  const old = new Set([...changes.changed, ...changes.removed]);
  const now = new Set([...changes.added, ...changes.changed]);
  const gone = (previous.segments?.delta.stories ?? []).filter((s) => old.has(s.file)).map((s) => s.text);
  const lexicon = previous.lexicon.withChanges(gone, delta.filter((s) => now.has(s.file)).map((s) => s.text));
  const segment = { ...built, lexicon };
  const counts = {
    stories: base.stories.length + segment.stories.length,
    units: base.units.length + segment.units.length,
    chunks: base.chunks.length + segment.chunks.length,
  };
  const manifest = newManifest(stories, counts, settings, options.builtBy);
  manifest.base = { stories: base.stories.length, units: base.units.length, chunks: base.chunks.length };
  manifest.buildSeconds = (performance.now() - started) / 1000;
  return joinSegments(manifest, base, segment);
}

import type { Embedder } from '../embed/embedder.js';
import type { Story } from '../ingest/story.js';
import { buildIndex, newManifest, type BuildIndexOptions } from './build-index.js';
import type { CorpusIndex } from './corpus-index.js';
import { reusingEmbedder } from './reusing-embedder.js';
import type { BuildSettings, Manifest } from './manifest.js';
import type { StoryChanges } from './update-index.js';
import { joinSegments } from './joined-segments.js';

/**
 * Stories the delta segment may hold: at least this many, else this share
 * of the base's stories. Past it, a reindex folds them into a whole new
 * generation. Every question scans the delta's vectors, so it stays small:
 * 2 % of ×10,000 is 200 stories, about 7,000 sentences, a scan of ~0.5 ms.
 */
export const DELTA_LIMIT = { stories: 20, share: 0.02 };

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

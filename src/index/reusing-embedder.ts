import type { Embedder } from '../embed/embedder.js';
import type { CorpusIndex } from './corpus-index.js';

/**
 * An embedder that returns the vectors `known` already holds for a text
 * (its sentences and units) and embeds only the rest: a delta rebuilt with
 * one more story embeds that story alone. Embeddings depend on the text
 * only, so the vectors are the ones embedding again would give.
 */
export function reusingEmbedder(embedder: Embedder, known: CorpusIndex | undefined): Embedder {
  if (!known) return embedder;
  const cache = new Map<string, Float32Array>();
  const dim = known.vectors.dimension;
  const chunkRows = known.vectors.flat();
  known.chunks.forEach((c, i) => cache.set(c.text, chunkRows.subarray(i * dim, (i + 1) * dim)));
  const unitRows = known.unitVectors.flat();
  known.units.forEach(([s, u], r) => cache.set(known.stories[s]!.units[u]!.text, unitRows.subarray(r * dim, (r + 1) * dim)));
  const reusing: Embedder = {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    async embed(texts) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      const made = missing.length > 0 ? await embedder.embed(missing) : [];
      const fresh = new Map(missing.map((t, i) => [t, made[i]!]));
      return texts.map((t) => cache.get(t) ?? fresh.get(t)!);
    },
  };
  if (embedder.words) return { ...reusing, words: embedder.words };
  return reusing;
}

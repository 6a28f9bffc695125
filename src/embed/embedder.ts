import type { WordVectors } from './word-vectors.js';

/**
 * Turns texts into unit-length vectors. Swappable: the index and retrieval
 * only see this interface (tests may use a small deterministic one).
 */
export interface Embedder {
  /** Model id recorded in the index manifest; a different id forces a rebuild. */
  readonly modelId: string;
  /** Vector length. */
  readonly dimension: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * The model's word-level vectors, for soft matching of question words to
   * passage words; undefined for models that have none (contextual models).
   */
  readonly words?: WordVectors;
}

/** Cosine similarity of two unit vectors (their dot product). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

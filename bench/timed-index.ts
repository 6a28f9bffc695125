import type { CorpusIndex } from '../src/index/corpus-index.js';
import type { LexicalSearch } from '../src/index/lexical.js';
import { BruteforceVectorIndex, type VectorSearch } from '../src/index/vector.js';

/** Milliseconds spent in each index's `search` since the last {@link SearchClock.reset}. */
export interface SearchClock {
  vectorMs: number;
  lexicalMs: number;
  reset(): void;
}

/** `run()`'s result, its duration recorded (also when it throws). */
function timed<T>(record: (ms: number) => void, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    record(performance.now() - started);
  }
}

/** `inner` with `search` timed into `record`; the other methods pass through. */
function timedLexical(inner: LexicalSearch, record: (ms: number) => void): LexicalSearch {
  return {
    get size() {
      return inner.size;
    },
    df: (term) => inner.df(term),
    idf: (term) => inner.idf(term),
    score: (query, doc) => inner.score(query, doc),
    scorer: (query) => inner.scorer(query),
    search: (query, k) => timed(record, () => inner.search(query, k)),
  };
}

function timedVector(inner: VectorSearch, record: (ms: number) => void): VectorSearch {
  return {
    get count() {
      return inner.count;
    },
    search: (query, k) => timed(record, () => inner.search(query, k)),
  };
}

/**
 * A copy of `index` whose vector and lexical searches report their time to
 * the returned clock, so one answer splits into vector search, lexical
 * search (sentences and paragraphs) and the rest. The data is shared, not copied.
 */
export function timedIndex(index: CorpusIndex): { index: CorpusIndex; clock: SearchClock } {
  const clock: SearchClock = {
    vectorMs: 0,
    lexicalMs: 0,
    reset() {
      clock.vectorMs = 0;
      clock.lexicalMs = 0;
    },
  };
  const lexical = (ms: number) => (clock.lexicalMs += ms);
  return {
    clock,
    index: {
      ...index,
      vector: timedVector(index.vector, (ms) => (clock.vectorMs += ms)),
      lexical: timedLexical(index.lexical, lexical),
      unitLexical: timedLexical(index.unitLexical, lexical),
    },
  };
}

/** A copy of `index` that searches every chunk vector with hnswlib's C++ brute force instead of its graph: the same pipeline, exact. */
export function exactIndex(index: CorpusIndex): CorpusIndex {
  return { ...index, vector: BruteforceVectorIndex.overRows(index.vectors.flat(), index.manifest.model.dimension) };
}

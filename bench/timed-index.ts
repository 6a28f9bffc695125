import type { CorpusIndex } from '../src/index/corpus-index.js';
import type { Bm25Index } from '../src/index/lexical.js';
import { ExactVectorIndex, type VectorSearch } from '../src/index/vector.js';

/** Milliseconds spent in each index's `search` since the last {@link SearchClock.reset}. */
export interface SearchClock {
  vectorMs: number;
  lexicalMs: number;
  reset(): void;
}

/** `inner` with `search` timed into `record`; everything else (idf, size…) is inherited unchanged. */
function timedBm25(inner: Bm25Index, record: (ms: number) => void): Bm25Index {
  const timed = Object.create(inner) as Bm25Index;
  timed.search = (query, k) => {
    const started = performance.now();
    try {
      return inner.search(query, k);
    } finally {
      record(performance.now() - started);
    }
  };
  return timed;
}

function timedVector(inner: VectorSearch, record: (ms: number) => void): VectorSearch {
  return {
    get count() {
      return inner.count;
    },
    search(query, k) {
      const started = performance.now();
      try {
        return inner.search(query, k);
      } finally {
        record(performance.now() - started);
      }
    },
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
      lexical: timedBm25(index.lexical, lexical),
      unitLexical: timedBm25(index.unitLexical, lexical),
    },
  };
}

/** A copy of `index` that scans every chunk vector instead of searching the hnswlib graph: the same pipeline, exact and brute force. */
export function exactIndex(index: CorpusIndex): CorpusIndex {
  return { ...index, vector: new ExactVectorIndex(index.vectors, index.manifest.model.dimension) };
}

/** hnswlib graph parameters (see the hnswlib docs for the trade-offs). */
export interface HnswParams {
  /** Links per node (4–64). Default 16 (M 24 / efConstruction 100 was tried for archives: DESIGN.md, "Archive scale"). */
  m: number;
  /**
   * Candidate list while building (16–1000). Default 100: at ×10,000 it inserts in half the time of 200
   * (154 vs ~310 s) for the same recall@10 per efSearch (0.976 at 400, 0.990 at 600; DESIGN.md, "Archive scale").
   */
  efConstruction: number;
  /**
   * Candidate list while searching (10–1000), or `auto` (the default): an
   * exact scan below 5,000 vectors ({@link scansExactly}), 128 up to 40,000,
   * then growing with the corpus as {@link resolveEfSearch} says. Raised to k
   * when k is larger.
   */
  efSearch: number | 'auto';
}

/** Vectors up to which `auto` searches with 128 candidates (recall@10 0.969 at 36,092 sentences of the archive corpus, 0.949 with 100). */
const AUTO_EF_FLAT = 40_000;

/**
 * The candidate list a search uses: `efSearch` as given, or for `auto`
 * 128 · (count / 40,000)^0.7 above 40,000 vectors, at most 1,000 — 598 at
 * 361,725 sentences, where a sweep measured recall@10 0.976 at 400 and 0.988
 * at 600 for 0.9 ms more per search than 128's 0.892 (DESIGN.md).
 */
export function resolveEfSearch(efSearch: number | 'auto', count: number): number {
  if (efSearch !== 'auto') return efSearch;
  if (count <= AUTO_EF_FLAT) return 128;
  return Math.min(1000, Math.round(128 * (count / AUTO_EF_FLAT) ** 0.7));
}

/**
 * Live vectors below which `auto` searches by hnswlib's exact C++ scan
 * instead of the graph: there the scan is both exact and faster (the bench:
 * at 3,584 sentences the scan took 0.63× the graph's time, at 36,092 2.9×;
 * on the SQuAD sample's 827, 0.032 ms against 0.056 ms, and the graph missed
 * one of the 30 nearest for 6 of 1,373 questions).
 */
export const AUTO_EXACT_BELOW = 5_000;

/** Whether searches over `count` live vectors scan them exactly rather than walk the graph. */
export function scansExactly(efSearch: number | 'auto', count: number): boolean {
  return efSearch === 'auto' && count < AUTO_EXACT_BELOW;
}

/** The defaults `HNSW_M`, `HNSW_EF_CONSTRUCTION` and `HNSW_EF_SEARCH` take (a separate module so settings can name them without loading hnswlib). */
export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 100, efSearch: 'auto' };

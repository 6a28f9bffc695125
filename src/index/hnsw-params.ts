/** hnswlib graph parameters (see the hnswlib docs for the trade-offs). */
export interface HnswParams {
  /** Links per node (4–64). Default 16. */
  m: number;
  /** Candidate list while building (16–1000). Default 200. */
  efConstruction: number;
  /** Candidate list while searching (10–1000). Default 128 (recall@10 0.969 at ×1,000 of the archive corpus, 0.949 at 100, for +0.04 ms); raised to k when k is larger. */
  efSearch: number;
}

/** The defaults `HNSW_M`, `HNSW_EF_CONSTRUCTION` and `HNSW_EF_SEARCH` take (a separate module so settings can name them without loading hnswlib). */
export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 128 };

/** The model bundled in `embeddings/models/`, used when `EMBEDDING_MODEL` is unset. */
export const BUNDLED_MODEL_ID = 'dateline/glove-100d-sif';

/**
 * Bench-only entry, run under `node --cpu-prof`: loads the model, then
 * builds and saves the index of SEEDS_DIR into INDEX_DIR as `reindex` does,
 * and prints that window so the profile summary reads only the build.
 */
import { parseConfig } from '../src/config.js';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.js';
import { buildAndSaveIndex } from './build-index.js';
import { printWindow, profileClockUs } from './profile-window.js';

const config = parseConfig(process.env);
const embedder = await loadTransformersEmbedder({ modelId: config.embeddingModel, modelsDir: config.modelsDir });
const start = profileClockUs();
await buildAndSaveIndex(config, embedder);
printWindow(start, profileClockUs());

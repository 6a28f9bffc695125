import type { Config } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { ErrorId, UserFacingError, isUserFacing } from '../errors.js';
import { readSeeds, seedsHash, type SeedProblem, type SeedScan } from '../ingest/read-seeds.js';
import type { Logger } from '../logger.js';
import { buildCorpusIndex, DEFAULT_TERMS, type CorpusIndex } from './corpus-index.js';
import { DEFAULT_BM25 } from './lexical.js';
import type { IndexExpectations } from './manifest.js';
import { loadIndex, readCurrentManifest, saveIndex } from './store.js';

/** What a rebuild did, for the person who asked for it. */
export interface ReindexReport {
  stories: number;
  chunks: number;
  model: string;
  seconds: number;
  generation: string;
  /** Files skipped or partly used, with why. */
  problems: SeedProblem[];
  /** Counts of the index that served before, if any. */
  previous?: { stories: number; chunks: number; builtAt: string };
}

/** Settings an index is built with, from {@link Config}. */
function expectations(config: Config, embedder: Embedder, scan?: SeedScan): IndexExpectations {
  const e: IndexExpectations = {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    chunking: { unit: 'sentence', attachCredits: true },
    lexical: { k1: DEFAULT_BM25.k1, b: DEFAULT_BM25.b, ...DEFAULT_TERMS },
    hnsw: { m: config.hnsw.m, efConstruction: config.hnsw.efConstruction },
  };
  if (scan) e.seeds = { hash: seedsHash(scan.stories), stories: scan.stories.map((s) => ({ id: s.id, file: s.file, sha256: s.sha256 })) };
  return e;
}

/** Progress callback while embedding: chunks done and total. */
export type ProgressListener = (done: number, total: number) => void;

/**
 * Owns the index that serves. `open` loads the persisted index (or builds it
 * when missing, stale or damaged, saying why); `reindex` rebuilds from the
 * seeds and swaps atomically. Concurrent `reindex` calls share one rebuild,
 * and a failed rebuild leaves the serving index untouched.
 */
export class IndexService {
  private serving: CorpusIndex | undefined;
  private opening: Promise<CorpusIndex> | undefined;
  private rebuilding: Promise<ReindexReport> | undefined;

  constructor(
    private readonly deps: { config: Config; embedder: Embedder; logger: Logger },
    private readonly onProgress?: ProgressListener,
  ) {}

  /** The index serving now, if one is loaded. */
  current(): CorpusIndex | undefined {
    return this.serving;
  }

  /** True while a rebuild runs. */
  get busy(): boolean {
    return this.rebuilding !== undefined;
  }

  /** The serving index, loading or building it on first use. */
  async open(): Promise<CorpusIndex> {
    if (this.serving) return this.serving;
    this.opening ??= this.load().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Rebuilds from the seeds; shares a rebuild already under way. */
  reindex(): Promise<ReindexReport> {
    this.rebuilding ??= this.rebuild().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async scan(): Promise<SeedScan> {
    const scan = await readSeeds(this.deps.config.seedsDir, { maxBytes: this.deps.config.maxSeedBytes });
    for (const p of scan.problems) this.deps.logger.warn({ file: p.file }, `Seed file ${p.file} ${p.reason}`);
    return scan;
  }

  private async load(): Promise<CorpusIndex> {
    const { config, embedder, logger } = this.deps;
    let scan: SeedScan | undefined;
    try {
      scan = await this.scan();
    } catch (error) {
      if (!isUserFacing(error, ErrorId.NoStories)) throw error;
      const existing = await loadIndex(config.indexDir, expectations(config, embedder), config.hnsw);
      if (existing.status !== 'ok') throw error;
      logger.warn(`${error.message} Serving the existing index (${existing.index.manifest.builtAt}) instead.`);
      this.serving = existing.index;
      return existing.index;
    }
    const result = await loadIndex(config.indexDir, expectations(config, embedder, scan), config.hnsw);
    if (result.status === 'ok') {
      this.serving = result.index;
      logger.debug({ generation: result.generation }, 'Loaded the index');
      return result.index;
    }
    if (result.status === 'missing') logger.info(`No index in ${config.indexDir} yet: building it from ${scan.stories.length} stor${scan.stories.length === 1 ? 'y' : 'ies'}.`);
    else if (result.status === 'stale') logger[result.kind === 'seeds' ? 'info' : 'warn'](`Rebuilding the index: ${result.reason}.`);
    else logger.warn(`The index in ${config.indexDir} cannot be used (${result.reason}); rebuilding it.`);
    const { index } = await this.buildAndSave(scan);
    return index;
  }

  private async buildAndSave(scan: SeedScan): Promise<{ index: CorpusIndex; generation: string; seconds: number }> {
    const { config, embedder, logger } = this.deps;
    const started = performance.now();
    const options: Parameters<typeof buildCorpusIndex>[2] = { seedsHash: seedsHash(scan.stories), hnsw: config.hnsw };
    if (this.onProgress) options.onProgress = this.onProgress;
    const index = await buildCorpusIndex(scan.stories, embedder, options);
    const generation = await saveIndex(index, config.indexDir);
    this.serving = index;
    const seconds = (performance.now() - started) / 1000;
    logger.info(
      { generation, stories: index.manifest.counts.stories, chunks: index.manifest.counts.chunks, seconds: Number(seconds.toFixed(2)) },
      'Index built',
    );
    return { index, generation, seconds };
  }

  private async rebuild(): Promise<ReindexReport> {
    const before = this.serving?.manifest ?? (await readCurrentManifest(this.deps.config.indexDir));
    let scan: SeedScan;
    try {
      scan = await this.scan();
    } catch (error) {
      if (isUserFacing(error)) {
        throw new UserFacingError(error.id, `${error.message}\nNothing was rebuilt${before ? '; the previous index keeps serving' : ''}.`, { cause: error });
      }
      throw error;
    }
    const built = await this.buildAndSave(scan);
    const report: ReindexReport = {
      stories: built.index.manifest.counts.stories,
      chunks: built.index.manifest.counts.chunks,
      model: built.index.manifest.model.id,
      seconds: built.seconds,
      generation: built.generation,
      problems: scan.problems,
    };
    if (before) report.previous = { stories: before.counts.stories, chunks: before.counts.chunks, builtAt: before.builtAt };
    return report;
  }
}

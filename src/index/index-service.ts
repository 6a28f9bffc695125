import path from 'node:path';
import type { HnswParams } from './hnsw-params.js';
import type { Embedder } from '../embed/embedder.js';
import { ErrorId, UserFacingError, isUserFacing } from '../errors.js';
import { checkSeeds, type SeedCheck } from '../ingest/check-seeds.js';
import { readSeeds, seedsHash, type ReadSeedsOptions, type SeedIo, type SeedProblem, type SeedScan } from '../ingest/read-seeds.js';
import { sameSeedStamp, type SeedStamp } from '../ingest/seed-stamp.js';
import type { Logger } from '../logger.js';
import type { BuildIndexOptions } from './build-index.js';
import { buildSettings } from './build-settings.js';
import type { BuildProgress, CorpusIndex } from './corpus-index.js';
import { staleReason, withStamps, type BuildSettings, type IndexExpectations, type Manifest } from './manifest.js';
import type { StoryChanges } from './update-index.js';
import type { Story } from '../ingest/story.js';
import { acquireLock, tryLock, type HeldLock } from './lock.js';
import { currentGeneration, loadIndex, readCurrentIndex, readCurrentManifest, saveIndex, updateSeedStamps, type CurrentManifest, type VectorMode } from './store.js';

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
  /** True when another process was rebuilding: this one waited and took its fresh generation instead of building again. */
  adopted?: boolean;
  /**
   * How the index was made: `incremental` re-embedded only the changed
   * stories; `full` rebuilt everything (asked for, or no index to start
   * from); `unchanged`: no story changed, nothing was written.
   */
  kind: 'full' | 'incremental' | 'unchanged';
  /** Story files added, changed and removed since the index that served before (all added when there was none). */
  changes: StoryChanges;
}

/** What {@link IndexService.reindex} is asked to do. */
export interface ReindexOptions {
  /** Who asked (recorded in the manifest, shown by `sources`). */
  by?: string;
  /** Rebuild everything even when only some stories changed (`--full`). Default false: only changed stories are re-embedded. */
  full?: boolean;
}

/** The settings an {@link IndexService} reads (the core's `Config` has them; folders absolute). */
export interface IndexSettings {
  /** Folder of stories (`SEEDS_DIR`). */
  seedsDir: string;
  /** Read links in the seeds folder that point outside it (`SEEDS_FOLLOW_LINKS`). */
  seedsFollowLinks: boolean;
  /** Largest story file accepted, in bytes (`MAX_SEED_BYTES`). */
  maxSeedBytes: number;
  /** Folder of the persisted index (`INDEX_DIR`). */
  indexDir: string;
  /** hnswlib parameters (`HNSW_*`). */
  hnsw: HnswParams;
}

/** What an {@link IndexService} works with. */
export interface IndexServiceDeps {
  config: IndexSettings;
  embedder: Embedder;
  logger: Logger;
  /**
   * Version of the confidence model answers are judged with; recorded in each
   * build's manifest, and an index built for another version is rebuilt.
   * Absent (tests, tools): any index serves and none is recorded.
   */
  confidenceModel?: number;
  /** How a loaded index searches its vectors (see {@link VectorMode}). Default `graph`; a one-shot `dateline ask` uses `scan`. */
  vectorSearch?: VectorMode;
  /** How seed contents are read and the clock their stamps are judged by (tests count reads through it). Default the file system. */
  seedIo?: SeedIo;
}

/** The report of a reindex that made (or kept) the index of manifest `made`; `before` is the manifest that served before, if any. */
function reindexReport(
  made: Manifest,
  before: Manifest | undefined,
  outcome: Pick<ReindexReport, 'generation' | 'seconds' | 'problems' | 'kind' | 'changes' | 'adopted'>,
): ReindexReport {
  const report: ReindexReport = { stories: made.counts.stories, chunks: made.counts.chunks, model: made.model.id, ...outcome };
  if (before) report.previous = { stories: before.counts.stories, chunks: before.counts.chunks, builtAt: before.builtAt };
  return report;
}

/** A seeds error as the moderator reads it: a user-facing one says nothing was rebuilt (and the previous index serves); others pass unchanged. */
function nothingRebuilt(error: unknown, before: Manifest | undefined): unknown {
  if (!isUserFacing(error)) return error;
  return new UserFacingError(error.id, `${error.message}\nNothing was rebuilt${before ? '; the previous index keeps serving' : ''}.`, { cause: error });
}

/** Stamps of stories `check` read and found unchanged whose manifest stamp is missing or stale: what to record so they are not read again. */
function freshStamps(manifest: Manifest, check: SeedCheck): { file: string; sha256: string; stamp: SeedStamp }[] {
  const sha = new Map(check.stories.map((s) => [s.file, s.sha256]));
  return manifest.stories.flatMap((s) => {
    const stamp = check.stamps.get(s.file);
    return stamp && sha.get(s.file) === s.sha256 && !sameSeedStamp(stamp, s.stamp) ? [{ file: s.file, sha256: s.sha256, stamp }] : [];
  });
}

/** Progress callback while an index is built and saved: the stage, and how far it is (see {@link BuildProgress}). */
export type ProgressListener = (event: BuildProgress) => void;

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
  private servingGeneration: string | undefined;
  private reloads: Promise<unknown> = Promise.resolve();


  /** What this service builds with and asks of a loaded index. */
  private readonly settings: BuildSettings;

  constructor(
    private readonly deps: IndexServiceDeps,
    private readonly onProgress?: ProgressListener,
  ) {
    this.settings = buildSettings({ embedder: deps.embedder, hnsw: deps.config.hnsw, confidenceModel: deps.confidenceModel });
  }

  private get vectorMode(): VectorMode {
    return this.deps.vectorSearch ?? 'graph';
  }

  /** The index serving now, if one is loaded. */
  current(): CorpusIndex | undefined {
    return this.serving;
  }

  /** The generation folder serving now, if known. */
  generation(): string | undefined {
    return this.servingGeneration;
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

  /**
   * Brings the index up to date with the seeds; shares a reindex already
   * under way. Only the stories added or changed since the serving
   * generation are embedded, unless `full` is asked or there is no usable
   * generation to start from.
   */
  reindex(options: ReindexOptions = {}): Promise<ReindexReport> {
    this.rebuilding ??= this.rebuild(options).finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  /**
   * Serves the generation `CURRENT` names now (another process rebuilt it),
   * loading it read-only and swapping it in at once: an answer already under
   * way keeps the index it started with. Reloads run one after another; a
   * generation that cannot serve leaves the current one serving and throws.
   * Resolves with the generation serving afterwards.
   */
  reload(): Promise<string> {
    const next = this.reloads.catch(() => undefined).then(() => this.reloadNow());
    this.reloads = next;
    return next;
  }

  private async reloadNow(): Promise<string> {
    const { config, embedder, logger } = this.deps;
    const wanted = await currentGeneration(config.indexDir);
    if (wanted && wanted === this.servingGeneration) return wanted;
    const result = await loadIndex(config.indexDir, this.expectations(), config.hnsw, undefined, this.vectorMode);
    if (result.status !== 'ok') {
      const why = result.status === 'missing' ? `no index in ${config.indexDir}` : result.reason;
      throw new Error(`Cannot reload the index: ${why}. The previous generation keeps serving.`);
    }
    this.adopt(result.index, result.generation);
    logger.info({ generation: result.generation }, 'Reloaded the index');
    return result.generation;
  }

  /** The settings, and the seeds of `scan` when given (without, whatever seeds the index holds serve). */
  private expectations(scan?: SeedScan): IndexExpectations {
    if (!scan) return this.settings;
    return { ...this.settings, seeds: { hash: seedsHash(scan.stories), stories: scan.stories.map((s) => ({ id: s.id, file: s.file, sha256: s.sha256 })) } };
  }

  private adopt(index: CorpusIndex, generation: string): void {
    this.serving = index;
    this.servingGeneration = generation;
  }

  /** Takes the index folder's lock (waiting while another process writes), logging why it waits or what it broke. */
  private lock(): Promise<{ lock: HeldLock; waited: boolean }> {
    const { config, logger } = this.deps;
    return acquireLock(config.indexDir, {
      onWait: (holder) => logger.info({ holder }, 'Another process is writing the index; waiting for it'),
      onBroke: (why) => logger.warn(`Broke a stale index lock: ${why}.`),
    });
  }

  private seedOptions(): ReadSeedsOptions {
    const { config, seedIo } = this.deps;
    const options: ReadSeedsOptions = { maxBytes: config.maxSeedBytes, followLinks: config.seedsFollowLinks };
    if (seedIo) options.io = seedIo;
    return options;
  }

  private warnProblems(problems: readonly SeedProblem[]): void {
    for (const p of problems) this.deps.logger.warn({ file: p.file }, `Seed file ${p.file} ${p.reason}`);
  }

  private async scan(): Promise<SeedScan> {
    const scan = await readSeeds(this.deps.config.seedsDir, this.seedOptions());
    this.warnProblems(scan.problems);
    return scan;
  }

  /**
   * Serves the persisted index when the seeds are those its manifest records,
   * reading only the story files whose stat stamps do not match (issue #16:
   * cold start must not grow with the seeds). Undefined when anything differs
   * or cannot be told (no index, other settings, no seeds folder, a story
   * changed, a damaged index): `load` then takes the full path, which reads
   * every story, says why, and rebuilds.
   */
  private async openUnchanged(): Promise<CorpusIndex | undefined> {
    const { config, logger } = this.deps;
    const current = await readCurrentIndex(config.indexDir);
    if (!current || staleReason(current.manifest, this.settings)) return undefined;
    const { manifest } = current;
    let check: SeedCheck;
    try {
      check = await checkSeeds(config.seedsDir, manifest.stories, this.seedOptions());
    } catch {
      return undefined;
    }
    const hash = seedsHash(check.stories);
    if (hash !== manifest.seedsHash) return undefined;
    const result = await loadIndex(config.indexDir, { ...this.settings, seeds: { hash, stories: check.stories } }, config.hnsw, current, this.vectorMode);
    if (result.status !== 'ok') return undefined;
    this.warnProblems(check.problems);
    this.adopt(result.index, result.generation);
    logger.debug({ generation: result.generation, seedsRead: check.read.length }, 'Loaded the index');
    await this.refreshStamps(result.generation, result.index.manifest, check);
    return result.index;
  }

  /**
   * Records the stamps of stories read on open and found unchanged, when the
   * index lock is free at once; otherwise (or on any error) leaves it to a
   * later open: stamps only save reading, they never decide what serves.
   */
  private async refreshStamps(generation: string, manifest: Manifest, check: SeedCheck): Promise<void> {
    const { config, logger } = this.deps;
    const fresh = freshStamps(manifest, check);
    if (fresh.length === 0) return;
    try {
      const held = await tryLock(config.indexDir);
      if (!held.ok) return;
      try {
        if ((await currentGeneration(config.indexDir)) !== generation) return;
        const updated = await updateSeedStamps(config.indexDir, generation, fresh);
        logger.debug({ generation, updated }, 'Recorded seed stamps, so unchanged stories are not read on the next start');
      } finally {
        await held.lock.release();
      }
    } catch (error) {
      logger.debug({ err: (error as Error).message }, 'Could not record seed stamps; the next start reads those stories again');
    }
  }

  private async load(): Promise<CorpusIndex> {
    const unchanged = await this.openUnchanged();
    if (unchanged) return unchanged;
    const { config, logger } = this.deps;
    let scan: SeedScan | undefined;
    try {
      scan = await this.scan();
    } catch (error) {
      if (!isUserFacing(error, ErrorId.NoStories)) throw error;
      const existing = await loadIndex(config.indexDir, this.expectations(), config.hnsw, undefined, this.vectorMode);
      if (existing.status !== 'ok') throw error;
      logger.warn(`${error.message} Serving the existing index (${existing.index.manifest.builtAt}) instead.`);
      this.adopt(existing.index, existing.generation);
      return existing.index;
    }
    const seen = await currentGeneration(config.indexDir);
    const result = await loadIndex(config.indexDir, this.expectations(scan), config.hnsw, undefined, this.vectorMode);
    if (result.status === 'ok') {
      this.adopt(result.index, result.generation);
      logger.debug({ generation: result.generation }, 'Loaded the index');
      return result.index;
    }
    const { lock, waited } = await this.lock();
    try {
      if (waited || (await currentGeneration(config.indexDir)) !== seen) {
        const fresh = await loadIndex(config.indexDir, this.expectations(scan), config.hnsw, undefined, this.vectorMode);
        if (fresh.status === 'ok') {
          this.adopt(fresh.index, fresh.generation);
          logger.info({ generation: fresh.generation }, 'Loaded the index another process built');
          return fresh.index;
        }
      }
      return await this.buildMissing(result, scan);
    } finally {
      await lock.release();
    }
  }

  private async buildMissing(result: Exclude<Awaited<ReturnType<typeof loadIndex>>, { status: 'ok' }>, scan: SeedScan): Promise<CorpusIndex> {
    const { config, logger } = this.deps;
    if (result.status === 'missing') logger.info(`No index in ${config.indexDir} yet: building it from ${scan.stories.length} stor${scan.stories.length === 1 ? 'y' : 'ies'}.`);
    else if (result.status === 'stale') logger[result.kind === 'seeds' ? 'info' : 'warn'](`Rebuilding the index: ${result.reason}.`);
    else logger.warn(`The index in ${config.indexDir} cannot be used (${result.reason}); rebuilding it.`);
    const { index } = await this.buildAndSave(scan);
    return index;
  }

  private async buildAndSave(scan: SeedScan, builtBy?: string): Promise<{ index: CorpusIndex; generation: string; seconds: number }> {
    const { config, embedder, logger } = this.deps;
    const started = performance.now();
    const options: BuildIndexOptions = { efSearch: config.hnsw.efSearch };
    if (this.onProgress) options.onProgress = this.onProgress;
    if (builtBy) options.builtBy = builtBy;
    const { buildIndex } = await import('./build-index.js');
    const built = await buildIndex(scan, embedder, this.settings, options);
    if (scan.stamps) built.manifest.stories = withStamps(built.manifest.stories, scan.stamps);
    const { index, generation } = await this.save(built);
    const { manifest } = index;
    const sentences = manifest.counts.chunks;
    const seconds = (performance.now() - started) / 1000;
    logger.info(
      { generation, stories: manifest.counts.stories, sentences, seconds: Number(seconds.toFixed(2)) },
      'Index built',
    );
    return { index, generation, seconds };
  }

  /** Saves a built or updated index as the new generation and serves it. */
  private async save(built: CorpusIndex): Promise<{ index: CorpusIndex; generation: string }> {
    const sentences = built.manifest.counts.chunks;
    this.onProgress?.({ stage: 'saving', done: 0, total: 1, sentences });
    const { generation, manifest } = await saveIndex(built, this.deps.config.indexDir);
    this.onProgress?.({ stage: 'saving', done: 1, total: 1, sentences });
    const index = { ...built, manifest };
    this.adopt(index, generation);
    return { index, generation };
  }

  private async rebuild(options: ReindexOptions): Promise<ReindexReport> {
    const { config } = this.deps;
    const before = this.serving?.manifest ?? (await readCurrentManifest(config.indexDir));
    const seen = await currentGeneration(config.indexDir);
    const { lock, waited } = await this.lock();
    try {
      const othersWrote = waited || (await currentGeneration(config.indexDir)) !== seen;
      if (!options.full && !othersWrote) {
        const updated = await this.updateLocked(before, options.by);
        if (updated) return updated;
      }
      return await this.rebuildLocked(before, othersWrote, options.by);
    } finally {
      await lock.release();
    }
  }

  /**
   * With the lock held: the incremental path. Checks the seeds against the
   * current generation by stat stamps (reading only what changed) and embeds
   * only added and changed stories into a new generation. Undefined when it
   * cannot start from the current generation (none, other settings,
   * damaged): the caller rebuilds everything.
   */
  private async updateLocked(before: Manifest | undefined, by: string | undefined): Promise<ReindexReport | undefined> {
    const { config, embedder, logger } = this.deps;
    const started = performance.now();
    const current = await readCurrentIndex(config.indexDir);
    if (!current || staleReason(current.manifest, this.settings)) return undefined;
    let check: SeedCheck;
    try {
      check = await checkSeeds(config.seedsDir, current.manifest.stories, this.seedOptions());
    } catch (error) {
      throw nothingRebuilt(error, before);
    }
    // No readable story: the full path refuses it with the reason readSeeds gives.
    if (check.stories.length === 0) return undefined;
    this.warnProblems(check.problems);
    const [{ storyChanges, updateIndex }, { deltaStories, updateDelta }] = await Promise.all([import('./update-index.js'), import('./segments.js')]);
    const changes = storyChanges(current.manifest.stories, check.stories);
    const seconds = () => (performance.now() - started) / 1000;
    const report = (made: Manifest, generation: string, kind: ReindexReport['kind']) =>
      reindexReport(made, before, { generation, seconds: seconds(), problems: check.problems, kind, changes });
    const previous = this.servingGeneration === current.generation && this.serving ? this.serving : await this.loadForUpdate(current);
    if (!previous) return undefined;
    this.adopt(previous, current.generation);
    if (changes.added.length + changes.changed.length + changes.removed.length === 0) {
      const stamps = freshStamps(current.manifest, check);
      if (stamps.length > 0) await updateSeedStamps(config.indexDir, current.generation, stamps);
      return report(previous.manifest, current.generation, 'unchanged');
    }
    const byFile = new Map(previous.stories.map((s) => [s.file, s]));
    const fresh = new Set([...changes.added, ...changes.changed]);
    const stories = check.stories.map((s) => (fresh.has(s.file) ? check.parsed.get(s.file) : byFile.get(s.file)));
    if (stories.some((s) => s === undefined)) return undefined;
    const options: Parameters<typeof updateIndex>[6] = { efSearch: config.hnsw.efSearch };
    if (this.onProgress) options.onProgress = this.onProgress;
    if (by) options.builtBy = by;
    const graph = path.join(config.indexDir, current.generation, 'hnsw.bin');
    const delta = deltaStories(previous, stories as Story[], changes);
    const updated = delta
      ? await updateDelta(previous, stories as Story[], delta, changes, embedder, this.settings, options)
      : await updateIndex(previous, graph, stories as Story[], fresh, embedder, this.settings, options);
    updated.manifest.stories = withStamps(updated.manifest.stories, check.stamps);
    const { generation } = await this.save(updated);
    logger.info({ generation, ...changes, segment: delta ? 'delta' : 'whole', seconds: Number(seconds().toFixed(2)) }, 'Index updated');
    return report(this.serving!.manifest, generation, 'incremental');
  }

  /** The current generation loaded to be updated (and served meanwhile), or undefined when it cannot be. */
  private async loadForUpdate(current: CurrentManifest): Promise<CorpusIndex | undefined> {
    const { config } = this.deps;
    const result = await loadIndex(config.indexDir, this.settings, config.hnsw, current, this.vectorMode);
    return result.status === 'ok' && result.generation === current.generation ? result.index : undefined;
  }

  /** With the lock held: builds, or takes the fresh generation another process just wrote while this one waited. */
  private async rebuildLocked(before: Manifest | undefined, othersWrote: boolean, by: string | undefined): Promise<ReindexReport> {
    const { config, embedder } = this.deps;
    let scan: SeedScan;
    try {
      scan = await this.scan();
    } catch (error) {
      throw nothingRebuilt(error, before);
    }
    const { storyChanges } = await import('./update-index.js');
    const changes = storyChanges(before?.stories ?? [], scan.stories);
    if (othersWrote) {
      const fresh = await loadIndex(config.indexDir, this.expectations(scan), config.hnsw, undefined, this.vectorMode);
      if (fresh.status === 'ok') {
        this.adopt(fresh.index, fresh.generation);
        return reindexReport(fresh.index.manifest, before, { generation: fresh.generation, seconds: 0, problems: scan.problems, kind: 'full', changes, adopted: true });
      }
    }
    const built = await this.buildAndSave(scan, by);
    return reindexReport(built.index.manifest, before, { generation: built.generation, seconds: built.seconds, problems: scan.problems, kind: 'full', changes });
  }
}

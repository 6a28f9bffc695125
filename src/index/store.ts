import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorId, UserFacingError } from '../errors.js';
import type { CorpusIndex } from './corpus-index.js';
import { indexPackParts, PACK_FILE, readIndexPack, readQuantised } from './index-pack.js';
import { Pack } from './pack.js';
import { fileBytes, memoryBytes } from '../text/byte-source.js';
import { ensureIndexFolder } from './lock.js';
import type { SeedStamp } from '../ingest/seed-stamp.js';
import { manifestSchema, staleKind, staleReason, withStamps, type IndexExpectations, type Manifest, type StaleKind } from './manifest.js';
import type { HnswParams } from './hnsw-params.js';
import { ExactVectorIndex, HnswVectorIndex, type VectorSearch } from './vector.js';
import { joinSegments } from './joined-segments.js';
import { QuantisedVectorIndex } from './quantised-scan.js';

/**
 * How a loaded index searches its vectors: `graph` reads the HNSW graph
 * (long-running processes: the bot, `ask -`, eval); `scan` reads no graph
 * and compares the question with every sentence's byte codes, then scores
 * the best few hundred exactly (`QuantisedVectorIndex`) — exact top k, and
 * for one question far cheaper than loading a graph (at ×10,000 the graph
 * takes seconds to read, the scan tens of milliseconds; DESIGN.md). An
 * archive's vectors then stay in the pack, read by row.
 */
export type VectorMode = 'graph' | 'scan';

/** File in the index folder naming the generation that serves. */
export const CURRENT_FILE = 'CURRENT';
const GENERATION_PREFIX = 'index-';
const BUILDING_PREFIX = '.building-';

/**
 * A generation folder's name as {@link saveIndex} writes it:
 * `index-<yyyymmdd>-<hhmmss>-<ms>-<6 hex>`. `CURRENT` must hold exactly such
 * a name; anything else (`../../etc`, an absolute path, escape codes) is a
 * damaged index and is rebuilt, never read as a path.
 */
export const GENERATION_NAME = /^index-\d{8}-\d{6}-\d{3}-[0-9a-f]{6}$/;

/** `value` quoted for a log line or message: control characters (terminal escape codes) come out escaped. */
function quoted(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const FILES = {
  pack: PACK_FILE,
  hnsw: 'hnsw.bin',
  /** A segmented generation's stories past the base (`segments.ts`). */
  delta: 'delta.pack',
} as const;

/**
 * Files up to this size are read whole and checked against their sha256 on
 * every open; larger ones (an archive's) are checked by size and structure,
 * and the pack is then read from disk as answers need it, so opening does
 * not grow with the archive (issue #16). `saveIndex` records every checksum.
 */
export const VERIFY_ON_OPEN_BYTES = 64 * 1024 * 1024;

/** What {@link saveIndex} wrote. */
export interface SavedIndex {
  /** The generation folder's name, now in `CURRENT`. */
  generation: string;
  /** The manifest written, listing every file with its size and checksum. */
  manifest: Manifest;
}

/** A generation and the manifest read from it. */
export interface CurrentManifest {
  generation: string;
  manifest: Manifest;
}

/** Result of {@link loadIndex}. */
export type LoadResult =
  | { status: 'ok'; index: CorpusIndex; generation: string }
  | { status: 'missing' }
  | { status: 'stale'; reason: string; kind: StaleKind }
  | { status: 'corrupt'; reason: string };

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** Writes `data` (a string, or pieces written one after another) and syncs it to disk; returns its size and sha256. */
async function writeFileSynced(file: string, data: string | readonly Uint8Array[]): Promise<{ bytes: number; sha256: string }> {
  const handle = await fs.open(file, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for (const part of typeof data === 'string' ? [Buffer.from(data)] : data) {
      await handle.write(part);
      hash.update(part);
      bytes += part.byteLength;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Writes `index` as a new generation folder inside `dir`, then points
 * `CURRENT` at it with an atomic rename. A crash at any moment leaves the
 * previous generation serving; a half-written folder is never pointed at.
 * Older generations except the previous one are removed afterwards.
 * Returns the new generation's folder name and its manifest (`index`'s,
 * with the files written); `index` itself is left as it was.
 */
export async function saveIndex(index: CorpusIndex, dir: string): Promise<SavedIndex> {
  await ensureIndexFolder(dir);
  await checkCurrentIsFile(dir);
  const built = new Date(index.manifest.builtAt);
  const stamp = (Number.isNaN(built.getTime()) ? new Date() : built).toISOString().replace(/[-:Z]/g, '').replace(/[T.]/g, '-');
  const name = `${stamp}-${randomBytes(3).toString('hex')}`;
  const building = path.join(dir, BUILDING_PREFIX + name);
  await fs.mkdir(building);
  const files = index.segments ? await writeSegments(index, dir, building) : await writeWhole(index, building);
  const manifest: Manifest = { ...index.manifest, files };
  await writeFileSynced(path.join(building, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const generation = GENERATION_PREFIX + name;
  await fs.rename(building, path.join(dir, generation));
  const pointer = path.join(dir, `${CURRENT_FILE}.${name}.tmp`);
  await writeFileSynced(pointer, `${generation}\n`);
  try {
    await fs.rename(pointer, path.join(dir, CURRENT_FILE));
  } catch (error) {
    // CURRENT became a folder while this build ran.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    await fs.rm(pointer, { force: true });
    throw currentIsFolder(dir, error);
  }
  await pruneGenerations(dir, generation);
  return { generation, manifest };
}

/** Writes a whole index's pack and graph into `building`; returns their manifest entries. */
async function writeWhole(index: CorpusIndex, building: string): Promise<Manifest['files']> {
  const hnswPath = path.join(building, FILES.hnsw);
  (index.vector as HnswVectorIndex).save(hnswPath);
  const files: Manifest['files'] = {};
  files[FILES.pack] = await writeFileSynced(path.join(building, FILES.pack), indexPackParts(index));
  const hnswBytes = await fs.readFile(hnswPath);
  files[FILES.hnsw] = { bytes: hnswBytes.byteLength, sha256: sha256(hnswBytes) };
  return files;
}

/**
 * Writes a segmented index's delta into `building` and hard-links the base's
 * pack and graph from the current generation (they never change once
 * written), with the manifest entries it has for them: adding a story writes
 * the small delta, not the archive.
 */
async function writeSegments(index: CorpusIndex, dir: string, building: string): Promise<Manifest['files']> {
  const current = await readCurrentIndex(dir);
  const base = current?.manifest.base ?? current?.manifest.counts;
  const mine = index.manifest.base;
  if (!current || !base || !mine || !sameCounts(base, mine)) {
    throw new Error('a segmented index is saved beside the generation holding its base, and the current one does not');
  }
  const files: Manifest['files'] = {};
  for (const name of [FILES.pack, FILES.hnsw]) {
    const entry = current.manifest.files[name];
    if (!entry) throw new Error(`the current generation's manifest does not list ${name}`);
    await linkOrCopy(path.join(dir, current.generation, name), path.join(building, name));
    files[name] = entry;
  }
  files[FILES.delta] = await writeFileSynced(path.join(building, FILES.delta), indexPackParts(index.segments!.delta));
  return files;
}

/** A hard link to `from` at `to`, or a copy where the file system has no hard links. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (error) {
    if (!['EPERM', 'EXDEV', 'ENOTSUP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await fs.copyFile(from, to);
  }
}

function currentIsFolder(dir: string, cause?: unknown): UserFacingError {
  const file = path.join(dir, CURRENT_FILE);
  return new UserFacingError(
    ErrorId.BadIndexFolder,
    `${file} is a folder, but Dateline keeps the name of the serving index there as a file. ` +
      `Move or remove that folder (e.g. rm -r ${JSON.stringify(file)}) and run again; the index is rebuilt.`,
    cause === undefined ? undefined : { cause },
  );
}

/** Refuses to build when `CURRENT` is a folder (the new generation could never be pointed at). */
async function checkCurrentIsFile(dir: string): Promise<void> {
  const stat = await fs.lstat(path.join(dir, CURRENT_FILE)).catch(() => undefined);
  if (stat?.isDirectory()) throw currentIsFolder(dir);
}

/** Removes unfinished builds and all generations but the current and the one before it. */
async function pruneGenerations(dir: string, current: string): Promise<void> {
  const entries = await fs.readdir(dir);
  const generations = entries.filter((e) => e.startsWith(GENERATION_PREFIX) && e !== current).sort();
  const doomed = [...generations.slice(0, -1), ...entries.filter((e) => e.startsWith(BUILDING_PREFIX) || /^CURRENT\..*\.tmp$/.test(e))];
  await Promise.all(doomed.map((e) => fs.rm(path.join(dir, e), { recursive: true, force: true })));
}

/**
 * Checks a generation's file against its manifest entry: its size always;
 * up to {@link VERIFY_ON_OPEN_BYTES} also its sha256, returning the bytes
 * read for it. A larger file comes back undefined: the caller reads it from
 * disk as needed.
 */
async function checkFile(file: string, name: string, manifest: Manifest): Promise<Buffer | undefined> {
  const expected = manifest.files[name];
  if (!expected) throw new Error(`the manifest does not list ${name}`);
  const { size } = await fs.stat(file);
  if (size !== expected.bytes) throw new Error(`${name} is ${size} bytes, the manifest says ${expected.bytes} (truncated?)`);
  if (size > VERIFY_ON_OPEN_BYTES) return undefined;
  const data = await fs.readFile(file);
  if (sha256(data) !== expected.sha256) throw new Error(`${name} does not match its checksum (corrupted?)`);
  return data;
}

/** What `CURRENT` holds: nothing, a generation folder's name, or something else (why it cannot be used). */
async function readCurrent(dir: string): Promise<{ generation: string } | { bad: string } | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(path.join(dir, CURRENT_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const name = raw.trim();
  if (!name) return undefined;
  if (GENERATION_NAME.test(name)) return { generation: name };
  return { bad: `${CURRENT_FILE} holds ${quoted(name)}, which is not the name of a generation folder in the index folder` };
}

/** The generation `CURRENT` names, if any (only a generation folder's name: anything else counts as none). */
export async function currentGeneration(dir: string): Promise<string | undefined> {
  const current = await readCurrent(dir);
  return current && 'generation' in current ? current.generation : undefined;
}

/** `base` after checking it holds as many stories, units and chunks as the manifest says the base has. */
function checkedBase(base: CorpusIndex, counts: Manifest['counts']): CorpusIndex {
  const held = { stories: base.stories.length, units: base.units.length, chunks: base.chunks.length };
  if (!sameCounts(held, counts)) {
    throw new Error(`the base holds ${held.stories} stories, ${held.units} units and ${held.chunks} chunks, the manifest says ${counts.stories}, ${counts.units} and ${counts.chunks}`);
  }
  return base;
}

/** Whether two story, unit and chunk counts are the same. */
function sameCounts(a: Manifest['counts'], b: Manifest['counts']): boolean {
  return a.stories === b.stories && a.units === b.units && a.chunks === b.chunks;
}

/** A segmented generation's delta, read whole and checked (it is small), searched by scanning its vectors. */
async function readDelta(folder: string, manifest: Manifest): Promise<CorpusIndex> {
  const file = path.join(folder, FILES.delta);
  const bytes = (await checkFile(file, FILES.delta, manifest)) ?? (await fs.readFile(file));
  const parts = readIndexPack(Pack.read(memoryBytes(bytes)), manifest.model.dimension, 'memory');
  return { manifest, ...parts, vector: new ExactVectorIndex(parts.vectors.flat(), manifest.model.dimension) };
}

/** The manifest of `generation`, or why it cannot be used. */
async function readManifest(dir: string, generation: string): Promise<{ manifest: Manifest } | { reason: string }> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await fs.readFile(path.join(dir, generation, 'manifest.json'), 'utf8')));
    if (!parsed.success) return { reason: `${generation}/manifest.json is not a Dateline manifest (${parsed.error.issues[0]?.message})` };
    return { manifest: parsed.data };
  } catch (error) {
    return { reason: `${generation}/manifest.json cannot be read (${(error as Error).message})` };
  }
}

/**
 * Records fresh seed stamps in `generation`'s manifest, for stories whose file
 * and content hash are those given (a story read again on open and found
 * unchanged, e.g. after a checkout set new mtimes), so the next open need not
 * read them. Rewrites manifest.json atomically (readers see the old or the new
 * one); call with the index lock held, so no rebuild prunes the folder meanwhile.
 * Returns how many stories got a new stamp.
 */
export async function updateSeedStamps(dir: string, generation: string, fresh: readonly { file: string; sha256: string; stamp: SeedStamp }[]): Promise<number> {
  const read = await readManifest(dir, generation);
  if (!('manifest' in read)) return 0;
  const byFile = new Map(fresh.map((f) => [f.file, f]));
  const stamps = new Map<string, SeedStamp>();
  for (const s of read.manifest.stories) {
    const f = byFile.get(s.file);
    if (f && f.sha256 === s.sha256) stamps.set(s.file, f.stamp);
  }
  if (stamps.size === 0) return 0;
  const manifest: Manifest = { ...read.manifest, stories: withStamps(read.manifest.stories, stamps, true) };
  const file = path.join(dir, generation, 'manifest.json');
  const temp = `${file}.${randomBytes(3).toString('hex')}.tmp`;
  await writeFileSynced(temp, JSON.stringify(manifest, null, 2));
  await fs.rename(temp, file).catch(async (error: unknown) => {
    await fs.rm(temp, { force: true });
    throw error;
  });
  return stamps.size;
}

/** The current generation and its manifest, if it can be read (pass it on to {@link loadIndex} to spare reading it twice). */
export async function readCurrentIndex(dir: string): Promise<CurrentManifest | undefined> {
  const generation = await currentGeneration(dir);
  if (!generation) return undefined;
  const read = await readManifest(dir, generation);
  return 'manifest' in read ? { generation, manifest: read.manifest } : undefined;
}

/** The manifest of the current generation, if it can be read. */
export async function readCurrentManifest(dir: string): Promise<Manifest | undefined> {
  return (await readCurrentIndex(dir))?.manifest;
}

/**
 * Loads the current generation if it matches `expected` and every file
 * checks out against the manifest (size and sha256, before hnswlib reads its
 * graph), without re-embedding anything. Never throws for bad files: it says
 * why the index cannot serve, and the caller rebuilds. `known`, a manifest
 * just read, is used instead of reading it again while `CURRENT` still names it.
 */
export async function loadIndex(dir: string, expected: IndexExpectations, hnsw: HnswParams, known?: CurrentManifest, vectors: VectorMode = 'graph'): Promise<LoadResult> {
  const current = await readCurrent(dir);
  if (!current) return { status: 'missing' };
  if ('bad' in current) return { status: 'corrupt', reason: current.bad };
  const { generation } = current;
  const folder = path.join(dir, generation);
  const read = known?.generation === generation ? { manifest: known.manifest } : await readManifest(dir, generation);
  if (!('manifest' in read)) return { status: 'corrupt', reason: read.reason };
  const { manifest } = read;
  const stale = staleReason(manifest, expected);
  if (stale) return { status: 'stale', reason: stale, kind: staleKind(manifest, expected) };
  try {
    const packFile = path.join(folder, FILES.pack);
    const hnswFile = path.join(folder, FILES.hnsw);
    const packBytes = await checkFile(packFile, FILES.pack, manifest);
    const pack = Pack.read(packBytes ? memoryBytes(packBytes) : fileBytes(packFile));
    const dim = manifest.model.dimension;
    const parts = readIndexPack(pack, dim, vectors === 'scan' && !packBytes ? 'pack' : 'memory');
    let vector: VectorSearch;
    if (vectors === 'scan') vector = new QuantisedVectorIndex(readQuantised(pack), parts.vectors);
    else {
      await checkFile(hnswFile, FILES.hnsw, manifest);
      vector = HnswVectorIndex.load(hnswFile, dim, parts.vectorLabels, hnsw);
    }
    const whole: CorpusIndex = { manifest, ...parts, vector };
    const index = manifest.base ? joinSegments(manifest, checkedBase(whole, manifest.base), await readDelta(folder, manifest)) : whole;
    return { status: 'ok', index, generation };
  } catch (error) {
    return { status: 'corrupt', reason: `${generation} is damaged: ${(error as Error).message}` };
  }
}

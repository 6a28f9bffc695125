import { z } from 'zod';
import type { SeedStamp } from '../ingest/seed-stamp.js';

/** Bumped whenever the files' layout or meaning changes (3: irregular verbs and more letters folded in lexical terms; 4: one binary pack instead of JSON files, vector labels mapped to chunks; 5: byte codes of the sentence vectors for one-shot scans); an older index is rebuilt. */
export const SCHEMA_VERSION = 6;

const fileEntry = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().length(64) });

const fileStamp = z.object({ size: z.number().int().nonnegative(), mtimeMs: z.number(), ctimeMs: z.number(), ino: z.number() });

/**
 * A story's stat stamp (see `SeedStamp`). Optional, so the schema version
 * stays: an index built before stamps were recorded keeps serving (its
 * stories are hashed on open, as before, until stamps are filled in), and
 * an older Dateline reading a newer manifest ignores the field.
 */
const seedStamp = fileStamp.extend({ sidecar: fileStamp.optional() });

/** A story as the manifest lists it. */
export interface StoryEntry {
  id: string;
  file: string;
  sha256: string;
  stamp?: z.infer<typeof seedStamp>;
}

const isFileStamp = (v: unknown): boolean => {
  const s = v as Record<string, unknown> | null;
  return typeof s === 'object' && s !== null && Number.isInteger(s.size) && (s.size as number) >= 0 && typeof s.mtimeMs === 'number' && typeof s.ctimeMs === 'number' && typeof s.ino === 'number';
};

/** What `storyEntry`'s zod schema checked, by hand: zod took ~150 ms over an archive's 10,000 entries, a tenth of a one-shot ask (issue #16). */
function isStoryEntry(v: unknown): v is StoryEntry {
  const e = v as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null || typeof e.id !== 'string' || typeof e.file !== 'string' || typeof e.sha256 !== 'string') return false;
  if (e.stamp === undefined) return true;
  const sidecar = (e.stamp as Record<string, unknown> | null)?.sidecar;
  return isFileStamp(e.stamp) && (sidecar === undefined || isFileStamp(sidecar));
}

const storyEntries = z.custom<StoryEntry[]>((v) => Array.isArray(v) && v.every(isStoryEntry), { message: 'stories must list { id, file, sha256, stamp? } for each story' });

/** `manifest.json`: what an index was built from and with, and the files it holds. */
export const manifestSchema = z.object({
  schemaVersion: z.number().int(),
  model: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  chunking: z.object({ unit: z.literal('sentence'), attachCredits: z.boolean() }),
  lexical: z.object({ k1: z.number(), b: z.number(), bigrams: z.boolean(), prefixes: z.boolean() }),
  hnsw: z.object({ m: z.number().int(), efConstruction: z.number().int() }),
  seedsHash: z.string(),
  stories: storyEntries,
  counts: z.object({ stories: z.number().int(), units: z.number().int(), chunks: z.number().int() }),
  builtAt: z.string(),
  /** Who asked for this build: a moderator, a terminal user, or `automatic` (missing or stale index at start). Absent in indexes built before it was recorded. */
  builtBy: z.string().optional(),
  buildSeconds: z.number(),
  /**
   * Version of the confidence model (answer/confidence-model.ts) whose
   * thresholds were fitted on indexes built this way. Recorded so that an
   * answer's "sure / not sure / doesn't say" can always be traced to the model
   * that judged it; a different version rebuilds. Absent in older indexes.
   */
  confidenceModel: z.number().int().optional(),
  files: z.record(fileEntry),
  /**
   * Present when the generation is segmented (`segments.ts`): how many of the
   * stories, units and chunks are the base's, whose `index.pack` and
   * `hnsw.bin` are shared with the generation they were built in; the rest
   * are in `delta.pack`.
   */
  base: z.object({ stories: z.number().int().nonnegative(), units: z.number().int().nonnegative(), chunks: z.number().int().nonnegative() }).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/**
 * How an index is built (see `buildSettings`): recorded in its manifest, and
 * compared with the running code's when it loads; any difference rebuilds.
 */
export interface BuildSettings {
  model: Manifest['model'];
  chunking: Manifest['chunking'];
  lexical: Manifest['lexical'];
  hnsw: Manifest['hnsw'];
  /** The confidence model answers are judged with; absent means "any" (none is recorded). */
  confidenceModel?: number;
}

/** What the running code expects of an index; any difference means a rebuild. */
export interface IndexExpectations extends BuildSettings {
  /** Current seeds, when they could be read; absent means "serve whatever is there". */
  seeds?: { hash: string; stories: Manifest['stories'] };
}

/**
 * `stories` with the stamps of `stamps` (by file) in place of theirs; a
 * story without a stamp there keeps the one it had only when `keep`.
 */
export function withStamps(stories: Manifest['stories'], stamps: ReadonlyMap<string, SeedStamp>, keep = false): Manifest['stories'] {
  return stories.map(({ stamp: old, ...s }) => {
    const stamp = stamps.get(s.file) ?? (keep ? old : undefined);
    return stamp ? { ...s, stamp } : s;
  });
}

function describeSeedChange(old: Manifest['stories'], now: Manifest['stories']): string {
  const before = new Map(old.map((s) => [s.id, s.sha256]));
  const after = new Map(now.map((s) => [s.id, s.sha256]));
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed = [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id));
  const parts = [
    added.length ? `added ${added.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
    changed.length ? `changed ${changed.join(', ')}` : '',
  ].filter(Boolean);
  return `the seeds changed (${parts.join('; ') || 'content differs'})`;
}

/** Why an index cannot serve: `seeds` is routine (the stories changed), `settings` means it was built differently. */
export type StaleKind = 'seeds' | 'settings';

/** Whether a stale reason from {@link staleReason} is only about the seeds. */
export function staleKind(m: Manifest, expected: IndexExpectations): StaleKind {
  const { seeds: _seeds, ...settings } = expected;
  return staleReason(m, settings) === undefined ? 'seeds' : 'settings';
}

/** Why an index built as `m` cannot serve `expected`, or undefined when it can. */
export function staleReason(m: Manifest, expected: IndexExpectations): string | undefined {
  if (m.schemaVersion !== SCHEMA_VERSION) return `the index has schema version ${m.schemaVersion}, this Dateline reads version ${SCHEMA_VERSION}`;
  if (m.model.id !== expected.model.id) return `the index was embedded with ${m.model.id}, the configured model is ${expected.model.id}`;
  if (m.model.dimension !== expected.model.dimension) return `the index has ${m.model.dimension}-d vectors, the model gives ${expected.model.dimension}-d`;
  if (JSON.stringify(m.chunking) !== JSON.stringify(expected.chunking)) return 'the chunking settings changed';
  if (JSON.stringify(m.lexical) !== JSON.stringify(expected.lexical)) return 'the lexical index settings changed';
  if (m.hnsw.m !== expected.hnsw.m || m.hnsw.efConstruction !== expected.hnsw.efConstruction) return 'the HNSW_M / HNSW_EF_CONSTRUCTION settings changed';
  if (expected.confidenceModel !== undefined && m.confidenceModel !== expected.confidenceModel) {
    return `the index was built for confidence model ${m.confidenceModel === undefined ? '(none recorded)' : `v${m.confidenceModel}`}, this Dateline judges answers with v${expected.confidenceModel}`;
  }
  if (expected.seeds && expected.seeds.hash !== m.seedsHash) return describeSeedChange(m.stories, expected.seeds.stories);
  return undefined;
}

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorId, UserFacingError } from '../errors.js';
import { parseStory } from './parse-story.js';
import type { Story, StoryMeta } from './story.js';

/** File endings read as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md'] as const;

/** A file that was skipped (or partly used), with the reason in words a person can act on. */
export interface SeedProblem {
  file: string;
  reason: string;
}

/** What {@link readSeeds} found: the stories it could read and the files it could not. */
export interface SeedScan {
  stories: Story[];
  problems: SeedProblem[];
}

/** Largest story file read by default (5 MB): a newsroom story is a few KB; anything bigger is likely not a story. `MAX_SEED_BYTES` changes it. */
export const DEFAULT_MAX_SEED_BYTES = 5 * 1024 * 1024;

/** Options for {@link readSeeds}. */
export interface ReadSeedsOptions {
  /** Largest story file accepted, in bytes. Default 5 MB. */
  maxBytes?: number;
  /**
   * Read links (symbolic links) whose target lies outside the seeds folder.
   * Default false: such a link is skipped and named in `problems`, so a link
   * like `leak.txt → /etc/passwd` never gets indexed and quoted. Links that
   * stay inside the folder are always read. (`SEEDS_FOLLOW_LINKS`.)
   */
  followLinks?: boolean;
}

/** Why a link leaving the seeds folder was skipped, and the setting that allows it. */
export const OUTSIDE_LINK_REASON =
  'is a link pointing outside the seeds folder; skipped. Copy the file into the folder, or set SEEDS_FOLLOW_LINKS=true to read links that leave it';

/** Where the files of one {@link readSeeds} call may live. */
interface Folder {
  dir: string;
  /** `dir` with every link resolved (fs.realpath). */
  real: string;
  followLinks: boolean;
}

/**
 * The real path to read for `file` in the seeds folder, or why it must not
 * be read: a name whose real path (links resolved) leaves the folder is
 * refused unless links may be followed. Reading the resolved path, not the
 * name, means what was checked is what gets read.
 */
async function resolveInFolder(folder: Folder, file: string): Promise<{ path: string } | { outside: true } | { error: NodeJS.ErrnoException }> {
  let real: string;
  try {
    real = await fs.realpath(path.join(folder.dir, file));
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
  const relative = path.relative(folder.real, real);
  const inside = relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
  if (!inside && !folder.followLinks) return { outside: true };
  return { path: real };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Files read at once: enough to hide file-system latency with many stories, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 16;

/** `fn` over `items` with at most `limit` calls pending at once; results in input order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function readSidecar(folder: Folder, id: string, problems: SeedProblem[]): Promise<{ meta?: StoryMeta; raw: string }> {
  const file = `${id}.json`;
  const resolved = await resolveInFolder(folder, file);
  if ('outside' in resolved) {
    problems.push({ file, reason: `${OUTSIDE_LINK_REASON}; the story is indexed without it` });
    return { raw: '' };
  }
  if ('error' in resolved) return { raw: '' };
  let raw: string;
  try {
    raw = await fs.readFile(resolved.path, 'utf8');
  } catch {
    return { raw: '' };
  }
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const meta: StoryMeta = {};
    for (const key of ['title', 'url', 'source', 'date'] as const) {
      if (typeof parsed[key] === 'string' && parsed[key]) meta[key] = parsed[key];
    }
    return { meta, raw };
  } catch (error) {
    problems.push({ file, reason: `sidecar is not valid JSON (${(error as Error).message}); the story is indexed without it` });
    return { raw: '' };
  }
}

/** Reads one story file, or returns why it cannot be used. */
async function readStory(folder: Folder, file: string, maxBytes: number, problems: SeedProblem[]): Promise<Story | undefined> {
  const fail = (reason: string) => {
    problems.push({ file, reason });
    return undefined;
  };
  const resolved = await resolveInFolder(folder, file);
  if ('outside' in resolved) return fail(OUTSIDE_LINK_REASON);
  let bytes: Buffer;
  try {
    if ('error' in resolved) throw resolved.error;
    const full = resolved.path;
    const stat = await fs.stat(full);
    if (!stat.isFile()) return fail('is not a regular file; skipped');
    if (stat.size > maxBytes) {
      return fail(`is ${readableSize(stat.size)}, over the ${readableSize(maxBytes)} limit (MAX_SEED_BYTES); split it or raise the limit`);
    }
    bytes = await fs.readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'disappeared while it was being read; skipped' : `could not be read (${code ?? (error as Error).message})`);
  }
  if (bytes.length > maxBytes) return fail(`grew past the ${readableSize(maxBytes)} limit while being read; skipped`);
  if (bytes.includes(0)) return fail('looks binary (it contains NUL bytes); only UTF-8 text stories are read');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail('is not valid UTF-8; re-save it as UTF-8 text');
  }
  if (text.trim() === '') return fail('is empty; add the story text or remove the file');
  const id = file.slice(0, -path.extname(file).length);
  const sidecar = await readSidecar(folder, id, problems);
  const sha256 = createHash('sha256').update(bytes).update('\0').update(sidecar.raw).digest('hex');
  const input: Parameters<typeof parseStory>[0] = { id, file, text, sha256 };
  if (sidecar.meta) input.meta = sidecar.meta;
  return parseStory(input);
}

/**
 * Reads every story in `dir` (`*.txt`, `*.md`, with an optional `<name>.json`
 * sidecar). A bad file is reported in `problems` and does not stop the others.
 * A file whose real path leaves the folder (a link elsewhere) is skipped and
 * reported unless `options.followLinks`.
 * Throws a {@link UserFacingError} (`no-stories`) when the folder is missing,
 * holds no story files, or none of them can be read.
 */
export async function readSeeds(dir: string, options: ReadSeedsOptions = {}): Promise<SeedScan> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SEED_BYTES;
  let names: string[];
  let real: string;
  try {
    names = await fs.readdir(dir);
    real = await fs.realpath(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserFacingError(
      ErrorId.NoStories,
      code === 'ENOENT'
        ? `The seeds folder ${dir} does not exist. Create it and put a story (.txt or .md) in it, or point SEEDS_DIR / --seeds at the right folder.`
        : `The seeds folder ${dir} cannot be read (${code ?? (error as Error).message}).`,
      { cause: error },
    );
  }
  const files = names.filter((n) => (STORY_EXTENSIONS as readonly string[]).includes(path.extname(n).toLowerCase())).sort();
  if (files.length === 0) {
    throw new UserFacingError(
      ErrorId.NoStories,
      `The seeds folder ${dir} holds no story. Add a .txt or .md file with the story text.`,
    );
  }
  const folder: Folder = { dir, real, followLinks: options.followLinks ?? false };
  const problems: SeedProblem[] = [];
  const stories: Story[] = [];
  const read = await mapConcurrently(files, READ_CONCURRENCY, async (file) => {
    const own: SeedProblem[] = [];
    return { story: await readStory(folder, file, maxBytes, own), problems: own };
  });
  for (const r of read) {
    problems.push(...r.problems);
    if (r.story) stories.push(r.story);
  }
  if (stories.length === 0) {
    throw new UserFacingError(
      ErrorId.NoStories,
      `No story in ${dir} could be read:\n  ${problems.map((p) => `${p.file}: ${p.reason}`).join('\n  ')}`,
    );
  }
  return { stories, problems };
}

/** One hash over every story's id and content hash: changes when any story changes, appears or goes. */
export function seedsHash(stories: readonly Story[]): string {
  const h = createHash('sha256');
  for (const s of [...stories].sort((a, b) => a.id.localeCompare(b.id))) h.update(`${s.id}\0${s.sha256}\n`);
  return h.digest('hex');
}

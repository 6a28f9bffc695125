import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorId, UserFacingError } from '../errors.js';

/** File endings read as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md'] as const;

/** A file that was skipped (or partly used), with the reason in words a person can act on. */
export interface SeedProblem {
  file: string;
  reason: string;
}

/** Why a link leaving the seeds folder was skipped, and the setting that allows it. */
export const OUTSIDE_LINK_REASON =
  'is a link pointing outside the seeds folder; skipped. Copy the file into the folder, or set SEEDS_FOLLOW_LINKS=true to read links that leave it';

/**
 * How story contents are read, and the clock stamps are judged by. Tests
 * swap it to count reads or to age files; the default is the file system and
 * `Date.now`.
 */
export interface SeedIo {
  readFile(file: string): Promise<Buffer>;
  now(): number;
}

/** The file system and the real clock. */
export const defaultSeedIo: SeedIo = { readFile: (file) => fs.readFile(file), now: () => Date.now() };

/** Where the files of one scan may live, and how they are read. */
export interface Folder {
  dir: string;
  /** `dir` with every link resolved (fs.realpath). */
  real: string;
  followLinks: boolean;
  io: SeedIo;
}

/** A listed seeds folder: its entries, and its story files in name order. */
export interface SeedListing {
  real: string;
  entries: Dirent[];
  storyFiles: Dirent[];
}

/**
 * Lists `dir` (one readdir, no file opened). Throws a {@link UserFacingError}
 * (`no-stories`) when the folder is missing or unreadable, or holds no story file.
 */
export async function listSeedFolder(dir: string): Promise<SeedListing> {
  let entries: Dirent[];
  let real: string;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
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
  const storyFiles = entries
    .filter((e) => (STORY_EXTENSIONS as readonly string[]).includes(path.extname(e.name).toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (storyFiles.length === 0) {
    throw new UserFacingError(ErrorId.NoStories, `The seeds folder ${dir} holds no story. Add a .txt or .md file with the story text.`);
  }
  return { real, entries, storyFiles };
}

/** A story's id: its file name without the extension. */
export function storyId(file: string): string {
  return file.slice(0, -path.extname(file).length);
}

/** What resolving a name in the seeds folder gave: the path to read (and whether the name itself is that path, no link), a refusal, or an error. */
export type Resolved = { path: string; direct: boolean } | { outside: true } | { error: NodeJS.ErrnoException };

/**
 * The real path to read for `file` in the seeds folder, or why it must not
 * be read: a name whose real path (links resolved) leaves the folder is
 * refused unless links may be followed. Reading the resolved path, not the
 * name, means what was checked is what gets read.
 */
export async function resolveInFolder(folder: Folder, file: string): Promise<Resolved> {
  let real: string;
  try {
    real = await fs.realpath(path.join(folder.dir, file));
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
  const relative = path.relative(folder.real, real);
  const inside = relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
  if (!inside && !folder.followLinks) return { outside: true };
  return { path: real, direct: real === path.join(folder.real, file) };
}

/** Files handled at once: enough to hide file-system latency with many stories, few enough to stay far from the open-file limit. */
export const READ_CONCURRENCY = 16;

/** `fn` over `items` with at most `limit` calls pending at once; results in input order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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

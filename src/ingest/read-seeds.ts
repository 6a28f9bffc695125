import { createHash } from 'node:crypto';
import { ErrorId, UserFacingError } from '../errors.js';
import { readStory } from './read-story.js';
import { defaultSeedIo, listSeedFolder, mapConcurrently, READ_CONCURRENCY, type Folder, type SeedIo, type SeedProblem } from './seed-folder.js';
import type { SeedStamp } from './seed-stamp.js';
import type { Story } from './story.js';

export { OUTSIDE_LINK_REASON, STORY_EXTENSIONS, type SeedIo, type SeedProblem } from './seed-folder.js';

/** What {@link readSeeds} found: the stories it could read and the files it could not. */
export interface SeedScan {
  stories: Story[];
  problems: SeedProblem[];
  /**
   * Stat stamps of the story files read, by file name, taken before each was
   * read; a file whose stamp cannot be trusted (a link, just changed) has
   * none. Recorded in the manifest so a later open need not read the file.
   */
  stamps?: ReadonlyMap<string, SeedStamp>;
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
  /** How contents are read and the clock stamps are judged by. Default the file system and `Date.now`. */
  io?: SeedIo;
}

/** The folder to read `dir`'s stories from, listing it (see `listSeedFolder` for what it throws). */
export async function openSeedFolder(dir: string, options: ReadSeedsOptions) {
  const listing = await listSeedFolder(dir);
  const folder: Folder = { dir, real: listing.real, followLinks: options.followLinks ?? false, io: options.io ?? defaultSeedIo };
  return { folder, listing, maxBytes: options.maxBytes ?? DEFAULT_MAX_SEED_BYTES };
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
  const { folder, listing, maxBytes } = await openSeedFolder(dir, options);
  const problems: SeedProblem[] = [];
  const stories: Story[] = [];
  const stamps = new Map<string, SeedStamp>();
  const read = await mapConcurrently(listing.storyFiles, READ_CONCURRENCY, async ({ name }) => {
    const own: SeedProblem[] = [];
    return { name, read: await readStory(folder, name, maxBytes, own), problems: own };
  });
  for (const r of read) {
    problems.push(...r.problems);
    if (!r.read) continue;
    stories.push(r.read.story);
    if (r.read.stamp) stamps.set(r.name, r.read.stamp);
  }
  if (stories.length === 0) {
    throw new UserFacingError(
      ErrorId.NoStories,
      `No story in ${dir} could be read:\n  ${problems.map((p) => `${p.file}: ${p.reason}`).join('\n  ')}`,
    );
  }
  return { stories, problems, stamps };
}

/** One hash over every story's id and content hash: changes when any story changes, appears or goes. */
export function seedsHash(stories: readonly Pick<Story, 'id' | 'sha256'>[]): string {
  const h = createHash('sha256');
  for (const s of [...stories].sort((a, b) => a.id.localeCompare(b.id))) h.update(`${s.id}\0${s.sha256}\n`);
  return h.digest('hex');
}

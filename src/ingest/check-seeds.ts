import { lstatSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { openSeedFolder, type ReadSeedsOptions } from './read-seeds.js';
import { readStory } from './read-story.js';
import { mapConcurrently, READ_CONCURRENCY, storyId, type Folder, type SeedProblem } from './seed-folder.js';
import type { Story } from './story.js';
import { sameSeedStamp, stampOf, type FileStamp, type SeedStamp } from './seed-stamp.js';

/** A story as an index's manifest records it: its content hash, and the stamp of its files when they were read. */
export interface KnownStory {
  id: string;
  file: string;
  sha256: string;
  stamp?: SeedStamp;
}

/** What {@link checkSeeds} found: every story now with its content hash, without parsing any. */
export interface SeedCheck {
  stories: { id: string; file: string; sha256: string }[];
  /** Problems of the files that were read (a file taken as unchanged is not read, so not judged again). */
  problems: SeedProblem[];
  /** Stamps that can be trusted now, by file: the known one when it matched, the fresh one when the file was read. */
  stamps: Map<string, SeedStamp>;
  /** Files read and hashed because their stamp did not match (or there was none). */
  read: string[];
  /** The stories of the files read, parsed (an incremental reindex indexes those it finds changed). */
  parsed: Map<string, Story>;
}

/**
 * The stamp of a regular file (not a link); `null` when it does not exist,
 * undefined when it cannot be compared. Synchronous on purpose: a stat takes
 * microseconds, a trip through libuv's thread pool ten times that, and an
 * archive has one per story (×10,000: about 0.5 s async, 50 ms sync).
 */
function lstamp(file: string): FileStamp | null | undefined {
  let stat: Stats | undefined;
  try {
    stat = lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stat) return null;
  return stat.isFile() ? stampOf(stat) : undefined;
}

/**
 * The stamp `entry` has now, when it can be compared: a regular file (not a
 * link), with its sidecar if the folder lists one. Undefined means "read it".
 */
function currentStamp(folder: Folder, entry: Dirent, lowerNames: ReadonlySet<string>): SeedStamp | undefined {
  if (!entry.isFile()) return undefined;
  const own = lstamp(path.join(folder.dir, entry.name));
  if (!own) return undefined;
  const sidecarName = `${storyId(entry.name)}.json`;
  if (!lowerNames.has(sidecarName.toLowerCase())) return own;
  const sidecar = lstamp(path.join(folder.dir, sidecarName));
  if (sidecar === null) return own;
  return sidecar && { ...own, sidecar };
}

/**
 * Which stories `dir` holds now and their content hashes, reading only what
 * looks changed: a story file whose stat stamp (size, mtime, ctime, inode,
 * and its sidecar's) equals the one `known` records is taken to hold the
 * known content without being opened; any other file (new, touched, a link,
 * never stamped) is read and hashed as {@link readSeeds} does. Cost: one
 * readdir and one or two lstat per story, plus reading what changed.
 * Throws like `readSeeds` when the folder is missing or holds no story file.
 */
export async function checkSeeds(dir: string, known: readonly KnownStory[], options: ReadSeedsOptions = {}): Promise<SeedCheck> {
  const { folder, listing, maxBytes } = await openSeedFolder(dir, options);
  const byFile = new Map(known.map((k) => [k.file, k]));
  const lowerNames = new Set(listing.entries.map((e) => e.name.toLowerCase()));
  const checked = await mapConcurrently(listing.storyFiles, READ_CONCURRENCY, async (entry) => {
    const file = entry.name;
    const was = byFile.get(file);
    if (was?.stamp) {
      const now = currentStamp(folder, entry, lowerNames);
      if (now && now.size <= maxBytes && sameSeedStamp(now, was.stamp)) return { file, story: { id: was.id, file, sha256: was.sha256 }, stamp: was.stamp, problems: [], read: false };
    }
    const problems: SeedProblem[] = [];
    const got = await readStory(folder, file, maxBytes, problems);
    const story = got && { id: got.story.id, file, sha256: got.story.sha256 };
    return { file, story, stamp: got?.stamp, problems, read: true, parsed: got?.story };
  });
  const result: SeedCheck = { stories: [], problems: [], stamps: new Map(), read: [], parsed: new Map() };
  for (const c of checked) {
    result.problems.push(...c.problems);
    if (c.read) result.read.push(c.file);
    if ('parsed' in c && c.parsed) result.parsed.set(c.file, c.parsed);
    if (c.story) result.stories.push(c.story);
    if (c.story && c.stamp) result.stamps.set(c.file, c.stamp);
  }
  return result;
}

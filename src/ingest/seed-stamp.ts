import type { Stats } from 'node:fs';

/** What `stat` says about one file, enough to tell it was not touched since: compared field by field, never read. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * The stamp of a story file and of its `<name>.json` sidecar (absent: there
 * was none), recorded in the manifest beside the story's content hash. A
 * story whose stamp is unchanged is taken as unchanged without being read.
 */
export interface SeedStamp extends FileStamp {
  sidecar?: FileStamp;
}

/**
 * How long after a file's last change its stamp is not trusted, in ms. A file
 * rewritten within the file system's timestamp granularity (a few ms on ext4,
 * 1 s on HFS+, 2 s on FAT) with the same size keeps its mtime, so a stamp
 * taken that soon after a change could hide a later one; such a file gets no
 * stamp and is hashed instead ("racily clean", as git calls it).
 */
export const RACY_MS = 2_000;

/** What `stat` says, as a stamp to compare with a recorded one. */
export function stampOf(stat: Stats): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

/** The stamp of `stat` to record, or undefined when the file changed too shortly before `statAt` to trust it (see {@link RACY_MS}). */
export function fileStamp(stat: Stats, statAt: number): FileStamp | undefined {
  return statAt - Math.max(stat.mtimeMs, stat.ctimeMs) < RACY_MS ? undefined : stampOf(stat);
}

function sameFile(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Whether two seed stamps say the same (story and sidecar alike; a missing stamp matches nothing). */
export function sameSeedStamp(a: SeedStamp | undefined, b: SeedStamp | undefined): boolean {
  if (!a || !b) return false;
  return sameFile(a, b) && sameFile(a.sidecar, b.sidecar);
}

import fs from 'node:fs/promises';
import path from 'node:path';
import type { SeedIo } from '../../src/ingest/read-seeds.js';

/**
 * Reads through the file system, counting story and sidecar reads by file
 * name; its clock runs `offsetMs` ahead (default a minute), so files just
 * written count as settled rather than racy.
 */
export function countingIo(offsetMs = 60_000): SeedIo & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (file) => {
      reads.push(path.basename(file));
      return fs.readFile(file);
    },
    now: () => Date.now() + offsetMs,
  };
}

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { parseStory } from './parse-story.js';
import { OUTSIDE_LINK_REASON, resolveInFolder, storyId, type Folder, type SeedProblem } from './seed-folder.js';
import { fileStamp, type FileStamp, type SeedStamp } from './seed-stamp.js';
import type { Story, StoryMeta } from './story.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** A sidecar's fields and raw text (hashed with the story), and its stamp: `null` when there is none, undefined when it cannot be trusted (a link, unreadable, just changed). */
interface Sidecar {
  meta?: StoryMeta;
  raw: string;
  stamp: FileStamp | null | undefined;
}

async function readSidecar(folder: Folder, id: string, problems: SeedProblem[]): Promise<Sidecar> {
  const file = `${id}.json`;
  const resolved = await resolveInFolder(folder, file);
  if ('outside' in resolved) {
    problems.push({ file, reason: `${OUTSIDE_LINK_REASON}; the story is indexed without it` });
    return { raw: '', stamp: undefined };
  }
  if ('error' in resolved) return { raw: '', stamp: resolved.error.code === 'ENOENT' ? null : undefined };
  let raw: string;
  let stamp: FileStamp | undefined;
  try {
    const stat = await fs.stat(resolved.path);
    stamp = resolved.direct && stat.isFile() ? fileStamp(stat, folder.io.now()) : undefined;
    raw = (await folder.io.readFile(resolved.path)).toString('utf8');
  } catch {
    return { raw: '', stamp: undefined };
  }
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const meta: StoryMeta = {};
    for (const key of ['title', 'url', 'source', 'date'] as const) {
      if (typeof parsed[key] === 'string' && parsed[key]) meta[key] = parsed[key];
    }
    return { meta, raw, stamp };
  } catch (error) {
    problems.push({ file, reason: `sidecar is not valid JSON (${(error as Error).message}); the story is indexed without it` });
    return { raw: '', stamp };
  }
}

/** A story read from the seeds folder, with the stamp of what was read when it can be trusted (see `fileStamp`). */
export interface ReadStory {
  story: Story;
  stamp?: SeedStamp;
}

/**
 * Reads one story file (and its sidecar), or returns undefined with why in
 * `problems`. Files are stat'ed before they are read, so a stamp never
 * describes content newer than the hash beside it.
 */
export async function readStory(folder: Folder, file: string, maxBytes: number, problems: SeedProblem[]): Promise<ReadStory | undefined> {
  const fail = (reason: string) => {
    problems.push({ file, reason });
    return undefined;
  };
  const resolved = await resolveInFolder(folder, file);
  if ('outside' in resolved) return fail(OUTSIDE_LINK_REASON);
  let bytes: Buffer;
  let own: FileStamp | undefined;
  try {
    if ('error' in resolved) throw resolved.error;
    const stat = await fs.stat(resolved.path);
    if (!stat.isFile()) return fail('is not a regular file; skipped');
    if (stat.size > maxBytes) {
      return fail(`is ${readableSize(stat.size)}, over the ${readableSize(maxBytes)} limit (MAX_SEED_BYTES); split it or raise the limit`);
    }
    own = resolved.direct ? fileStamp(stat, folder.io.now()) : undefined;
    bytes = await folder.io.readFile(resolved.path);
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
  const id = storyId(file);
  const sidecar = await readSidecar(folder, id, problems);
  const sha256 = createHash('sha256').update(bytes).update('\0').update(sidecar.raw).digest('hex');
  const input: Parameters<typeof parseStory>[0] = { id, file, text, sha256 };
  if (sidecar.meta) input.meta = sidecar.meta;
  const story = parseStory(input);
  if (!own || sidecar.stamp === undefined) return { story };
  return { story, stamp: sidecar.stamp ? { ...own, sidecar: sidecar.stamp } : own };
}

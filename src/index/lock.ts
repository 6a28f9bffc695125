import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorId, UserFacingError } from '../errors.js';

/** The lock file in the index folder: whoever created it is the only process writing a new generation. */
export const LOCK_FILE = 'reindex.lock';

/** What a lock file holds. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells two holders with the same pid apart (a recycled pid, or this process locking twice). */
  token: string;
}

/** Settings of {@link tryLock} and {@link acquireLock}. */
export interface LockOptions {
  /** A lock older than this is stale whoever holds it (a hung or remote writer). Default 30 min. */
  staleMs?: number;
  /** This host's name, for the pid check. Default `os.hostname()`. */
  host?: string;
  now?: () => number;
}

/** A held lock; release it when the new generation is written (or the build failed). */
export interface HeldLock {
  owner: LockOwner;
  release(): Promise<void>;
}

const DEFAULT_STALE_MS = 30 * 60_000;
/** An unreadable lock file (a writer killed between creating and filling it) is stale after this long. */
const UNREADABLE_GRACE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Why a lock with this owner is stale, or undefined while its holder may still be writing. */
export function staleness(owner: LockOwner, options: LockOptions = {}): string | undefined {
  const now = options.now?.() ?? Date.now();
  const age = now - Date.parse(owner.startedAt);
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  if (!(age < staleMs)) return `taken ${Math.round(age / 1000)} s ago, longer than the ${Math.round(staleMs / 1000)} s limit`;
  if (owner.host === (options.host ?? os.hostname()) && !alive(owner.pid)) return `process ${owner.pid} on ${owner.host} is not running`;
  return undefined;
}

async function readOwner(file: string): Promise<{ owner?: LockOwner; raw: string; mtimeMs: number } | undefined> {
  try {
    const [raw, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    try {
      const owner = JSON.parse(raw) as LockOwner;
      if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.startedAt === 'string') return { owner, raw, mtimeMs: stat.mtimeMs };
    } catch {
      // unreadable: judged by age below
    }
    return { raw, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates the index folder `dir` if needed. When `dir` (or a folder above
 * it) is a regular file, throws a {@link UserFacingError} naming it and what
 * to do, instead of the bare EEXIST / ENOTDIR from the file system.
 */
export async function ensureIndexFolder(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    throw new UserFacingError(
      ErrorId.BadIndexFolder,
      `The index folder ${dir} is ${code === 'EEXIST' ? 'a file' : 'inside a file'}, not a folder. ` +
        'Point INDEX_DIR / --index at a folder (it is created if missing), or move that file away.',
      { cause: error },
    );
  }
}

/** Result of {@link tryLock}: the lock, or who holds it. */
export type TryLockResult = { ok: true; lock: HeldLock; broke?: string } | { ok: false; holder: LockOwner | undefined };

/**
 * Takes `dir/reindex.lock` if nobody holds it (`open(…, 'wx')`: exactly one
 * creator wins across processes). A stale lock (its process is gone from
 * this host, or it is older than `staleMs`) is broken first, and `broke`
 * says why. Never waits.
 */
export async function tryLock(dir: string, options: LockOptions = {}): Promise<TryLockResult> {
  await ensureIndexFolder(dir);
  const file = path.join(dir, LOCK_FILE);
  let broke: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner: LockOwner = {
      pid: process.pid,
      host: options.host ?? os.hostname(),
      startedAt: new Date(options.now?.() ?? Date.now()).toISOString(),
      token: randomBytes(8).toString('hex'),
    };
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(owner));
        await handle.sync();
      } finally {
        await handle.close();
      }
      const release = async () => {
        const still = await readOwner(file);
        if (still?.owner?.token === owner.token) await fs.rm(file, { force: true });
      };
      return broke ? { ok: true, lock: { owner, release }, broke } : { ok: true, lock: { owner, release } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readOwner(file);
    if (!held) continue; // released in between: try again
    const now = options.now?.() ?? Date.now();
    const why = held.owner ? staleness(held.owner, options) : now - held.mtimeMs > UNREADABLE_GRACE_MS ? 'the lock file is unreadable' : undefined;
    if (!why) return { ok: false, holder: held.owner };
    // Remove it only if it is still the stale lock we judged (not a new one taken meanwhile).
    const again = await readOwner(file);
    if (again?.raw !== held.raw) continue;
    await fs.rm(file, { force: true });
    broke = why;
  }
  return { ok: false, holder: (await readOwner(file))?.owner };
}

/** Options of {@link acquireLock}. */
export interface AcquireOptions extends LockOptions {
  /** How often to look again while another process holds the lock. Default 200 ms. */
  pollMs?: number;
  /** Give up after this long. Default `staleMs` plus a minute. */
  timeoutMs?: number;
  /** Called once when the lock is found held by someone else. */
  onWait?: (holder: LockOwner | undefined) => void;
  /** Called when a stale lock was broken. */
  onBroke?: (why: string) => void;
}

/** Takes the lock, waiting while another live process holds it; `waited` says whether it had to. */
export async function acquireLock(dir: string, options: AcquireOptions = {}): Promise<{ lock: HeldLock; waited: boolean }> {
  const deadline = Date.now() + (options.timeoutMs ?? (options.staleMs ?? DEFAULT_STALE_MS) + 60_000);
  let waited = false;
  for (;;) {
    const result = await tryLock(dir, options);
    if (result.ok) {
      if (result.broke) options.onBroke?.(result.broke);
      return { lock: result.lock, waited };
    }
    if (!waited) options.onWait?.(result.holder);
    waited = true;
    if (Date.now() > deadline) throw new Error(`The index lock ${path.join(dir, LOCK_FILE)} is still held by ${JSON.stringify(result.holder)}.`);
    await delay(options.pollMs ?? 200);
  }
}

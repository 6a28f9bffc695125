import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, tryLock, type LockOwner } from '../../src/index/lock.js';
import { tempDir } from '../support/fixtures.js';

/** The pid of a process that has exited (and so is not running). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

async function writeLock(dir: string, owner: Partial<LockOwner>): Promise<void> {
  const full: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: 'x', ...owner };
  await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify(full));
}

describe('the reindex lock', () => {
  it('is taken when free, names its holder, and is gone once released', async () => {
    const dir = path.join(await tempDir(), 'embeddings'); // created on demand
    const result = await tryLock(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')) as LockOwner;
    expect(onDisk).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(Date.now() - Date.parse(onDisk.startedAt)).toBeLessThan(5000);
    await result.lock.release();
    await expect(fs.stat(path.join(dir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('is refused while a live process holds it, and free again after release', async () => {
    const dir = await tempDir();
    const first = await tryLock(dir);
    const second = await tryLock(dir);
    expect(second).toEqual({ ok: false, holder: first.ok ? first.lock.owner : undefined });
    if (first.ok) await first.lock.release();
    expect((await tryLock(dir)).ok).toBe(true);
  });

  it('has exactly one winner among many simultaneous takers', async () => {
    const dir = await tempDir();
    const results = await Promise.all(Array.from({ length: 12 }, () => tryLock(dir)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('breaks a lock whose process on this host is gone', async () => {
    const dir = await tempDir();
    const pid = await deadPid();
    await writeLock(dir, { pid });
    const result = await tryLock(dir);
    expect(result).toMatchObject({ ok: true, broke: `process ${pid} on ${os.hostname()} is not running` });
  });

  it('keeps a recent lock of another host (its pid cannot be checked) but breaks one older than the limit', async () => {
    const dir = await tempDir();
    await writeLock(dir, { host: 'elsewhere', pid: 1 });
    expect((await tryLock(dir, { staleMs: 60_000 })).ok).toBe(false);
    await writeLock(dir, { host: 'elsewhere', pid: 1, startedAt: new Date(Date.now() - 120_000).toISOString() });
    expect(await tryLock(dir, { staleMs: 60_000 })).toMatchObject({ ok: true, broke: expect.stringContaining('longer than the 60 s limit') });
  });

  it('breaks an unreadable lock file (a writer killed mid-write) only once it is old', async () => {
    const dir = await tempDir();
    const file = path.join(dir, LOCK_FILE);
    await fs.writeFile(file, '');
    expect((await tryLock(dir)).ok).toBe(false);
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(file, old, old);
    expect(await tryLock(dir)).toMatchObject({ ok: true, broke: 'the lock file is unreadable' });
  });

  it('makes a second taker wait until the holder releases', async () => {
    const dir = await tempDir();
    const first = await tryLock(dir);
    if (!first.ok) throw new Error('not taken');
    let waitedFor: LockOwner | undefined;
    const second = acquireLock(dir, { pollMs: 10, onWait: (holder) => (waitedFor = holder) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.lock.release();
    const { lock, waited } = await second;
    expect(waited).toBe(true);
    expect(waitedFor).toEqual(first.lock.owner);
    // Releasing a lock that was broken and retaken by someone else leaves theirs alone.
    await first.lock.release();
    expect(JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'))).toEqual(lock.owner);
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSeeds, type KnownStory } from '../../src/ingest/check-seeds.js';
import { readSeeds, seedsHash, type SeedIo } from '../../src/ingest/read-seeds.js';
import { RACY_MS } from '../../src/ingest/seed-stamp.js';
import { countingIo } from '../support/counting-io.js';
import { seedsFolder, tempDir } from '../support/fixtures.js';

const SEED = '2014-03-30-kerry-lavrov-paris.txt';

/** What a manifest would record after `readSeeds`: each story's hash and stamp. */
async function built(dir: string, io: SeedIo): Promise<KnownStory[]> {
  const scan = await readSeeds(dir, { io });
  return scan.stories.map((s) => ({ id: s.id, file: s.file, sha256: s.sha256, stamp: scan.stamps?.get(s.file) }));
}

const past = (seconds: number) => new Date(Date.now() - seconds * 1000);

describe('checkSeeds', () => {
  it('reads no story whose stamp matches, and gives the same seeds hash', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.', 'b.json': '{"title":"B"}' });
    const known = await built(dir, countingIo());
    expect(known.every((k) => k.stamp)).toBe(true);
    const io = countingIo();
    const check = await checkSeeds(dir, known, { io });
    expect(io.reads).toEqual([]);
    expect(check.read).toEqual([]);
    expect(seedsHash(check.stories)).toBe(seedsHash(known));
  });

  it('reads a touched file (new mtime, same content) and finds it unchanged, with a fresh stamp', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.' });
    const known = await built(dir, countingIo());
    await fs.utimes(path.join(dir, 'b.txt'), past(30), past(30));
    const io = countingIo();
    const check = await checkSeeds(dir, known, { io });
    expect(io.reads).toEqual(['b.txt']);
    expect(seedsHash(check.stories)).toBe(seedsHash(known));
    expect(check.stamps.get('b.txt')!.mtimeMs).not.toBe(known.find((k) => k.file === 'b.txt')!.stamp!.mtimeMs);
  });

  it('detects a same-size rewrite with a new mtime, and one whose mtime was put back (ctime and inode differ)', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.' });
    const file = path.join(dir, 'b.txt');
    const then = Math.floor(Date.now() / 1000) - 100;
    await fs.utimes(file, then, then);
    const known = await built(dir, countingIo());
    await fs.writeFile(file, 'Another story. Sharp.');
    const changed = await checkSeeds(dir, known, { io: countingIo() });
    expect(changed.read).toEqual(['b.txt']);
    expect(seedsHash(changed.stories)).not.toBe(seedsHash(known));
    await fs.utimes(file, then, then);
    expect((await fs.stat(file)).mtimeMs).toBe(known.find((k) => k.file === 'b.txt')!.stamp!.mtimeMs);
    const restored = await checkSeeds(dir, known, { io: countingIo() });
    expect(restored.read).toEqual(['b.txt']);
    expect(seedsHash(restored.stories)).not.toBe(seedsHash(known));
  });

  it('detects added and removed stories, and a sidecar added or changed', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.', 'c.txt': 'Third story.' });
    const known = await built(dir, countingIo());
    await fs.rm(path.join(dir, 'c.txt'));
    await fs.writeFile(path.join(dir, 'd.md'), 'A new story.');
    await fs.writeFile(path.join(dir, 'b.json'), '{"title":"B"}');
    const io = countingIo();
    const check = await checkSeeds(dir, known, { io });
    expect(check.stories.map((s) => s.file)).toEqual([SEED, 'b.txt', 'd.md']);
    expect(check.read).toEqual(['b.txt', 'd.md']);
    expect(io.reads.sort()).toEqual(['b.json', 'b.txt', 'd.md']);
    expect(check.stories.find((s) => s.file === 'b.txt')!.sha256).not.toBe(known.find((k) => k.file === 'b.txt')!.sha256);
    const again = await checkSeeds(dir, check.stories.map((s) => ({ ...s, stamp: check.stamps.get(s.file) })), { io: countingIo() });
    expect(again.read).toEqual([]);
    await fs.writeFile(path.join(dir, 'b.json'), '{"title":"C"}');
    expect((await checkSeeds(dir, again.stories.map((s) => ({ ...s, stamp: again.stamps.get(s.file) })), { io: countingIo() })).read).toEqual(['b.txt']);
  });

  it('hashes every story the manifest has no stamp for (an index built before stamps)', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.' });
    const known = (await built(dir, countingIo())).map(({ stamp: _stamp, ...k }) => k);
    const check = await checkSeeds(dir, known, { io: countingIo() });
    expect(check.read).toEqual([SEED, 'b.txt']);
    expect(seedsHash(check.stories)).toBe(seedsHash(known));
    expect(check.stamps.size).toBe(2);
  });

  it(`records no stamp for a file changed less than ${RACY_MS} ms before it was read, so it is hashed next time`, async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.' });
    const scan = await readSeeds(dir);
    expect(scan.stamps?.size).toBe(0);
    const io = countingIo(RACY_MS - 500);
    const known = await built(dir, io);
    expect(known.every((k) => !k.stamp)).toBe(true);
    expect((await checkSeeds(dir, known, { io: countingIo() })).read).toEqual([SEED, 'b.txt']);
  });

  it('always reads links, so links leaving the folder stay skipped unless followLinks', async () => {
    const outside = await tempDir('dateline-outside-');
    await fs.writeFile(path.join(outside, 'secret.txt'), 'The vault password is hunter2-orchid.');
    const dir = await seedsFolder();
    await fs.mkdir(path.join(dir, 'drafts'));
    await fs.writeFile(path.join(dir, 'drafts', 'storm.txt'), 'Boats stayed in harbour.');
    await fs.symlink(path.join('drafts', 'storm.txt'), path.join(dir, 'storm.txt'));
    const known = await built(dir, countingIo());
    expect(known.find((k) => k.file === 'storm.txt')!.stamp).toBeUndefined();
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'leak.txt'));
    const check = await checkSeeds(dir, known, { io: countingIo() });
    expect(check.read).toEqual(['leak.txt', 'storm.txt']);
    expect(check.stories.map((s) => s.file)).toEqual([SEED, 'storm.txt']);
    expect(check.problems).toEqual([{ file: 'leak.txt', reason: expect.stringMatching(/link pointing outside the seeds folder/) }]);
    const followed = await checkSeeds(dir, known, { io: countingIo(), followLinks: true });
    expect(followed.stories.map((s) => s.file)).toEqual([SEED, 'leak.txt', 'storm.txt']);
  });

  it('reads a stamped file again when it is now over the size limit, and reports it', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.' });
    const known = await built(dir, countingIo());
    const check = await checkSeeds(dir, known, { io: countingIo(), maxBytes: 10 });
    expect(check.stories).toEqual([]);
    expect(check.problems.map((p) => p.file)).toEqual([SEED, 'b.txt']);
  });

  it('throws like readSeeds when the folder is missing', async () => {
    await expect(checkSeeds(path.join(await tempDir(), 'nope'), [])).rejects.toThrow(/does not exist/);
  });
});

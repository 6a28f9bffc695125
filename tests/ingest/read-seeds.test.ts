import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorId, UserFacingError } from '../../src/errors.js';
import { readSeeds, seedsHash } from '../../src/ingest/read-seeds.js';
import { SECOND_STORY, seedsFolder, tempDir } from '../support/fixtures.js';

describe('readSeeds', () => {
  it('reads the seed story', async () => {
    const { stories, problems } = await readSeeds(await seedsFolder());
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.id)).toEqual(['2014-03-30-kerry-lavrov-paris']);
  });

  it('names each bad file and why, and still reads the good one', async () => {
    const dir = await seedsFolder({
      'empty.txt': '   \n',
      'binary.txt': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]),
      'huge.md': 'x'.repeat(7000),
      'notes.csv': 'ignored,because,not,a,story',
    });
    const { stories, problems } = await readSeeds(dir, { maxBytes: 6000 });
    expect(stories.map((s) => s.id)).toEqual(['2014-03-30-kerry-lavrov-paris']);
    const reasons = Object.fromEntries(problems.map((p) => [p.file, p.reason]));
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['latin1.txt']).toMatch(/not valid UTF-8/);
    expect(reasons['huge.md']).toMatch(/over the 5\.9 KB limit \(MAX_SEED_BYTES\)/);
    expect(reasons['notes.csv']).toBeUndefined();
  });

  it('uses a sidecar and reports a broken one without losing the story', async () => {
    const dir = await seedsFolder({ 'b.txt': 'Another story. Short.', 'b.json': '{"title":"B story","url":"https://example.org/b"}', 'c.txt': 'Third.', 'c.json': '{nope' });
    const { stories, problems } = await readSeeds(dir);
    expect(stories.find((s) => s.id === 'b')).toMatchObject({ title: 'B story', url: 'https://example.org/b' });
    expect(stories.find((s) => s.id === 'c')).toBeDefined();
    expect(problems).toEqual([{ file: 'c.json', reason: expect.stringMatching(/not valid JSON.*indexed without it/) }]);
  });

  it('refuses a missing folder with a message that names it and says what to do', async () => {
    const missing = path.join(await tempDir(), 'nope');
    const error = await readSeeds(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).id).toBe(ErrorId.NoStories);
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toMatch(/SEEDS_DIR/);
  });

  it('refuses an empty folder and a folder of only bad files', async () => {
    const empty = await tempDir();
    await expect(readSeeds(empty)).rejects.toThrow(/holds no story/);
    await fs.writeFile(path.join(empty, 'bad.txt'), '');
    await expect(readSeeds(empty)).rejects.toThrow(/bad\.txt: is empty/);
  });

  it('hashes seeds so any change, addition or removal shows', async () => {
    const dir = await seedsFolder();
    const before = seedsHash((await readSeeds(dir)).stories);
    await fs.writeFile(path.join(dir, 'new.txt'), 'A new story.');
    const after = seedsHash((await readSeeds(dir)).stories);
    expect(after).not.toBe(before);
    await fs.rm(path.join(dir, 'new.txt'));
    expect(seedsHash((await readSeeds(dir)).stories)).toBe(before);
  });

  describe('links', () => {
    /** A seeds folder with the seed story, a story link and a sidecar link leaving it, and a link that stays inside. */
    async function linkedFolder() {
      const outside = await tempDir('dateline-outside-');
      await fs.writeFile(path.join(outside, 'secret.txt'), 'The vault password is hunter2-orchid.');
      await fs.writeFile(path.join(outside, 'meta.json'), '{"title":"Leaked title hunter2-orchid"}');
      const dir = await seedsFolder({ 'mine.txt': 'A story of my own. It has two sentences.' });
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'leak.txt'));
      await fs.symlink(path.join(outside, 'meta.json'), path.join(dir, 'mine.json'));
      await fs.mkdir(path.join(dir, 'drafts'));
      await fs.writeFile(path.join(dir, 'drafts', 'storm.txt'), SECOND_STORY.text);
      await fs.symlink(path.join('drafts', 'storm.txt'), path.join(dir, `${SECOND_STORY.id}.txt`));
      return dir;
    }

    it('skips story and sidecar links that leave the folder, naming each and the setting that allows them', async () => {
      const dir = await linkedFolder();
      const { stories, problems } = await readSeeds(dir);
      expect(stories.map((s) => s.id).sort()).toEqual(['2014-03-30-kerry-lavrov-paris', SECOND_STORY.id, 'mine']);
      expect(JSON.stringify(stories)).not.toContain('hunter2-orchid');
      expect(problems).toEqual([
        { file: 'leak.txt', reason: expect.stringMatching(/link pointing outside the seeds folder.*SEEDS_FOLLOW_LINKS=true/) },
        { file: 'mine.json', reason: expect.stringMatching(/link pointing outside the seeds folder.*SEEDS_FOLLOW_LINKS=true.*indexed without it/) },
      ]);
      expect(stories.find((s) => s.id === SECOND_STORY.id)!.text).toBe(SECOND_STORY.text);
    });

    it('reads them with followLinks', async () => {
      const { stories, problems } = await readSeeds(await linkedFolder(), { followLinks: true });
      expect(problems).toEqual([]);
      expect(stories.find((s) => s.id === 'leak')!.text).toContain('hunter2-orchid');
      expect(stories.find((s) => s.id === 'mine')!.title).toBe('Leaked title hunter2-orchid');
    });

    it('judges links against the real folder when the seeds folder is itself reached through a link', async () => {
      const dir = await linkedFolder();
      const alias = path.join(await tempDir(), 'seeds-alias');
      await fs.symlink(dir, alias);
      const { stories, problems } = await readSeeds(alias);
      expect(stories.map((s) => s.id).sort()).toEqual(['2014-03-30-kerry-lavrov-paris', SECOND_STORY.id, 'mine']);
      expect(problems.map((p) => p.file)).toEqual(['leak.txt', 'mine.json']);
    });
  });
});

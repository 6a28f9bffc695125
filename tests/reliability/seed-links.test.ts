import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedsFolder, tempDir } from '../support/fixtures.js';
import { dateline } from './dateline-cli.js';

/**
 * A link in seeds/ to a file elsewhere (`leak.txt → /etc/passwd`, an env
 * file) must not get indexed and quoted: `dateline reindex` skips it and
 * names it, `ask` never quotes it, unless SEEDS_FOLLOW_LINKS=true. Run
 * through the real CLI process.
 */
const SECRET = 'hunter2-orchid-7781';
const QUESTION = 'What is the vault password?';

interface Report {
  stories: number;
  problems: { file: string; reason: string }[];
}

let seedsDir: string;
beforeAll(async () => {
  const outside = await tempDir('dateline-outside-');
  await fs.writeFile(path.join(outside, 'secrets.env'), `The vault password is ${SECRET}. Keep the vault password away from the newsroom.\n`);
  seedsDir = await seedsFolder();
  await fs.symlink(path.join(outside, 'secrets.env'), path.join(seedsDir, 'leak.txt'));
  // A link that stays inside the folder keeps working.
  await fs.mkdir(path.join(seedsDir, 'drafts'));
  await fs.writeFile(path.join(seedsDir, 'drafts', 'storm.txt'), 'Fishing boats stayed in Peniche harbour as waves of seven metres closed the coast.\n');
  await fs.symlink(path.join('drafts', 'storm.txt'), path.join(seedsDir, 'storm.txt'));
});

describe('links in the seeds folder, through the CLI', { timeout: 60_000 }, () => {
  it('reindex skips a link leaving the folder and names it; ask never quotes what it points at', async () => {
    const env = { SEEDS_DIR: seedsDir, INDEX_DIR: await tempDir('dateline-index-') };
    const reindex = await dateline(['reindex', '--json'], env);
    expect(reindex.code).toBe(0);
    const report = JSON.parse(reindex.stdout) as Report;
    expect(report.stories).toBe(2); // the seed story and the inside link
    expect(report.problems).toEqual([
      { file: 'leak.txt', reason: expect.stringMatching(/is a link pointing outside the seeds folder.*SEEDS_FOLLOW_LINKS=true/) },
    ]);
    expect(reindex.stderr).toContain('leak.txt');

    const human = await dateline(['reindex'], env);
    expect(human.stdout).toMatch(/skipped leak\.txt: is a link pointing outside the seeds folder/);

    const ask = await dateline(['ask', '--json', QUESTION], env);
    expect(ask.code).toBe(0);
    expect(ask.stdout + ask.stderr).not.toContain(SECRET);
    const storm = await dateline(['ask', '--json', 'Where did the fishing boats stay?'], env);
    expect(storm.stdout).toContain('Peniche harbour');
  });

  it('with SEEDS_FOLLOW_LINKS=true the link is indexed and quoted', async () => {
    const env = { SEEDS_DIR: seedsDir, INDEX_DIR: await tempDir('dateline-index-'), SEEDS_FOLLOW_LINKS: 'true' };
    const reindex = await dateline(['reindex', '--json'], env);
    expect(reindex.code).toBe(0);
    const report = JSON.parse(reindex.stdout) as Report;
    expect(report.stories).toBe(3);
    expect(report.problems).toEqual([]);
    const ask = await dateline(['ask', '--json', QUESTION], env);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain(SECRET);
  });
});

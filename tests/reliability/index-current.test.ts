import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATION_NAME } from '../../src/index/store.js';
import { seedsFolder, tempDir } from '../support/fixtures.js';
import { dateline } from './dateline-cli.js';

/**
 * `CURRENT` as someone may have left it: naming a path outside the index
 * folder, or holding terminal escape codes. Through the real CLI: anything
 * but a generation folder's name is a damaged index, rebuilt with the bad
 * value shown escaped.
 */
const QUESTION = 'Where did Kerry and Lavrov meet?';
let seedsDir: string;
beforeAll(async () => {
  seedsDir = await seedsFolder();
});

async function currentOf(indexDir: string): Promise<string> {
  return (await fs.readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
}

describe('CURRENT is only ever a generation folder of the index folder', { timeout: 90_000 }, () => {
  it('a CURRENT leading to an index outside the folder is not followed: the index is rebuilt inside, saying why', async () => {
    const elsewhere = await tempDir('dateline-elsewhere-');
    expect((await dateline(['reindex'], { SEEDS_DIR: seedsDir, INDEX_DIR: elsewhere })).code).toBe(0);
    const outsideGeneration = await currentOf(elsewhere);
    const indexDir = await tempDir('dateline-index-');
    const bad = `../${path.basename(elsewhere)}/${outsideGeneration}`;
    await fs.writeFile(path.join(indexDir, 'CURRENT'), `${bad}\n`);

    const run = await dateline(['ask', '--json', QUESTION], { SEEDS_DIR: seedsDir, INDEX_DIR: indexDir });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { answered: boolean }).answered).toBe(true);
    expect(run.stderr).toContain(`CURRENT holds ${JSON.stringify(bad)}, which is not the name of a generation folder`);
    expect(run.stderr).toMatch(/cannot be used .*rebuilding it/);
    const now = await currentOf(indexDir);
    expect(now).toMatch(GENERATION_NAME);
    expect((await fs.stat(path.join(indexDir, now))).isDirectory()).toBe(true);
  });

  it('terminal escape codes in CURRENT are shown escaped, never written raw', async () => {
    const indexDir = await tempDir('dateline-index-');
    const hostile = 'index-\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b31m';
    await fs.writeFile(path.join(indexDir, 'CURRENT'), `${hostile}\n`);
    const run = await dateline(['ask', QUESTION], { SEEDS_DIR: seedsDir, INDEX_DIR: indexDir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(String.raw`CURRENT holds "index-\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b31m"`);
    expect(run.stderr + run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(await currentOf(indexDir)).toMatch(GENERATION_NAME);
  });
});

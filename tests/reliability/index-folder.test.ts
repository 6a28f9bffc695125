import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedsFolder, tempDir } from '../support/fixtures.js';
import { dateline, STACK_FRAME } from './dateline-cli.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/**
 * An index folder that cannot hold an index (`CURRENT` a folder, `INDEX_DIR`
 * a file): through the real CLI, a clear error (exit 2) naming the path and
 * what to do, never a crash with a stack trace.
 */
const QUESTION = 'Where did Kerry and Lavrov meet?';
let seedsDir: string;
beforeAll(async () => {
  seedsDir = await seedsFolder();
});

describe('an index folder that cannot hold an index is a clear error, exit 2', { timeout: 60_000 }, () => {
  it('CURRENT is a folder', async () => {
    const indexDir = await tempDir('dateline-index-');
    await fs.mkdir(path.join(indexDir, 'CURRENT'));
    const run = await dateline(['ask', QUESTION], { SEEDS_DIR: seedsDir, INDEX_DIR: indexDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${path.join(indexDir, 'CURRENT')} is a folder`);
    expect(run.stderr).toMatch(/Move or remove that folder .*rm -r/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe('');
    expect((await fs.stat(path.join(indexDir, 'CURRENT'))).isDirectory()).toBe(true); // left for the person to look at
  });

  it('`dateline --index README.md ask hi`: INDEX_DIR is a file', async () => {
    const cwd = await tempDir('dateline-cwd-');
    await fs.copyFile(path.join(PROJECT_ROOT, 'README.md'), path.join(cwd, 'README.md'));
    const before = await fs.readFile(path.join(cwd, 'README.md'), 'utf8');
    const run = await dateline(['--seeds', seedsDir, '--index', 'README.md', 'ask', 'hi'], {}, cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: The index folder ${path.join(await fs.realpath(cwd), 'README.md')} is a file, not a folder.`);
    expect(run.stderr).toMatch(/Point INDEX_DIR \/ --index at a folder/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toContain('"level"');
    expect(await fs.readFile(path.join(cwd, 'README.md'), 'utf8')).toBe(before);

    const below = await dateline(['--seeds', seedsDir, '--index', 'README.md/index', 'reindex'], {}, cwd);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/The index folder .*README\.md\/index is inside a file, not a folder\./);
  });
});

import os from 'node:os';
import { runBuilt, type FinishedRun } from '../support/built-process.js';

/** What a finished `dateline` process printed, and its exit code. */
export type CliRun = FinishedRun;

/**
 * Runs the built CLI (`node bin/dateline.js …`, as `npx dateline` does) with
 * `env` over a clean environment (no developer `.env` settings: it runs from
 * a temp folder unless `cwd` is given) and waits for it to exit.
 */
export function dateline(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return runBuilt('bin/dateline.js', args, {
    cwd: cwd ?? os.tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
  });
}

/** A stack frame as Node prints it (`at fn (file.js:12:3)`). */
export const STACK_FRAME = /\bat .*\.js:\d+/;

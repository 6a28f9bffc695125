import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/** What a finished `dateline` process printed, and its exit code. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`node bin/dateline.js …`, as `npx dateline` does) with
 * `env` over a clean environment (no developer `.env` settings: it runs from
 * a temp folder unless `cwd` is given) and waits for it to exit.
 */
export function dateline(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'dateline.js'), ...args], {
      cwd: cwd ?? os.tmpdir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A stack frame as Node prints it (`at fn (file.js:12:3)`). */
export const STACK_FRAME = /\bat .*\.js:\d+/;

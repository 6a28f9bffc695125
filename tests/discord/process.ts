import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/paths.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A TypeScript entry point (`src/discord/main.ts`, a script) run by Node through tsx, as `npm start` runs its build. */
export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once standard error contains `text`. */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  exit: Promise<number | null>;
}

/**
 * Runs `entry` (relative to the project) with exactly `env` (plus PATH),
 * from `cwd` (a folder with no `.env`, so a developer's settings stay out).
 * `nodeArgs` go to Node after tsx's loader, before the entry (e.g. `--expose-gc`, an `--import` of a TypeScript preload).
 */
export function runEntry(entry: string, env: Record<string, string>, cwd: string, nodeArgs: readonly string[] = []): Spawned {
  const child = spawn(process.execPath, ['--import', TSX, ...nodeArgs, path.join(PROJECT_ROOT, entry)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    for (const l of [...listeners]) l();
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitForStderr = (text: string, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        listeners.delete(check);
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const check = () => void (stderr.includes(text) && done());
      const timer = setTimeout(() => done(new Error(`"${text}" not seen on stderr in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      void exit.then(() => listeners.has(check) && !stderr.includes(text) && done(new Error(`exited before "${text}":\n${stderr}`)));
      listeners.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, waitForStderr, exit };
}

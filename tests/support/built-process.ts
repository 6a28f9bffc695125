import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** What a finished process printed, and its exit code. */
export interface FinishedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link runBuilt}. */
export interface RunBuiltOptions {
  cwd: string;
  /** Exactly the environment the process gets (nothing of this one's is added). */
  env: NodeJS.ProcessEnv;
  /** Written to standard input, which is then closed; without it, standard input is ignored. */
  input?: string;
}

/**
 * Runs a built script of the project (`bin/dateline.js`, `dist/scripts/…`,
 * relative to the project) with `node` and `args`, and resolves once it has
 * exited and closed its output.
 */
export function runBuilt(script: string, args: readonly string[], { cwd, env, input }: RunBuiltOptions): Promise<FinishedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, script), ...args], {
      cwd,
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

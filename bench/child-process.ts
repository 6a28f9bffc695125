import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PEAK_RSS_FILE_ENV } from './report-peak-rss.js';
import { PROJECT_ROOT } from '../src/paths.js';

/** What one fresh Node process did. */
export interface NodeRun {
  /** From spawn to exit, as a person at the terminal would wait, in ms. */
  wallMs: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size in MiB, when asked for. */
  peakRssMib?: number;
}

/** Options for {@link runNode}. */
export interface RunNodeOptions {
  env: NodeJS.ProcessEnv;
  /** Preload `report-peak-rss` and read the process's peak RSS. */
  peakRss?: boolean;
  /** Node flags before the script, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** A bench entry script compiled into `dist/bench/` (child processes run the build, like `bin/dateline.js` does). */
export function benchScript(name: string): string {
  const file = path.join(PROJECT_ROOT, 'dist', 'bench', `${name}.js`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npx tsc -p tsconfig.build.json)`);
  return file;
}

/** `bin/dateline.js`, the CLI exactly as installed. */
export const CLI = path.join(PROJECT_ROOT, 'bin', 'dateline.js');

/**
 * Runs `node [flags] ...args` (a script and its arguments, or `-e code`) as a
 * fresh process, synchronously so nothing else in the benchmark competes
 * with it, and fails when it exits non-zero.
 */
export function runNode(args: readonly string[], options: RunNodeOptions): NodeRun {
  const rssFile = options.peakRss ? path.join(os.tmpdir(), `dateline-bench-rss-${process.pid}-${Date.now()}.json`) : undefined;
  const flags = [...(options.nodeFlags ?? [])];
  if (rssFile) flags.push('--import', pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'bench', 'report-peak-rss.js')).href);
  const env = rssFile ? { ...options.env, [PEAK_RSS_FILE_ENV]: rssFile } : options.env;
  const started = performance.now();
  const result = spawnSync(process.execPath, [...flags, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`node ${args.map((a) => path.relative(PROJECT_ROOT, a) || a).join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  }
  const run: NodeRun = { wallMs, stdout: result.stdout, stderr: result.stderr };
  if (rssFile) {
    const { maxRssKib } = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKib: number };
    fs.rmSync(rssFile, { force: true });
    run.peakRssMib = maxRssKib / 1024;
  }
  return run;
}

/** Fails when a process that should have loaded a built index built one instead (the measurement would be of a build). */
export function assertIndexLoaded(run: NodeRun, what: string): void {
  if (/No index in|Rebuilding the index|cannot be used/.test(run.stderr)) {
    throw new Error(`${what} did not load the prepared index:\n${run.stderr}`);
  }
}

/**
 * `npm run report`: regenerates the committed reports on purpose. Test runs
 * and `dateline eval` write only to the ignored `.reports/`; this copies the
 * reliability figures of the last `npm test` / `npm run test:load` into
 * bench/results/reliability.json and RELIABILITY.md, and reruns every eval
 * set into bench/results/eval-<set>.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

const reports = path.join(PROJECT_ROOT, '.reports');
const results = path.join(PROJECT_ROOT, 'bench', 'results');

async function copyReliability(): Promise<void> {
  const json = path.join(reports, 'reliability.json');
  const md = path.join(reports, 'RELIABILITY.md');
  try {
    await fs.access(json);
    await fs.access(md);
  } catch {
    process.stderr.write('report: no reliability figures in .reports/ yet; run `npm test` and `npm run test:load` first.\n');
    process.exit(2);
  }
  await fs.copyFile(json, path.join(results, 'reliability.json'));
  await fs.copyFile(md, path.join(PROJECT_ROOT, 'RELIABILITY.md'));
  process.stdout.write('report: wrote bench/results/reliability.json and RELIABILITY.md\n');
}

function runEval(): void {
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'dateline.js'), 'eval', '--set', 'all', '--out', results], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  process.stdout.write('report: wrote bench/results/eval-*.json\n');
}

await copyReliability();
runEval();

import fs from 'node:fs/promises';
import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { mergeResults, renderReliability, type ReliabilityResults, type StoredScenario } from './reliability-report.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The committed figures and report, written only by `npm run report` (scripts/report.ts). */
export const COMMITTED_RELIABILITY_JSON = path.join(PROJECT_ROOT, 'bench', 'results', 'reliability.json');

/**
 * Where a test run writes its figures and report: the ignored `.reports/`, so
 * `npm test` never changes the tree. `npm run report` copies them to
 * bench/results/reliability.json and RELIABILITY.md.
 */
export const RELIABILITY_JSON = path.join(PROJECT_ROOT, '.reports', 'reliability.json');
export const RELIABILITY_MD = path.join(PROJECT_ROOT, '.reports', 'RELIABILITY.md');

const suiteOf = (file: string) => (file.startsWith('tests/load/') ? 'npm run test:load' : 'npm test');

/** The figures of the last run here, else the committed ones: a run of one suite keeps the other suite's figures. */
async function readPrevious(): Promise<ReliabilityResults | undefined> {
  for (const file of [RELIABILITY_JSON, COMMITTED_RELIABILITY_JSON]) {
    try {
      return JSON.parse(await fs.readFile(file, 'utf8')) as ReliabilityResults;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/**
 * Vitest reporter: collects the scenarios tests recorded with
 * `recordScenario` (in their task metadata) and, when the run ends, merges
 * them into .reports/reliability.json and renders .reports/RELIABILITY.md.
 * Use with `--reporter=default --reporter=./tests/support/reliability-reporter.ts`.
 */
export default class ReliabilityReporter implements Reporter {
  private readonly scenarios: StoredScenario[] = [];
  private readonly files = new Set<string>();

  onTestModuleEnd(module: TestModule): void {
    this.files.add(path.relative(PROJECT_ROOT, module.moduleId).split(path.sep).join('/'));
  }

  onTestCaseResult(test: TestCase): void {
    const recorded = test.meta().reliability;
    if (!recorded?.length) return;
    const file = path.relative(PROJECT_ROOT, test.module.moduleId).split(path.sep).join('/');
    const state = test.result().state;
    for (const r of recorded) {
      this.scenarios.push({ ...r, suite: suiteOf(file), test: `${file} > ${test.fullName}`, file, state, ranAt: '' });
    }
  }

  async onTestRunEnd(): Promise<void> {
    if (this.scenarios.length === 0) return;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const s of this.scenarios) s.ranAt = now;
    const results = mergeResults(await readPrevious(), this.scenarios, this.files, now);
    await fs.mkdir(path.dirname(RELIABILITY_JSON), { recursive: true });
    await fs.writeFile(RELIABILITY_JSON, `${JSON.stringify(results, null, 2)}\n`);
    await fs.writeFile(RELIABILITY_MD, renderReliability(results));
    process.stdout.write(`Reliability: ${this.scenarios.length} scenarios written to ${path.relative(process.cwd(), RELIABILITY_MD)} and ${path.relative(process.cwd(), RELIABILITY_JSON)}\n`);
  }
}

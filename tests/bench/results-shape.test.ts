import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchResultsSchema } from '../../bench/results-schema.js';
import { runBench } from '../../bench/run-bench.js';
import { writeResults } from '../../bench/write-results.js';
import { EVAL_FILES } from '../../src/eval/data-files.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const dirs: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

// The child processes run the compiled build (`npm test` compiles first); no timing is asserted here.
describe('npm run bench, on a tiny run (scales 1 and 2, a few questions, one process each)', () => {
  it('writes bench.json in the documented, stable shape and an SVG chart', async () => {
    const results = await runBench({
      scales: [2, 1],
      questions: 5,
      recallQueries: 5,
      coldRuns: 1,
      workDir: await tempDir('dateline-bench-work-'),
      seedsDir: path.join(PROJECT_ROOT, 'seeds'),
      storyQuestionsFile: EVAL_FILES.storyDev,
      squadFile: EVAL_FILES.squadSample,
      env: { ...process.env, LOG_LEVEL: 'info' },
      log: () => {},
    });
    const files = await writeResults(results, await tempDir('dateline-bench-out-'));
    const json = JSON.parse(await fs.readFile(files.json, 'utf8')) as Record<string, unknown>;

    expect(() => benchResultsSchema.parse(json)).not.toThrow();
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['machine', 'model', 'cold_start_s', 'sizes']));
    expect(json.model).toBe('dateline/glove-100d-sif');
    expect(json.corpus).toBe('archive');
    expect(json.exact_search).toBe('hnswlib-bruteforce');
    expect(Object.keys(json.cold_start_s as object)).toEqual(expect.arrayContaining(['median', 'process', 'model_load', 'index_load', 'first_answer']));
    const sizes = json.sizes as Record<string, unknown>[];
    expect(sizes.map((s) => s.scale)).toEqual([1, 2]);
    expect(sizes.map((s) => s.stories)).toEqual([1, 2]);
    for (const size of sizes) {
      expect(Object.keys(size)).toEqual(
        expect.arrayContaining(['scale', 'stories', 'chunks', 'build_s', 'chunks_per_s', 'index_bytes', 'answer_ms', 'stage_ms', 'recall_at_10', 'exact_answer_ms', 'speedup_vs_exact', 'exact_search_ms', 'search_speedup_vs_exact', 'rss_mb']),
      );
      expect(Object.keys(size.answer_ms as object)).toEqual(['p50', 'p95', 'p99']);
      expect(Object.keys(size.stage_ms as object)).toEqual(['embed', 'vector_search', 'lexical_search', 'selection']);
      expect(size.recall_at_10).toBeGreaterThan(0);
    }
    expect((sizes[1]!.chunks as number) > (sizes[0]!.chunks as number)).toBe(true);
    expect(results.targets.filter((t) => t.target.startsWith('×1000')).every((t) => t.met === null)).toBe(true);

    const svg = await fs.readFile(files.chart, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Warm answer latency');
    expect(svg).toContain('Index build time');
  }, 240_000);
});

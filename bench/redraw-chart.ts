/**
 * `npm run bench:chart [-- <bench.json> [<chart.svg>]]`: redraws the bench chart from a saved `bench.json`
 * without rerunning the benchmark (defaults: bench/results/bench.json → bench/results/latency-vs-corpus.svg).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { renderLatencyChart } from './latency-chart.js';
import { benchResultsSchema } from './results-schema.js';
import { RESULT_FILES } from './write-results.js';
import { PROJECT_ROOT } from '../src/paths.js';

const results = path.join(PROJECT_ROOT, 'bench', 'results');
const [input = path.join(results, RESULT_FILES.json), output = path.join(path.dirname(input), RESULT_FILES.chart)] = process.argv.slice(2);

const parsed = benchResultsSchema.parse(JSON.parse(await fs.readFile(input, 'utf8')));
const tmp = `${output}.tmp`;
await fs.writeFile(tmp, await renderLatencyChart(parsed));
await fs.rename(tmp, output);
process.stdout.write(`${path.relative(process.cwd(), output)} redrawn from ${path.relative(process.cwd(), input)}\n`);

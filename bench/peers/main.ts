/**
 * `npm run bench:peers`: Dateline side by side with a MiniSearch BM25 peer
 * and a LangChain HNSWLib peer on the SQuAD sample (issue #16 item 6).
 * Prints the table to standard output (progress to standard error) and
 * writes `bench/results/peers.json`. See bench/README.md, "Peers".
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { parseConfig } from '../../src/config.js';
import { EVAL_FILES } from '../../src/eval/data-files.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadAverage, machineInfo } from '../machine-info.js';
import { formatPeers } from './format.js';
import { measurePeers, PEERS_COLD_QUESTION } from './measure-peers.js';
import { peersFileSchema } from './schema.js';

const USAGE = `npm run bench:peers [-- options]
  --cold-runs 5            fresh processes per row for the cold one-shot
  --out bench/results      where peers.json goes`;

const { values } = parseArgs({
  options: {
    'cold-runs': { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench', 'results') },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const coldRuns = Number(values['cold-runs']);
if (!Number.isInteger(coldRuns) || coldRuns < 1) throw new Error(`--cold-runs must be a whole number ≥ 1\n\n${USAGE}`);

dotenv.config({ quiet: true });
const loadAtStart = loadAverage();
const env = { ...process.env, LOG_LEVEL: 'info' };
const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-peers-'));
try {
  const peers = await measurePeers({
    squadFile: EVAL_FILES.squadSample,
    workDir,
    env,
    coldRuns,
    log: (line) => process.stderr.write(`bench:peers: ${line}\n`),
  });
  const file = peersFileSchema.parse({
    generated_at: new Date().toISOString(),
    machine: machineInfo(loadAtStart),
    model: parseConfig(env).embeddingModel,
    cold_question: PEERS_COLD_QUESTION,
    cold_runs: coldRuns,
    peers,
  });
  const out = path.resolve(values.out);
  await fs.mkdir(out, { recursive: true });
  const json = path.join(out, 'peers.json');
  await fs.writeFile(json, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`${formatPeers(file)}\n\nWrote ${path.relative(process.cwd(), json)}.\n`);
} finally {
  await fs.rm(workDir, { recursive: true, force: true });
}

/**
 * Bench-only entry (issue #16): how long `index.open()` takes at cold start
 * with a built index and unchanged seeds, at ×`scale` stories.
 *
 * `node dist/bench/index-open-seeds.js <work dir> [scale=1000] [runs=7]`
 * writes the synthetic corpus into `<work dir>/seeds-x<scale>` (once), builds
 * its index (once), then times `open()` in `runs` fresh processes and, as the
 * parts: `loadIndex` alone (no seed check), `readSeeds` (reading every story,
 * what open did before issue #16) and `checkSeeds` against the manifest (what
 * it does now). Prints one JSON line of medians in ms. Child mode:
 * `--child open|load|read-all|check` with SEEDS_DIR and INDEX_DIR set.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { runNode } from './child-process.js';
import { loadCorpusSources } from './corpus-sources.js';
import { median } from './percentiles.js';
import { syntheticCorpus, writeCorpus } from './synthetic-corpus.js';
import { parseConfig } from '../src/config.js';
import { createCoreContext } from '../src/core-context.js';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { buildSettings } from '../src/index/build-settings.js';
import { readSeeds } from '../src/ingest/read-seeds.js';
import { loadIndex, readCurrentManifest } from '../src/index/store.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';

/** Imported by path, so this script also builds in a checkout from before `checkSeeds` (to time `open` there). */
const CHECK_SEEDS = '../src/ingest/check-seeds.js';

async function child(mode: string): Promise<void> {
  const config = parseConfig(process.env);
  const ctx = await createCoreContext(config, createLogger({ level: 'warn' }));
  const started = performance.now();
  if (mode === 'open') await ctx.index.open();
  else if (mode === 'read-all') await readSeeds(config.seedsDir);
  else if (mode === 'check') {
    const manifest = await readCurrentManifest(config.indexDir);
    const { checkSeeds } = (await import(CHECK_SEEDS)) as { checkSeeds: (dir: string, known: unknown) => Promise<{ read: string[] }> };
    const check = await checkSeeds(config.seedsDir, manifest!.stories);
    if (check.read.length > 0) throw new Error(`${check.read.length} stories read`);
  } else {
    const result = await loadIndex(config.indexDir, buildSettings({ embedder: ctx.embedder, hnsw: config.hnsw }), config.hnsw);
    if (result.status !== 'ok') throw new Error(`index not loaded: ${result.status}`);
  }
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
}

async function main(): Promise<void> {
  const [workDir, scaleArg, runsArg] = process.argv.slice(2);
  if (!workDir) throw new Error('usage: index-open-seeds <work dir> [scale] [runs]');
  const scale = Number(scaleArg ?? 1000);
  const runs = Number(runsArg ?? 7);
  const seedsDir = path.resolve(workDir, `seeds-x${scale}`);
  const indexDir = path.resolve(workDir, `index-x${scale}`);
  const env = { ...process.env, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir, LOG_LEVEL: 'warn' };
  if (!(await fs.stat(seedsDir).catch(() => undefined))) {
    const sources = await loadCorpusSources(path.join(PROJECT_ROOT, 'seeds'), EVAL_FILES.squadSample);
    await writeCorpus(syntheticCorpus(sources, scale), seedsDir);
    await delay(2500);
  }
  const ms = (mode: string) => {
    const run = runNode([process.argv[1]!, '--child', mode], { env });
    if (!run.stdout.trim()) throw new Error(run.stderr);
    return (JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
  };
  ms('open');
  const modes = ['open', 'load', 'read-all', 'check'] as const;
  const times = Object.fromEntries(modes.map((m) => [m, [] as number[]])) as Record<(typeof modes)[number], number[]>;
  for (let i = 0; i < runs; i++) for (const mode of modes) times[mode].push(ms(mode));
  const med = (mode: (typeof modes)[number]) => Number(median(times[mode]).toFixed(1));
  const files = (await fs.readdir(seedsDir)).length;
  const result = { scale, files, runs, open_ms: med('open'), load_index_only_ms: med('load'), read_all_seeds_ms: med('read-all'), check_seeds_ms: med('check') };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? 'open');
else await main();

import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { AppContext } from '../context.js';
import { checkBar } from '../eval/bar.js';
import { EVAL_FILES } from '../eval/data-files.js';
import { loadSquadSet, loadStorySet, type EvalSet } from '../eval/datasets.js';
import { renderEvalReport } from '../eval/report.js';
import { runEval } from '../eval/run-eval.js';
import { PROJECT_ROOT } from '../config.js';

/** Where `dateline eval` writes `eval-<set>.json` unless told otherwise: an ignored folder, so evaluating never changes the tree. */
export const EVAL_OUT_DIR = path.join(PROJECT_ROOT, '.reports');

/** The sets `dateline eval --set` knows, in the order `all` runs them. */
export const EVAL_SET_NAMES = ['story', 'casual', 'squad'] as const;

interface EvalOptions {
  set: string;
  storyFile: string;
  casualFile: string;
  squadFile: string;
  out: string;
  check?: boolean;
}

async function loadSets(opts: EvalOptions, seedsDir: string): Promise<EvalSet[]> {
  const wanted = opts.set === 'all' ? EVAL_SET_NAMES : [opts.set];
  const sets: EvalSet[] = [];
  for (const name of wanted) {
    if (name === 'story') sets.push(await loadStorySet(opts.storyFile, seedsDir));
    if (name === 'casual') sets.push(await loadStorySet(opts.casualFile, seedsDir, 'casual'));
    if (name === 'squad') sets.push(await loadSquadSet(opts.squadFile));
  }
  return sets;
}

/**
 * `dateline eval`: every question of a set through `ask`, side by side with
 * the baselines, with the set's bar. Writes `eval-<set>.json` to `--out`
 * (default `.reports/`, ignored by git; `npm run report` writes the committed
 * copies in `bench/results/`).
 */
export function evalCommand(context: () => Promise<AppContext>, print: (text: string) => void): Command {
  return new Command('eval')
    .description('measure answer quality on question sets, side by side with lexical and dense baselines')
    .addOption(new Option('--set <name>', 'which set').choices([...EVAL_SET_NAMES, 'all']).default('all'))
    .option('--story-file <file>', 'story questions', EVAL_FILES.storyDev)
    .option('--casual-file <file>', 'casual story questions', EVAL_FILES.storyCasualDev)
    .option('--squad-file <file>', 'SQuAD articles', EVAL_FILES.squadSample)
    .option('--out <dir>', 'where eval-<set>.json goes', EVAL_OUT_DIR)
    .option('--check', 'exit 3 when a quality bar is missed')
    .action(async (opts: EvalOptions) => {
      const ctx = await context();
      ctx.logger.level = 'warn';
      const sets = await loadSets(opts, ctx.config.seedsDir);
      let failed = false;
      await fs.mkdir(opts.out, { recursive: true });
      for (const set of sets) {
        const report = await runEval(set, ctx);
        const full = report.methods.find((m) => m.method === 'dateline (full)')!;
        const bar = checkBar(set.name, full.tally);
        failed ||= bar.some((b) => !b.pass);
        await fs.writeFile(path.join(opts.out, `eval-${set.name}.json`), `${JSON.stringify({ ...report, bar }, null, 2)}\n`);
        print(`${renderEvalReport(report, bar)}\n`);
      }
      if (opts.check && failed) throw new CommanderError(3, 'dateline.barMissed', 'A quality bar was missed.');
    });
}

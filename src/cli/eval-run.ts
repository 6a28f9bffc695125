import fs from 'node:fs/promises';
import path from 'node:path';
import { CommanderError, InvalidArgumentError } from 'commander';
import type { CoreContext } from '../core-context.js';
import { checkBar } from '../eval/bar.js';
import { loadSquadSet, loadStorySet, type EvalSet } from '../eval/datasets.js';
import { checkFollowUpBar, loadFollowUpSet, renderFollowUpReport, runFollowUpEval } from '../eval/follow-ups.js';
import { publishedReport, renderEvalReport, showsMisses } from '../eval/report.js';
import { runEval, type EvalRun } from '../eval/run-eval.js';
import type { Tally } from '../eval/score.js';

/** The sets `--set all` runs, in order. */
export const EVAL_ALL_SETS = ['story', 'casual', 'squad', 'followups', 'followups-fresh'] as const;

/** The options of `dateline eval`, as commander parses them. */
export interface EvalOptions {
  set: string;
  storyFile: string;
  casualFile: string;
  freshFile: string;
  moreFile: string;
  squadFile: string;
  squadTrainFile: string;
  followupsFile: string;
  followupsFreshFile: string;
  out: string;
  check?: boolean;
  noise?: number;
  showMisses?: boolean;
}

/** The two-turn sets: scored by {@link runFollowUpEval}, with and without the first question as context. */
const FOLLOW_UP_SETS: Record<string, (opts: EvalOptions) => string> = {
  followups: (opts) => opts.followupsFile,
  'followups-fresh': (opts) => opts.followupsFreshFile,
};

function fullTally(run: EvalRun): Tally {
  return run.methods.find((m) => m.method === 'dateline (full)')!.tally;
}

async function loadSet(name: string, opts: EvalOptions, seedsDir: string): Promise<EvalSet> {
  switch (name) {
    case 'story':
      return loadStorySet(opts.storyFile, seedsDir);
    case 'casual':
      return loadStorySet(opts.casualFile, seedsDir, 'casual');
    case 'fresh':
      return loadStorySet(opts.freshFile, seedsDir, 'fresh');
    case 'more':
      return loadStorySet(opts.moreFile, seedsDir, 'more');
    case 'squad':
      return loadSquadSet(opts.squadFile);
    case 'squad-train':
      return loadSquadSet(opts.squadTrainFile, 'squad-train');
    default:
      throw new InvalidArgumentError(`unknown set ${name}`);
  }
}

/** What `dateline eval` does once its options are parsed (see `evalCommand`): every wanted set, its report and bar. */
export async function runEvalCommand(opts: EvalOptions, ctx: CoreContext, print: (text: string) => void): Promise<void> {
  ctx.logger.level = 'warn';
  const wanted = opts.set === 'all' ? EVAL_ALL_SETS : [opts.set];
  let failed = false;
  await fs.mkdir(opts.out, { recursive: true });
  for (const name of wanted) {
    const followUpFile = FOLLOW_UP_SETS[name]?.(opts);
    if (followUpFile) {
      const report = await runFollowUpEval(await loadFollowUpSet(followUpFile, ctx.config.seedsDir, name), ctx);
      const bar = checkFollowUpBar(report);
      failed ||= bar.some((b) => !b.pass);
      const shown = showsMisses(name, opts.showMisses);
      await fs.writeFile(path.join(opts.out, `eval-${name}.json`), `${JSON.stringify({ ...report, misses: shown ? report.misses : undefined, bar }, null, 2)}\n`);
      print(`${renderFollowUpReport(report, bar, shown)}\n`);
      continue;
    }
    const set = await loadSet(name, opts, ctx.config.seedsDir);
    const report = await runEval(set, ctx, opts.noise === undefined ? {} : { noiseSeed: opts.noise });
    const bar = checkBar(set.name, fullTally(report), report.noisy && fullTally(report.noisy));
    failed ||= bar.some((b) => !b.pass);
    const json = publishedReport(report, bar, opts.showMisses);
    await fs.writeFile(path.join(opts.out, `eval-${set.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
    print(`${renderEvalReport(report, bar, { showMisses: opts.showMisses ?? false })}\n`);
  }
  if (opts.check && failed) throw new CommanderError(3, 'dateline.barMissed', 'A quality bar was missed.');
}

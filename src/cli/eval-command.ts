import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CoreContext } from '../core-context.js';
import type { EvalOptions } from './eval-run.js';
import { EVAL_FILES } from '../eval/data-files.js';
import { PROJECT_ROOT } from '../paths.js';

/** Where `dateline eval` writes `eval-<set>.json` unless told otherwise: an ignored folder, so evaluating never changes the tree. */
export const EVAL_OUT_DIR = path.join(PROJECT_ROOT, '.reports');

/**
 * The sets `dateline eval --set` knows:
 * - story: the development questions on the seed story;
 * - casual: the same story asked the way people type in Discord (development);
 * - fresh: casual questions written blind to the system (held out: misses hidden);
 * - more: questions the team wrote on the seed story (read while tuning);
 * - squad: four SQuAD 2.0 articles, for judging only;
 * - squad-train: eight other SQuAD 2.0 articles, for fitting;
 * - followups: two-turn exchanges on the seed story (development);
 * - followups-fresh: two-turn exchanges written blind (held out: misses hidden).
 */
export const EVAL_SET_NAMES = ['story', 'casual', 'fresh', 'more', 'squad', 'squad-train', 'followups', 'followups-fresh'] as const;

/** The seed `--noise` uses when given without one. */
export const DEFAULT_NOISE_SEED = 1;

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) throw new InvalidArgumentError('a seed is a whole number from 0 to 4294967295.');
  return Number(value);
}

/**
 * `dateline eval`: every question of a set through `ask`, side by side with
 * the baselines, with the set's bar. With `--noise [seed]`, also a copy of
 * the questions typed as in chat, reported beside the clean run. Writes
 * `eval-<set>.json` (with a `noisy` section under `--noise`) to `--out`
 * (default `.reports/`, ignored by git; `npm run report` writes the committed
 * copies in `bench/results/`). A held-out set's misses stay out of both the
 * output and the JSON unless `--show-misses`. The evaluation itself
 * (`eval-run.ts`) is imported when the command runs, so that every other
 * command, a one-shot `ask` above all, loads none of it.
 */
export function evalCommand(context: () => Promise<CoreContext>, print: (text: string) => void): Command {
  return new Command('eval')
    .description('measure answer quality on question sets, side by side with lexical and dense baselines')
    .addOption(new Option('--set <name>', 'which set (all = story, casual, squad, followups, followups-fresh)').choices([...EVAL_SET_NAMES, 'all']).default('all'))
    .option('--story-file <file>', 'story questions', EVAL_FILES.storyDev)
    .option('--casual-file <file>', 'casual story questions', EVAL_FILES.storyCasualDev)
    .option('--fresh-file <file>', 'held-out casual story questions', EVAL_FILES.storyCasualFresh)
    .option('--more-file <file>', "the team's further story questions", EVAL_FILES.storyMore)
    .option('--squad-file <file>', 'SQuAD articles for judging', EVAL_FILES.squadSample)
    .option('--squad-train-file <file>', 'SQuAD articles for fitting', EVAL_FILES.squadTrain)
    .option('--followups-file <file>', 'two-turn exchanges (follow-ups, stand-alone second questions)', EVAL_FILES.storyFollowUpDev)
    .option('--followups-fresh-file <file>', 'held-out two-turn exchanges', EVAL_FILES.storyFollowUpFresh)
    .addOption(
      new Option('--noise [seed]', `also ask the questions typed as in chat (seeded; default seed ${DEFAULT_NOISE_SEED}), side by side`)
        .argParser(parseSeed)
        .preset(String(DEFAULT_NOISE_SEED)),
    )
    .option('--show-misses', "print every question the full method missed (a held-out set's too, also into the JSON)")
    .option('--out <dir>', 'where eval-<set>.json goes', EVAL_OUT_DIR)
    .option('--check', 'exit 3 when a quality bar is missed')
    .action(async (opts: EvalOptions) => {
      const { runEvalCommand } = await import('./eval-run.js');
      await runEvalCommand(opts, await context(), print);
    });
}

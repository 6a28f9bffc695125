import fs from 'node:fs/promises';
import { z } from 'zod';
import { readFollowUp, storyWordsOf } from '../app/follow-up.js';
import type { Config } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import type { Logger } from '../logger.js';
import { ask } from '../queries.js';
import type { BarCheck } from './bar.js';
import { withEvalIndex, type EvalContext } from './run-eval.js';
import { contains } from './score.js';

/** A first question and the one after it, with the accepted answers of the second. */
export interface Exchange {
  first: string;
  second: string;
  answers: string[];
}

/** Two-turn exchanges on a seeds folder: follow-ups (lean on the first question) and stand-alone second questions (must not be mixed with it). */
export interface FollowUpSet {
  name: string;
  seedsDir: string;
  followUps: Exchange[];
  standalone: Exchange[];
}

const schema = z.object({
  followUps: z.array(z.object({ first: z.string().min(1), followUp: z.string().min(1), answers: z.array(z.string().min(1)).min(1) })),
  standalone: z.array(z.object({ first: z.string().min(1), second: z.string().min(1), answers: z.array(z.string().min(1)).min(1) })),
});

/** Reads a follow-up set (`{followUps: [{first, followUp, answers}], standalone: [{first, second, answers}]}`). */
export async function loadFollowUpSet(file: string, seedsDir: string, name: string): Promise<FollowUpSet> {
  const data = schema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  return {
    name,
    seedsDir,
    followUps: data.followUps.map((e) => ({ first: e.first, second: e.followUp, answers: e.answers })),
    standalone: data.standalone,
  };
}

/** How the second questions of one kind fared, asked one way. */
export interface TurnTally {
  questions: number;
  top1: number;
  top3: number;
  declined: number;
}

/** A second question answered wrongly with its context, for reading. */
export interface FollowUpMiss {
  first: string;
  second: string;
  /** What was searched: the second question as read with the first. */
  readAs: string;
  /** The first excerpt shown (or the closest passage of a decline). */
  shown?: string;
}

/** What `dateline eval --set followups` reports. */
export interface FollowUpReport {
  set: string;
  followUps: {
    /** The follow-up asked on its own, as the bot answered before it kept context. */
    alone: TurnTally;
    /** The follow-up read with the first question, as the bot answers now. */
    withContext: TurnTally;
    /** Follow-ups the bot recognised as such. */
    recognised: number;
  };
  standalone: {
    alone: TurnTally;
    withContext: TurnTally;
    /** Stand-alone questions wrongly read as follow-ups (mixed with the first question). */
    mixed: number;
  };
  misses: FollowUpMiss[];
  ranAt: string;
}

function tally(): TurnTally {
  return { questions: 0, top1: 0, top3: 0, declined: 0 };
}

async function score(ctx: EvalContext, question: string, answers: readonly string[], into: TurnTally): Promise<string | undefined> {
  const a = await ask(ctx, question);
  into.questions++;
  const shown = a.answered ? a.excerpts : [];
  if (!a.answered) into.declined++;
  if (contains(shown[0]?.text, answers)) into.top1++;
  if (shown.slice(0, 3).some((e) => contains(e.text, answers))) into.top3++;
  return (shown[0] ?? a.closest?.[0])?.text;
}

/**
 * Asks every second question twice on a temporary index of the set's seeds:
 * on its own, and read with its first question as the bot reads it
 * (`readFollowUp`); a stand-alone second question the reading leaves alone
 * is asked as it is. Scored like `dateline eval` (an accepted answer inside
 * the first or the first three excerpts; a decline scores nothing).
 */
export async function runFollowUpEval(set: FollowUpSet, deps: { config: Config; embedder: Embedder; logger: Logger }): Promise<FollowUpReport> {
  return withEvalIndex(set.name, set.seedsDir, deps, async (ctx, index) => {
    const words = storyWordsOf(index);
    const report: FollowUpReport = {
      set: set.name,
      followUps: { alone: tally(), withContext: tally(), recognised: 0 },
      standalone: { alone: tally(), withContext: tally(), mixed: 0 },
      misses: [],
      ranAt: new Date().toISOString(),
    };
    for (const [kind, exchanges] of [['followUps', set.followUps], ['standalone', set.standalone]] as const) {
      const side = report[kind];
      for (const e of exchanges) {
        await score(ctx, e.second, e.answers, side.alone);
        const reading = readFollowUp(e.second, e.first, words);
        if (reading && kind === 'followUps') report.followUps.recognised++;
        if (reading && kind === 'standalone') report.standalone.mixed++;
        const before = side.withContext.top1;
        const shown = await score(ctx, reading?.text ?? e.second, e.answers, side.withContext);
        if (side.withContext.top1 === before) report.misses.push({ first: e.first, second: e.second, readAs: reading?.text ?? e.second, ...(shown ? { shown } : {}) });
      }
    }
    return report;
  });
}

/** Follow-ups first-quoted with their context, at least (the conversations issue's target). */
export const FOLLOW_UP_TOP1_BAR = 0.8;

/**
 * The follow-up bar: top-1 with context ≥ {@link FOLLOW_UP_TOP1_BAR}, and
 * stand-alone second questions no worse for the context than without it
 * (reading them as follow-ups must not cost answers).
 */
export function checkFollowUpBar(r: FollowUpReport): BarCheck[] {
  const share = (t: TurnTally) => (t.questions === 0 ? 0 : t.top1 / t.questions);
  const f = r.followUps.withContext;
  const s = r.standalone;
  return [
    { what: `follow-up top-1 with context ${share(f).toFixed(3)} ≥ ${FOLLOW_UP_TOP1_BAR.toFixed(2)}`, pass: share(f) >= FOLLOW_UP_TOP1_BAR - 1e-9 },
    { what: `stand-alone top-1 with context ${s.withContext.top1}/${s.withContext.questions} ≥ alone ${s.alone.top1}/${s.alone.questions}`, pass: s.withContext.top1 >= s.alone.top1 },
  ];
}

function line(label: string, t: TurnTally): string {
  const pct = (n: number) => (t.questions === 0 ? '–' : `${((100 * n) / t.questions).toFixed(1)} %`);
  return `  ${label.padEnd(14)} top-1 ${t.top1}/${t.questions} (${pct(t.top1)})  top-3 ${t.top3}/${t.questions} (${pct(t.top3)})  declined ${t.declined}`;
}

/** The report as text: both kinds asked alone and with context, the bar, and (unless held out) the misses. */
export function renderFollowUpReport(r: FollowUpReport, bar: readonly BarCheck[], showMisses: boolean): string {
  const out = [
    `Follow-ups (${r.set}): ${r.followUps.withContext.questions} follow-ups, ${r.standalone.withContext.questions} stand-alone second questions`,
    `Follow-ups (${r.followUps.recognised}/${r.followUps.withContext.questions} recognised as follow-ups):`,
    line('alone', r.followUps.alone),
    line('with context', r.followUps.withContext),
    `Stand-alone second questions (${r.standalone.mixed}/${r.standalone.withContext.questions} wrongly read as follow-ups):`,
    line('alone', r.standalone.alone),
    line('with context', r.standalone.withContext),
    'Bar:',
    ...bar.map((b) => `  ${b.pass ? 'pass' : 'MISS'}  ${b.what}`),
  ];
  if (showMisses && r.misses.length) {
    out.push('Missed with context:');
    for (const m of r.misses) out.push(`  - ${m.first} → ${m.second}\n      read as: ${m.readAs}\n      shown: ${m.shown ?? '(nothing)'}`);
  } else if (r.misses.length) out.push(`(${r.misses.length} misses hidden: a held-out set)`);
  return out.join('\n');
}

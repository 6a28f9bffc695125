import type { BarCheck } from './bar.js';
import type { EvalReport, EvalRun, Miss } from './run-eval.js';

/**
 * Sets whose questions are held out: written blind to the system, so nobody
 * tuning it may read them. Their misses (which quote the questions) are left
 * out of the printed report and the JSON unless asked for (`--show-misses`).
 */
export const HELD_OUT_SETS: ReadonlySet<string> = new Set(['fresh', 'followups-fresh']);

/** What `eval-<set>.json` holds: the report, its bar, and the misses unless hidden. */
export type PublishedReport = Omit<EvalReport, 'misses' | 'noisy'> & {
  misses?: Miss[];
  /** True when the misses were left out because the set is held out. */
  missesHidden?: true;
  noisy?: Omit<NonNullable<EvalReport['noisy']>, 'misses'> & { misses?: Miss[]; missesHidden?: true };
  bar: BarCheck[];
};

/** Whether a set's misses are shown: always for development sets, for held-out ones only when asked. */
export function showsMisses(set: string, showMisses = false): boolean {
  return showMisses || !HELD_OUT_SETS.has(set);
}

/** The JSON of `eval-<set>.json`: `r` with its bar, without the misses of a held-out set unless `showMisses`. */
export function publishedReport(r: EvalReport, bar: readonly BarCheck[], showMisses = false): PublishedReport {
  const { misses, noisy, ...rest } = r;
  const keep = showsMisses(r.set, showMisses);
  const hide = <T extends { misses: Miss[] }>(run: T): Omit<T, 'misses'> & { misses?: Miss[]; missesHidden?: true } => {
    const { misses: m, ...others } = run;
    return keep ? { ...others, misses: m } : { ...others, missesHidden: true };
  };
  const { ranAt, ...head } = rest;
  return {
    ...head,
    ...(keep ? { misses } : { missesHidden: true as const }),
    ...(noisy ? { noisy: hide(noisy) } : {}),
    ranAt,
    bar: [...bar],
  };
}

const pct = (n: number, d: number) => (d === 0 ? '  –  ' : `${((100 * n) / d).toFixed(1)}%`);
const of = (n: number, d: number) => `${n} ${pct(n, d)}`;

/**
 * One table: every method side by side (counts and shares; "ans." columns
 * are out of the answerable questions, "unans." ones out of the
 * unanswerable, both named in the title), then the full method's latency.
 */
function renderRun(title: string, run: EvalRun): string[] {
  const head = ['method', 'top-1', 'top-3', 'ans. sure', 'ans. not sure', 'ans. declined', 'unans. declined', 'unans. sure'];
  const rows = run.methods.map(({ method, tally: t }) => [
    method,
    of(t.top1, t.answerable),
    of(t.top3, t.answerable),
    of(t.answeredHigh, t.answerable),
    of(t.answeredLow, t.answerable),
    of(t.wronglyDeclined, t.answerable),
    of(t.declined, t.unanswerable),
    of(t.wronglyAnsweredHigh, t.unanswerable),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [
    title,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `latency of ask (full method): median ${run.latencyMs.median.toFixed(2)} ms, p95 ${run.latencyMs.p95.toFixed(2)} ms`,
  ];
}

const FULL = 'dateline (full)';

/** How the full method moved from the clean questions to the noisy ones, in points. */
function renderNoiseDelta(clean: EvalRun, noisy: EvalRun): string {
  const a = clean.methods.find((m) => m.method === FULL)?.tally;
  const b = noisy.methods.find((m) => m.method === FULL)?.tally;
  if (!a || !b) return '';
  const share = (n: number, d: number) => (d === 0 ? 0 : (100 * n) / d);
  const moved = (clean: number, rough: number, d: number, e: number) => {
    const delta = share(rough, e) - share(clean, d);
    return `${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)} points`;
  };
  return [
    `noise vs clean (full method): top-1 ${moved(a.top1, b.top1, a.answerable, b.answerable)}`,
    `top-3 ${moved(a.top3, b.top3, a.answerable, b.answerable)}`,
    `ans. declined ${moved(a.wronglyDeclined, b.wronglyDeclined, a.answerable, b.answerable)}`,
    `unans. declined ${moved(a.declined, b.declined, a.unanswerable, b.unanswerable)}`,
  ].join(', ');
}

function renderMisses(title: string, misses: readonly Miss[]): string[] {
  const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);
  return [
    `${title} (${misses.length}):`,
    ...misses.map((m) => `  [${m.kind}${m.confidence === 'low' ? ', not sure' : ''}] ${m.q}${m.first ? `\n      ${clip(m.first)}` : ''}`),
  ];
}

/** Options of {@link renderEvalReport}. */
export interface RenderOptions {
  /** Print every miss (for a held-out set too). Default: only count them. */
  showMisses?: boolean;
}

/**
 * A plain-text report of a set: one table of every method side by side with
 * the latency, a second one for the noisy copy when there is one, the bar,
 * then how many misses there are (listed with `showMisses`; a held-out set's
 * are never listed otherwise).
 */
export function renderEvalReport(r: EvalReport, bar: readonly BarCheck[], options: RenderOptions = {}): string {
  const t = r.methods[0]?.tally;
  const questions = t ? `${t.answerable} answerable + ${t.unanswerable} unanswerable questions, ` : '';
  const lines = renderRun(`Set ${r.set}: ${questions}${r.stories} stories, ${r.chunks} sentences, model ${r.model}`, r);
  if (r.noisy) {
    lines.push('', ...renderRun(`Set ${r.set} +noise (seed ${r.noisy.seed}): the same questions typed as in chat, on the same index`, r.noisy));
    lines.push(renderNoiseDelta(r, r.noisy));
  }
  lines.push(...bar.map((b) => `${b.pass ? 'PASS' : 'FAIL'}  ${b.what}`));
  const runs: [string, EvalRun][] = [['misses', r], ...(r.noisy ? [['+noise misses', r.noisy] as [string, EvalRun]] : [])];
  for (const [title, run] of runs) {
    if (options.showMisses) lines.push(...renderMisses(`${title} of the full method`, run.misses));
    else if (HELD_OUT_SETS.has(r.set)) lines.push(`${title}: ${run.misses.length} (held-out set: not listed; --show-misses lists them)`);
    else lines.push(`${title}: ${run.misses.length} (listed in eval-${r.set}.json; --show-misses prints them)`);
  }
  return lines.join('\n');
}

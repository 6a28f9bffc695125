import type { BarCheck } from './bar.js';
import type { EvalReport } from './run-eval.js';

const pct = (n: number, d: number) => (d === 0 ? '  –  ' : `${((100 * n) / d).toFixed(1)}%`);

/** A plain-text table of every method side by side, the latency and the bar. */
export function renderEvalReport(r: EvalReport, bar: readonly BarCheck[]): string {
  const head = ['method', 'top-1', 'top-3', 'ans. declined', 'unans. declined', 'unans. answered'];
  const rows = r.methods.map(({ method, tally: t }) => [
    method,
    `${t.top1}/${t.answerable} ${pct(t.top1, t.answerable)}`,
    `${t.top3}/${t.answerable} ${pct(t.top3, t.answerable)}`,
    `${t.wronglyDeclined} ${pct(t.wronglyDeclined, t.answerable)}`,
    `${t.declined}/${t.unanswerable} ${pct(t.declined, t.unanswerable)}`,
    `${t.wronglyAnswered}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    `Set ${r.set}: ${r.stories} stories, ${r.chunks} sentences, model ${r.model}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `latency of ask (full method): median ${r.latencyMs.median.toFixed(2)} ms, p95 ${r.latencyMs.p95.toFixed(2)} ms`,
    ...bar.map((b) => `${b.pass ? 'PASS' : 'FAIL'}  ${b.what}`),
  ].join('\n');
}

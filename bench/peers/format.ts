import { formatColumns } from '../print-table.js';
import type { PeersFile } from './schema.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The comparison as text: one line of context, the table, then how each row was built. */
export function formatPeers(file: PeersFile): string {
  const m = file.machine;
  return [
    `Dateline and its peers on the SQuAD sample · ${file.model} · ${m.cpu} · ${m.cores} cores · Node ${m.node} · load average ${m.load_average.start} → ${m.load_average.end}`,
    `top-k: share of answerable questions with an accepted answer in the first k passages · warm ms per question in process · cold: median of ${file.cold_runs} fresh processes answering "${file.cold_question}"`,
    '',
    formatColumns(
      ['row', 'questions', 'top-1', 'top-3', 'p50 ms', 'p95 ms', 'build s', 'cold s'],
      file.peers.map((r) => [r.name, String(r.questions), pct(r.top1), pct(r.top3), r.p50_ms.toFixed(2), r.p95_ms.toFixed(2), r.build_s.toFixed(2), r.cold_s.toFixed(2)]),
    ),
    '',
    ...file.peers.map((r) => `${r.name}: ${r.description}`),
  ].join('\n');
}

import type { ProfileSummary } from './cpu-profile-summary.js';
import type { BenchResults } from './results-schema.js';

/** Right-aligned columns (the first left-aligned) under a rule. */
export function formatColumns(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f = (x: number, digits: number) => x.toFixed(digits);
const mb = (bytes: number) => f(bytes / 1024 ** 2, 1);

function profileLines(title: string, p: ProfileSummary): string[] {
  const spots = (list: ProfileSummary['areas']) => list.slice(0, 5).map((h) => `${(h.share * 100).toFixed(0)}% ${h.name}`).join(' · ');
  return [`  ${title} (${f(p.windowMs / 1000, 1)} s profiled)`, `    by area:     ${spots(p.areas)}`, `    by function: ${spots(p.functions)}`];
}

/**
 * A warning when other work shared the CPUs: load average above half the
 * cores before the run, or at its end once the benchmark's own busy core is discounted.
 */
function busyWarning(r: BenchResults): string[] {
  const others = Math.max(r.machine.load_average.start, r.machine.load_average.end - 1);
  return others > r.machine.cores / 2
    ? [`⚠ Other work shared the CPUs (load average ${r.machine.load_average.start} → ${r.machine.load_average.end} on ${r.machine.cores} cores, the benchmark itself adds about 1): timings are inflated. Rerun on a quiet machine before comparing.`]
    : [];
}

/** The human-readable report of a run: cold start, two tables, targets, and profile summaries when present. */
export function formatReport(r: BenchResults): string {
  const c = r.cold_start_s;
  const parts = c.process + c.imports + c.model_load + c.index_load + c.first_answer;
  const out = [
    `Dateline benchmark · ${r.model} · hnswlib M=${r.hnsw.m} efConstruction=${r.hnsw.ef_construction} efSearch=${r.hnsw.ef_search} · ${r.questions_per_size} questions per size`,
    `${r.machine.cpu} · ${r.machine.cores} cores · ${r.machine.memory_gb} GB · ${r.machine.os} · Node ${r.machine.node} · load average ${r.machine.load_average.start} → ${r.machine.load_average.end}`,
    ...busyWarning(r),
    '',
    `Cold start, seed, median of runs: dateline ask ${f(c.median, 2)} s ≈ process ${f(c.process, 2)} + imports ${f(c.imports, 2)} + model ${f(c.model_load, 2)} + index ${f(c.index_load, 2)} + first answer ${f(c.first_answer, 3)} (= ${f(parts, 2)} s; the rest is exit and spawn)`,
    `                                  dateline reindex ${f(c.reindex, 2)} s (build including model load)`,
    ...(r.warm_squad_ms ? [`Warm answers on the SQuAD sample (every question once, in process): p50 ${f(r.warm_squad_ms.p50, 2)} · p95 ${f(r.warm_squad_ms.p95, 2)} · p99 ${f(r.warm_squad_ms.p99, 2)} ms`] : []),
    '',
    'Build and memory',
    formatColumns(
      ['scale', 'stories', 'chunks', 'text MB', 'build s', 'embed s', 'chunks/s', 'index MB', 'CLI RSS MiB', 'bot RSS MiB', 'cold ask s'],
      r.sizes.map((s) => [
        `×${s.scale}`,
        String(s.stories),
        String(s.chunks),
        mb(s.text_bytes),
        f(s.build_s, 2),
        f(s.build_stage_s.embed, 2),
        f(s.chunks_per_s, 0),
        mb(s.index_bytes),
        f(s.cli_rss_mb, 0),
        f(s.bot_rss_mb, 0),
        f(s.cli_cold_s, 2),
      ]),
    ),
    '',
    `Warm answers, in process (ms); exact = ${r.exact_search === 'hnswlib-bruteforce' ? "hnswlib's C++ brute force" : 'JavaScript loop'}, speedup = exact p50 / p50`,
    formatColumns(
      ['scale', 'p50', 'p95', 'p99', 'embed p50', 'vector p50', 'lexical p50', 'selection p50', 'exact p50', 'speedup vs exact', 'exact search p50', 'search speedup', 'recall@10'],
      r.sizes.map((s) => [
        `×${s.scale}`,
        f(s.answer_ms.p50, 2),
        f(s.answer_ms.p95, 2),
        f(s.answer_ms.p99, 2),
        f(s.stage_ms.embed.p50, 2),
        f(s.stage_ms.vector_search.p50, 2),
        f(s.stage_ms.lexical_search.p50, 2),
        f(s.stage_ms.selection.p50, 2),
        f(s.exact_answer_ms.p50, 2),
        `${f(s.speedup_vs_exact, 1)}×`,
        s.exact_search_ms ? f(s.exact_search_ms.p50, 2) : '–',
        s.search_speedup_vs_exact === undefined ? '–' : `${f(s.search_speedup_vs_exact, 1)}×`,
        f(s.recall_at_10, 3),
      ]),
    ),
    '',
    'Targets',
    ...r.targets.map((t) => `  ${t.met === null ? '–' : t.met ? '✓ met   ' : '✗ missed'} ${t.target}: ${t.value === null ? 'not measured' : t.value} (target ${t.limit})`),
  ];
  for (const s of r.sizes) {
    if (!s.profile) continue;
    out.push('', `CPU profile ×${s.scale} (self time)`, ...profileLines('warm answers', s.profile.answers), ...profileLines('build', s.profile.build));
  }
  return out.join('\n');
}

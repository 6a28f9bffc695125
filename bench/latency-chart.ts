import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchResults, PeerResult, SizeResult } from './results-schema.js';
import { evaluateTargets, type TargetMetric, type TargetOutcome } from './targets.js';

/**
 * The bench chart (`bench/results/latency-vs-corpus.svg`): one panel per figure against corpus size in sentences,
 * each with its targets from `targets.ts` as dashed lines, then the SQuAD sample with the peers. A pure function
 * of `bench.json`, so a test can read what a newcomer sees and `npm run bench:chart` can redraw it.
 */

/** The system the bench measures: the index as the CLI and the bot run it. */
export const DATELINE = 'Dateline (hnswlib)';

/** The same answers with exact vector search instead of the HNSW graph (`exact_search` says which one). */
export function exactSystem(r: Pick<BenchResults, 'exact_search'>): string {
  return r.exact_search === 'hnswlib-bruteforce' ? 'Dateline, exact C++ brute force' : 'Dateline, exact JavaScript loop';
}

const DATELINE_COLOUR = '#4c78a8';
const EXACT_COLOUR = '#f58518';
/** Peers draw from these; red is kept for missed targets and grey for met ones. */
const PEER_COLOURS = ['#54a24b', '#b279a2', '#439894', '#9d755d', '#6b6ecf', '#8ca252', '#de9ed6', '#bcbd22'];
const TARGET_MET = '#666666';
const TARGET_MISSED = '#d62728';

/** A peer row that is Dateline itself (its name starts with "Dateline") is drawn as Dateline. */
function isDateline(name: string): boolean {
  return /^dateline\b/i.test(name.trim());
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The colour of every system on the chart, in legend order: Dateline, exact search, then the peers in their order.
 * A peer's colour depends on its name only (a hash, moved to the next free colour on a clash, clashes settled in
 * name order), so it stays the same when peers are added or reordered.
 */
export function systemColours(r: Pick<BenchResults, 'exact_search' | 'peers'>): Map<string, string> {
  const colours = new Map<string, string>([
    [DATELINE, DATELINE_COLOUR],
    [exactSystem(r), EXACT_COLOUR],
  ]);
  const peers = [...new Set((r.peers ?? []).map((p) => p.name).filter((n) => !isDateline(n)))];
  const taken = new Set<number>();
  const slot = new Map<string, number>();
  for (const name of [...peers].sort()) {
    let i = hash(name) % PEER_COLOURS.length;
    for (let tries = 0; taken.has(i) && tries < PEER_COLOURS.length; tries++) i = (i + 1) % PEER_COLOURS.length;
    taken.add(i);
    slot.set(name, i);
  }
  for (const name of peers) colours.set(name, PEER_COLOURS[slot.get(name)!]!);
  return colours;
}

/** 0.65, 4.07, 36,092: three significant digits below 100, whole numbers with thousands separators above. */
export function formatNumber(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3)));
}

function withUnit(v: number, unit: string): string {
  return `${formatNumber(v)}${unit === '' || unit === '×' ? unit : ` ${unit}`}`;
}

/**
 * The chart's subtitle, from the data: `All 10 targets met` or
 * `7 of 10 targets met; missed SQuAD warm p50 (0.65 ms > 0.5 ms), …`. Targets not measured in this run are counted apart.
 */
export function chartTakeaway(r: BenchResults): string {
  const outcomes = evaluateTargets(r);
  const checked = outcomes.filter((o) => o.met !== null);
  const missed = checked.filter((o) => o.met === false);
  const unmeasured = outcomes.length - checked.length;
  const rest = unmeasured > 0 ? ` (${unmeasured} not measured in this run)` : '';
  if (checked.length === 0) return `No target measured in this run${rest}`;
  if (missed.length === 0) return `All ${checked.length} targets met${rest}`;
  const shown = missed.slice(0, 3).map(({ target: t, value }) => `${t.name} (${withUnit(value!, t.unit)} ${t.at === 'most' ? '>' : '<'} ${withUnit(t.limit, t.unit)})`);
  const more = missed.length > shown.length ? ` and ${missed.length - shown.length} more` : '';
  return `${checked.length - missed.length} of ${checked.length} targets met${rest}; missed ${shown.join(', ')}${more}`;
}

/** One target line: its limit, the label drawn on it, and whether it was met. */
export interface TargetRule {
  metric: TargetMetric;
  limit: number;
  label: string;
  met: boolean | null;
}

/** `target ≤ 25 ms · ×1000 warm p50`, and what was measured when the target was missed. */
export function targetRules(r: BenchResults): TargetRule[] {
  return evaluateTargets(r).map(({ target: t, value, met }: TargetOutcome) => ({
    metric: t.metric,
    limit: t.limit,
    met,
    label: `target ${t.at === 'most' ? '≤' : '≥'} ${withUnit(t.limit, t.unit)} · ${t.name}${met === false ? `: missed (${withUnit(value!, t.unit)})` : met === null ? ': not measured' : ''}`,
  }));
}

type Spec = Record<string, unknown>;

interface SizeRow {
  sentences: number;
  system: string;
  measure: string;
  value: number;
  /** Set on the point of a line that is labelled in place. */
  label?: string;
  /** Where that label goes: up and left of the point (the default, for the last point of a rising line), or up and right. */
  labelSide?: 'left' | 'right';
}

const PERCENTILES = ['p50', 'p95', 'p99'];
const PANEL = { width: 260, height: 180 };

/**
 * Ticks for a log axis from `lo` to `hi`, widened by the factor `slack` each way: 1, 2 and 5 of each decade (and 3
 * over little more than one decade), only the powers of ten over more than three.
 */
export function logTicks(lo: number, hi: number, slack = 1): number[] {
  const ticks: number[] = [];
  const decades = Math.log10(hi / lo);
  const steps = decades > 3 ? [1] : decades > 1.3 ? [1, 2, 5] : [1, 2, 3, 5];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of steps) {
      const t = Number((m * 10 ** e).toPrecision(1));
      if (t >= lo / slack && t <= hi * slack) ticks.push(t);
    }
  }
  return ticks;
}

/** Where `v` falls between the ends of `domain`, 0 to 1. */
function fraction(v: number, [lo, hi]: [number, number], log: boolean): number {
  if (hi <= lo) return 0;
  return log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
}

/** A text layer twice: first as a white outline, so the label stays legible where it crosses a line. */
function haloed(layer: Spec): Spec[] {
  const mark = layer.mark as Spec;
  const { fill: _fill, color: _color, ...encoding } = layer.encoding as Spec;
  return [{ ...layer, mark: { ...mark, stroke: 'white', strokeWidth: 3, strokeJoin: 'round', opacity: 0.9 }, encoding }, layer];
}

const PADDING = 14;

/** The factor by which a log scale's padding of {@link PADDING} pixels widens the data's span `lo`–`hi` each way, on an axis `pixels` long. */
function paddingFactor(lo: number, hi: number, pixels: number): number {
  return 10 ** ((Math.log10(hi / lo) * PADDING) / (pixels - 2 * PADDING));
}

function num(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function colourEncoding(colours: Map<string, string>): Spec {
  return {
    field: 'system',
    type: 'nominal',
    title: 'system',
    scale: { domain: [...colours.keys()], range: [...colours.values()] },
    legend: { orient: 'top', direction: 'horizontal', labelLimit: 300, symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
}

function percentileEncodings(): Spec {
  return {
    shape: { field: 'measure', type: 'nominal', title: 'percentile', scale: { domain: PERCENTILES, range: ['circle', 'square', 'triangle-up'] }, legend: { orient: 'top' } },
    strokeDash: { field: 'measure', type: 'nominal', title: 'percentile', scale: { domain: PERCENTILES, range: [[1, 0], [6, 2], [2, 2]] }, legend: { orient: 'top' } },
  };
}

/** The x axis of every per-size panel: sentences on a log scale, ticked at the sizes measured, each with its ×N. */
function sentenceAxis(sizes: readonly SizeResult[]): Spec {
  const chunks = sizes.map((s) => s.chunks);
  const lo = Math.min(...chunks);
  const hi = Math.max(...chunks);
  const scaleOf = sizes.map((s) => `datum.value === ${s.chunks} ? '×${s.scale}' : `).join('');
  return {
    field: 'sentences',
    type: 'quantitative',
    scale: { type: 'log', domain: [lo / 2.5, hi * 2.5], nice: false },
    axis: { title: 'corpus size (sentences, log scale)', values: chunks, labelExpr: `[format(datum.value, ','), ${scaleOf}'']`, labelFlush: false, grid: true },
  };
}

/**
 * Dashed target lines, each labelled. Horizontal lines have their label above, or below when the next line up is
 * close (within a factor of 2 on a log scale, 10 % on a linear one) so the two labels do not overlap; vertical
 * lines stack their labels above the plot, each ending at its line on the side with more room (given the `domain`).
 */
function ruleLayers(rules: readonly TargetRule[], channel: 'x' | 'y', log: boolean, domain?: [number, number]): Spec[] {
  if (rules.length === 0) return [];
  const colour = { condition: { test: 'datum.met === false', value: TARGET_MISSED }, value: TARGET_MET };
  const position = { field: 'limit', type: 'quantitative' };
  const sorted = [...rules].sort((a, b) => a.limit - b.limit);
  const close = (a: number, b: number) => (log ? b / a < 2 : b - a < 0.1 * Math.abs(b));
  const values = sorted.map(({ limit, label, met }, i) => {
    const next = sorted[i + 1];
    return { limit, label, met, i, below: next !== undefined && close(limit, next.limit) };
  });
  const label = { type: 'text', fontSize: 10, align: 'left' };
  const text =
    channel === 'y'
      ? [
          { transform: [{ filter: '!datum.below' }], mark: { ...label, baseline: 'bottom', dx: 3, dy: -2 }, encoding: { y: position, x: { value: 0 }, text: { field: 'label' }, fill: colour } },
          { transform: [{ filter: 'datum.below' }], mark: { ...label, baseline: 'top', dx: 3, dy: 3 }, encoding: { y: position, x: { value: 0 }, text: { field: 'label' }, fill: colour } },
        ]
      : values.map((v, i) => {
          const right = domain !== undefined && fraction(v.limit, domain, log) > 0.5;
          const row = values.length - 1 - i;
          return { transform: [{ filter: `datum.i === ${i}` }], mark: { ...label, align: right ? 'right' : 'left', baseline: 'bottom', dx: right ? 2 : -2, dy: -3 - 13 * row }, encoding: { x: position, y: { value: 0 }, text: { field: 'label' }, fill: colour } };
        });
  return [
    { data: { values }, mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { [channel]: position, stroke: colour } },
    ...text.flatMap((t) => haloed({ data: { values }, ...t })),
  ];
}

interface SizePanel {
  title: string;
  yTitle: string;
  log: boolean;
  rows: SizeRow[];
  rules: TargetRule[];
  percentiles?: boolean;
  yFormat?: string;
  /** Layers drawn under the data (reference lines). */
  extra?: Spec[];
}

function sizePanel(p: SizePanel, x: Spec, colours: Map<string, string>): Spec {
  const span = [...p.rows.map((row) => row.value), ...p.rules.map((t) => t.limit)];
  const [lo, hi] = [Math.min(...span), Math.max(...span)];
  const axis = p.log ? { values: logTicks(lo, hi, paddingFactor(lo, hi, PANEL.height)), format: '~g', labelFlush: true } : { format: p.yFormat ?? '~g', labelFlush: true };
  const y = { field: 'value', type: 'quantitative', title: p.yTitle, scale: p.log ? { type: 'log', nice: false, padding: PADDING } : { zero: false, padding: PADDING }, axis };
  const color = colourEncoding(colours);
  const encoding = { x, y, color, detail: { field: 'measure' }, ...(p.percentiles ? percentileEncodings() : {}) };
  return {
    title: p.title,
    ...PANEL,
    layer: [
      ...(p.extra ?? []),
      ...ruleLayers(p.rules, 'y', p.log),
      { data: { values: p.rows }, mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 }, encoding },
      ...haloed({
        data: { values: p.rows },
        transform: [{ filter: "isValid(datum.label) && datum.labelSide !== 'right'" }],
        mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -6, dy: -3, fontSize: 10 },
        encoding: { x, y, text: { field: 'label' }, color },
      }),
      ...haloed({
        data: { values: p.rows },
        transform: [{ filter: "isValid(datum.label) && datum.labelSide === 'right'" }],
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 5, dy: -2, fontSize: 10 },
        encoding: { x, y, text: { field: 'label' }, color },
      }),
    ],
  };
}

/** Points of one system and measure across the sizes that have it; the last one carries `label` if given. */
function series(sizes: readonly SizeResult[], system: string, measure: string, value: (s: SizeResult) => unknown, label?: string): SizeRow[] {
  const rows: SizeRow[] = [];
  for (const s of sizes) {
    const v = value(s);
    if (num(v)) rows.push({ sentences: s.chunks, system, measure, value: v });
  }
  if (label && rows.length > 0) rows[rows.length - 1]!.label = label;
  return rows;
}

/** The per-size panels that have data, in reading order. */
function sizePanels(r: BenchResults, rules: readonly TargetRule[]): SizePanel[] {
  const sizes = [...r.sizes].sort((a, b) => a.chunks - b.chunks);
  const exact = exactSystem(r);
  const rulesOf = (...metrics: TargetMetric[]) => rules.filter((t) => metrics.includes(t.metric));
  const seedChunks = sizes.find((s) => s.scale === 1)?.chunks;
  const panels: SizePanel[] = [
    {
      title: 'Warm answer latency',
      yTitle: 'ms per answer (log)',
      log: true,
      percentiles: true,
      rows: [
        ...series(sizes, DATELINE, 'p50', (s) => s.answer_ms?.p50),
        ...series(sizes, DATELINE, 'p99', (s) => s.answer_ms?.p99),
        ...series(sizes, exact, 'p50', (s) => s.exact_answer_ms?.p50),
        ...series(sizes, exact, 'p99', (s) => s.exact_answer_ms?.p99),
      ],
      rules: rulesOf('warm_p50', 'warm_p99'),
    },
    {
      title: 'Index build time',
      yTitle: 's (log)',
      log: true,
      rows: [
        ...series(sizes, DATELINE, 'build', (s) => s.build_s, 'build, model loaded'),
        ...series(sizes, DATELINE, 'add a story', (s) => s.add_story_s, 'add one story'),
        ...(seedChunks !== undefined && num(r.cold_start_s?.reindex)
          ? [{ sentences: seedChunks, system: DATELINE, measure: 'reindex', value: r.cold_start_s.reindex, label: 'reindex + model load', labelSide: 'right' as const }]
          : []),
      ],
      rules: rulesOf('reindex', 'build', 'add_story'),
    },
    {
      title: 'Cold one-shot `dateline ask`',
      yTitle: 's, fresh process (log)',
      log: true,
      rows: series(sizes, DATELINE, 'cold ask', (s) => s.cold_ask_s ?? s.cli_cold_s),
      rules: rulesOf('cold_ask'),
    },
    {
      title: 'Peak memory (RSS: CLI, bot or adding a story)',
      yTitle: 'MiB (log)',
      log: true,
      rows: series(sizes, DATELINE, 'rss', (s) => Math.max(s.rss_mb, s.add_story_rss_mb ?? 0)),
      rules: rulesOf('peak_rss'),
    },
    {
      title: 'Vector search recall@10',
      yTitle: 'share of exact top 10',
      log: false,
      rows: series(sizes, DATELINE, 'recall', (s) => s.recall_at_10),
      rules: rulesOf('recall_at_10'),
      yFormat: '.2f',
    },
    {
      title: 'Speed-up of the graph over exact search',
      yTitle: 'exact p50 ÷ graph p50',
      log: false,
      rows: [...series(sizes, DATELINE, 'search', (s) => s.search_speedup_vs_exact), ...series(sizes, DATELINE, 'whole answer', (s) => s.speedup_vs_exact)],
      extra: [
        { data: { values: [{ one: 1 }] }, mark: { type: 'rule', color: '#999', strokeWidth: 1 }, encoding: { y: { field: 'one', type: 'quantitative' } } },
        {
          data: { values: [{ one: 1, text: '1× = as fast as exact search' }] },
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -3, fontSize: 10, color: '#777' },
          encoding: { y: { field: 'one', type: 'quantitative' }, x: { value: 0 }, text: { field: 'text' } },
        },
      ],
      rules: rulesOf('speedup_vs_exact'),
    },
  ];
  return panels.filter((p) => p.rows.length > 0);
}

interface SquadRow {
  system: string;
  measure: string;
  value: number;
}

/**
 * The SQuAD judging sample, which is not per size: Dateline's warm latency (`warm_squad_ms`, what the SQuAD targets
 * check; else the `dateline` peer row's) and each peer's, then, when there are peers, their accuracy, build and cold
 * start side by side, one row per system.
 */
function squadPanels(r: BenchResults, rules: readonly TargetRule[], colours: Map<string, string>): Spec[] {
  const peers = r.peers ?? [];
  const systemOf = (p: PeerResult) => (isDateline(p.name) ? DATELINE : p.name);
  const latency: SquadRow[] = [];
  if (r.warm_squad_ms) for (const m of ['p50', 'p95', 'p99'] as const) latency.push({ system: DATELINE, measure: m, value: r.warm_squad_ms[m] });
  for (const p of peers) {
    if (isDateline(p.name) && r.warm_squad_ms) continue;
    latency.push({ system: systemOf(p), measure: 'p50', value: p.p50_ms }, { system: systemOf(p), measure: 'p95', value: p.p95_ms });
  }
  const points = latency.filter((l) => num(l.value));
  if (points.length === 0) return [];
  const systems = [...new Set([...(r.warm_squad_ms ? [DATELINE] : []), ...peers.map(systemOf)])];
  const height = Math.max(70, systems.length * 28);
  const y = { field: 'system', type: 'nominal', title: null, scale: { domain: systems }, axis: { labelLimit: 160 } };
  const noAxis = { ...y, axis: null };
  const color = colourEncoding(colours);
  const squadRules = rules.filter((t) => t.metric === 'squad_warm_p50' || t.metric === 'squad_warm_p99');
  const span = [...points.map((l) => l.value), ...squadRules.map((t) => t.limit)];
  const [lo, hi] = [Math.min(...span), Math.max(...span)];
  const width = 320;
  const panels: Spec[] = [
    {
      title: 'SQuAD sample: warm answer latency',
      width,
      height,
      layer: [
        ...ruleLayers(squadRules, 'x', true, [lo, hi]),
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 70, opacity: 1 },
          encoding: {
            x: { field: 'value', type: 'quantitative', title: 'ms per answer (log)', scale: { type: 'log', nice: false, padding: PADDING }, axis: { values: logTicks(lo, hi, paddingFactor(lo, hi, width)), format: '~g' } },
            y,
            color,
            shape: percentileEncodings().shape,
          },
        },
      ],
    },
  ];
  if (peers.length === 0) return panels;

  const small = { width: 150, height };
  const barLabel = { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10 };
  const bars = (title: string, xTitle: string, values: { system: string; value: number }[], unit: string): Spec => ({
    title,
    ...small,
    data: { values: values.filter((v) => num(v.value)).map((v) => ({ ...v, text: withUnit(v.value, unit) })) },
    layer: [
      { mark: { type: 'bar', height: 14 }, encoding: { x: { field: 'value', type: 'quantitative', title: xTitle, axis: { format: '~g', tickCount: 4 } }, y: noAxis, color } },
      { mark: barLabel, encoding: { x: { field: 'value', type: 'quantitative' }, y: noAxis, text: { field: 'text' } } },
    ],
  });
  const top = peers.map((p) => ({ system: systemOf(p), top1: p.top1, top3: p.top3, text: `${Math.round(p.top1 * 100)} % · ${Math.round(p.top3 * 100)} %` }));
  panels.push(
    {
      title: 'SQuAD sample: right sentence',
      ...small,
      data: { values: top.filter((t) => num(t.top1) && num(t.top3)) },
      layer: [
        { mark: { type: 'bar', height: 14, opacity: 0.35 }, encoding: { x: { field: 'top3', type: 'quantitative', title: 'first · in top 3 (pale)', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 4 } }, y: noAxis, color } },
        { mark: { type: 'bar', height: 14 }, encoding: { x: { field: 'top1', type: 'quantitative' }, y: noAxis, color } },
        { transform: [{ filter: 'datum.top1 >= 0.5' }], mark: { ...barLabel, fill: 'white', fontWeight: 'bold' }, encoding: { x: { value: 0 }, y: noAxis, text: { field: 'text' } } },
        { transform: [{ filter: 'datum.top1 < 0.5' }], mark: barLabel, encoding: { x: { field: 'top3', type: 'quantitative' }, y: noAxis, text: { field: 'text' } } },
      ],
    },
    bars('SQuAD sample: build', 's, model loaded', peers.map((p) => ({ system: systemOf(p), value: p.build_s })), 's'),
    bars('SQuAD sample: cold answer', 's, fresh process', peers.map((p) => ({ system: systemOf(p), value: p.cold_s })), 's'),
  );
  return panels;
}

/** The vega-lite spec of the chart (see the top of this file). */
export function latencyChartSpec(r: BenchResults): TopLevelSpec {
  const colours = systemColours(r);
  const rules = targetRules(r);
  const anyMissed = rules.some((t) => t.met === false);
  const blocks: Spec[] = [];
  if (r.sizes.length > 0) {
    const x = sentenceAxis(r.sizes);
    blocks.push({ concat: sizePanels(r, rules).map((p) => sizePanel(p, x, colours)), columns: 3, spacing: { column: 40, row: 36 } });
  }
  const squad = squadPanels(r, rules, colours);
  if (squad.length > 0) blocks.push({ hconcat: squad, spacing: 24 });
  const day = r.generated_at.slice(0, 10);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Dateline bench by corpus size · ${r.model} · ${r.machine.cores} cores (${r.machine.cpu}) · ${day}`,
      subtitle: chartTakeaway(r),
      anchor: 'start',
      fontSize: 16,
      subtitleFontSize: 13,
      subtitleColor: anyMissed ? '#a31515' : '#1b6e20',
      subtitlePadding: 6,
      offset: 12,
    },
    vconcat: blocks,
    spacing: 36,
    resolve: { scale: { color: 'shared', shape: 'shared', strokeDash: 'shared' }, legend: { color: 'shared', shape: 'shared', strokeDash: 'shared' } },
    config: { font: 'sans-serif', axis: { labelFontSize: 10, titleFontSize: 11 }, title: { fontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 11 } },
  } as unknown as TopLevelSpec;
}

interface TextMetrics {
  width: (item: { fontSize?: number }, text?: unknown) => number;
  estimateWidth: (item: { fontSize?: number }, text?: unknown) => number;
}

/**
 * Without a canvas, vega guesses a text's width as 0.8 × font size per character, which is about 40 % too wide
 * for sans-serif text; the layout then leaves wide gaps after every long label. While the chart renders, this
 * guesses 0.6 × font size instead (close to DejaVu Sans, wider than Helvetica or Arial).
 */
async function withNarrowerTextGuess<T>(run: () => Promise<T>): Promise<T> {
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  if (metrics.width !== metrics.estimateWidth) return run();
  // vega's own guess, with 0.6 for 0.8 (it cannot be called from here: it truncates with `width`, i.e. with this).
  metrics.width = (item, text) => Math.floor(0.6 * (text == null ? 0 : String(text).trim().length) * (item.fontSize != null ? Number(item.fontSize) || 0 : 11));
  try {
    return await run();
  } finally {
    metrics.width = metrics.estimateWidth;
  }
}

/** Renders {@link latencyChartSpec} to a standalone SVG document, in Node, without a browser. */
export async function renderLatencyChart(r: BenchResults): Promise<string> {
  return withNarrowerTextGuess(async () => {
    const view = new vega.View(vega.parse(compile(latencyChartSpec(r)).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  });
}

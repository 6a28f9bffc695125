import { describe, expect, it } from 'vitest';
import { logger, Warn } from 'vega';
import { compile } from 'vega-lite';
import { chartTakeaway, DATELINE, exactSystem, latencyChartSpec, logTicks, renderLatencyChart, systemColours } from '../../bench/latency-chart.js';
import type { BenchResults, PeerResult, SizeResult } from '../../bench/results-schema.js';
import { checkTargets, TARGETS } from '../../bench/targets.js';

const ms = (p50: number, p99: number) => ({ p50, p95: (p50 + p99) / 2, p99 });

function size(scale: number, chunks: number, over: Partial<SizeResult> = {}): SizeResult {
  return {
    scale,
    stories: scale,
    units: 22 * scale,
    chunks,
    text_bytes: 5000 * scale,
    build_s: 0.08 * scale ** 0.8,
    build_stage_s: { read: 0.01, embed: 0.04, index: 0.02, save: 0.02 },
    chunks_per_s: 1500,
    index_bytes: 90_000 * scale,
    answer_ms: ms(0.6, 4),
    stage_ms: { embed: ms(0.05, 0.2), vector_search: ms(0.02, 0.08), lexical_search: ms(0.01, 0.05), selection: ms(0.3, 0.7) },
    recall_at_10: 0.99,
    exact_answer_ms: ms(0.9, 5),
    speedup_vs_exact: 6,
    search_speedup_vs_exact: 8,
    rss_mb: 100 + scale * 0.7,
    cli_rss_mb: 90 + scale * 0.7,
    bot_rss_mb: 100 + scale * 0.7,
    cli_cold_s: 0.7 + scale * 0.007,
    ...over,
  };
}

/** Peers where Dateline's one-shot beats the LangChain-style store's (a #16 target). */
const FASTER_THAN_LANGCHAIN: PeerResult[] = [
  { name: 'dateline', description: 'Dateline', questions: 661, top1: 0.79, top3: 0.88, p50_ms: 0.49, p95_ms: 0.8, build_s: 0.5, cold_s: 0.45 },
  { name: 'langchain-hnswlib', description: 'LangChain', questions: 661, top1: 0.41, top3: 0.64, p50_ms: 0.03, p95_ms: 0.08, build_s: 0.2, cold_s: 0.76 },
];

const X10000 = size(10000, 390_000, { build_s: 240, add_story_s: 2.1, add_story_rss_mb: 900, cold_ask_s: 1.2, answer_ms: ms(2, 9), rss_mb: 1500 });

/** A run where every target is met: seed, ×10, ×1000 and ×10000, SQuAD figures, no peers. */
function results(over: Partial<BenchResults> = {}): BenchResults {
  const partial: Omit<BenchResults, 'targets'> = {
    machine: { cpu: 'Test CPU', cores: 2, memory_gb: 8, os: 'Linux', node: 'v20', load_average: { start: 0.1, end: 0.2 } },
    model: 'dateline/glove-100d-sif',
    generated_at: '2026-12-01T00:00:00.000Z',
    hnsw: { m: 16, ef_construction: 200, ef_search: 128 },
    questions_per_size: 500,
    recall_queries: 500,
    synthetic_seed: 1,
    corpus: 'archive',
    exact_search: 'hnswlib-bruteforce',
    cold_start_s: { median: 0.45, process: 0.15, imports: 0.19, model_load: 0.09, index_load: 0.03, first_answer: 0.14, reindex: 0.56 },
    warm_squad_ms: { p50: 0.4, p95: 1.1, p99: 2.5 },
    sizes: [size(1, 31), size(10, 350), size(1000, 36_092), X10000],
    peers: FASTER_THAN_LANGCHAIN,
    ...over,
  };
  return { ...partial, targets: checkTargets(partial) };
}

const peers: PeerResult[] = [
  { name: 'dateline', description: 'Dateline', questions: 661, top1: 0.79, top3: 0.88, p50_ms: 0.7, p95_ms: 1.3, build_s: 1.1, cold_s: 0.64 },
  { name: 'minisearch-bm25', description: 'BM25', questions: 661, top1: 0.61, top3: 0.8, p50_ms: 0.25, p95_ms: 0.6, build_s: 0.3, cold_s: 0.21 },
  { name: 'langchain-hnswlib', description: 'LangChain', questions: 661, top1: 0.31, top3: 0.66, p50_ms: 1.9, p95_ms: 3.5, build_s: 2.4, cold_s: 2.9 },
];

type Node = Record<string, unknown>;

/** Every object in the spec, depth first. */
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value === null || typeof value !== 'object') return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}

/** The panels (views with a title and layers), by title. */
function panels(r: BenchResults): Map<string, Node> {
  return new Map(nodes(latencyChartSpec(r)).filter((n) => typeof n.title === 'string' && Array.isArray(n.layer)).map((n) => [n.title as string, n]));
}

/** The target lines of a panel: the data of its rule layers drawn at a `limit`. */
function ruleLimits(panel: Node): number[] {
  const layer = (panel.layer as Node[]).find((l) => (l.mark as Node).type === 'rule' && (l.data as Node | undefined)?.values !== undefined && ((l.data as Node).values as Node[])[0]?.limit !== undefined);
  return layer ? ((layer.data as Node).values as Node[]).map((v) => v.limit as number) : [];
}

function limitsOf(metrics: string[]): number[] {
  return TARGETS.filter((t) => metrics.includes(t.metric)).map((t) => t.limit).sort((a, b) => a - b);
}

/** Compiles the spec, failing on any vega-lite warning (a dropped encoding or a conflicting scale would show up here). */
function compileQuietly(r: BenchResults) {
  const warnings: unknown[] = [];
  const log = logger(Warn, undefined, (_method, _level, input) => warnings.push(...(input as unknown[])));
  const out = compile(latencyChartSpec(r), { logger: log });
  expect(warnings).toEqual([]);
  return out;
}

describe('the bench chart subtitle', () => {
  it('says all targets are met when they are', () => {
    expect(chartTakeaway(results())).toBe(`All ${TARGETS.length} targets met`);
  });

  it('names a missed target with its value and limit, from the data', () => {
    const r = results({ sizes: [size(1, 31), size(10, 350), size(1000, 36_092, { answer_ms: ms(31.5, 60) }), X10000] });
    expect(chartTakeaway(r)).toBe(`${TARGETS.length - 1} of ${TARGETS.length} targets met; missed ×1000 warm p50 (31.5 ms > 25 ms)`);
    const lower = results({ sizes: [size(1, 31), size(10, 350), size(1000, 36_092, { recall_at_10: 0.9 }), X10000] });
    expect(chartTakeaway(lower)).toContain('missed ×1000 recall@10 (0.9 < 0.95)');
  });

  it('counts the targets of sizes that were not run apart, and lists at most three misses', () => {
    const small = results({ sizes: [size(1, 31, { answer_ms: ms(6, 30) })], warm_squad_ms: { p50: 0.9, p95: 2, p99: 4 }, peers: [] });
    const text = chartTakeaway(small);
    expect(text).toMatch(new RegExp(`^3 of 7 targets met \\(${TARGETS.length - 7} not measured in this run\\); missed `));
    expect(text).toContain('seed warm p50 (6 ms > 5 ms)');
    expect(text).toMatch(/ and 1 more$/);
  });

  it('is the subtitle of the drawn chart', async () => {
    const svg = await renderLatencyChart(results({ warm_squad_ms: { p50: 0.65, p95: 1.2, p99: 4.07 } }));
    expect(svg).toContain('missed SQuAD warm p50 (0.65 ms &gt; 0.5 ms), SQuAD warm p99 (4.07 ms &gt; 3 ms)');
  });
});

describe('the bench chart target lines', () => {
  it('draws each target on the panel of its figure, at the limit from targets.ts', () => {
    const p = panels(results());
    expect(ruleLimits(p.get('Warm answer latency')!)).toEqual(limitsOf(['warm_p50', 'warm_p99']));
    expect(ruleLimits(p.get('Index build time')!)).toEqual(limitsOf(['reindex', 'build', 'add_story']));
    expect(ruleLimits(p.get('Cold one-shot `dateline ask`')!)).toEqual(limitsOf(['cold_ask']));
    expect(ruleLimits(p.get('Peak memory (RSS: CLI, bot or adding a story)')!)).toEqual(limitsOf(['peak_rss']));
    expect(ruleLimits(p.get('Vector search recall@10')!)).toEqual(limitsOf(['recall_at_10']));
    expect(ruleLimits(p.get('Speed-up of the graph over exact search')!)).toEqual(limitsOf(['speedup_vs_exact']));
    expect(ruleLimits(p.get('SQuAD sample: warm answer latency')!)).toEqual(limitsOf(['squad_warm_p50', 'squad_warm_p99']));
    const rule = (p.get('Warm answer latency')!.layer as Node[]).find((l) => (l.mark as Node).type === 'rule')!;
    expect((rule.mark as Node).strokeDash).toEqual([6, 4]);
  });

  it('labels them "target ≤ …" with the target, and says which was missed, in red', async () => {
    const r = results({ sizes: [size(1, 31), size(10, 350), size(1000, 36_092, { rss_mb: 1700 })] });
    const svg = await renderLatencyChart(r);
    expect(svg).toContain('target ≤ 25 ms · ×1000 warm p50');
    expect(svg).toContain('target ≤ 5 ms · seed warm p50');
    expect(svg).toContain('target ≥ 0.95 · ×1000 recall@10');
    expect(svg).toContain('target ≤ 0.5 ms · SQuAD warm p50');
    const missed = svg.match(/<text[^>]*>target ≤ 1,536 MiB · ×1000 peak RSS: missed \(1,700 MiB\)<\/text>/g) ?? [];
    expect(missed.some((t) => t.includes('fill="#d62728"'))).toBe(true);
    const met = svg.match(/<text[^>]*>target ≤ 25 ms · ×1000 warm p50<\/text>/g) ?? [];
    expect(met.some((t) => t.includes('fill="#666666"'))).toBe(true);
  });
});

describe('the bench chart axes', () => {
  it('puts corpus size in sentences on every per-size panel, ticked at the sizes run with their ×N', async () => {
    const spec = latencyChartSpec(results());
    const xTitles = nodes(spec).filter((n) => n.field === 'sentences').map((n) => (n.axis as Node | undefined)?.title);
    expect(xTitles.filter(Boolean).length).toBeGreaterThanOrEqual(6);
    expect(new Set(xTitles.filter(Boolean))).toEqual(new Set(['corpus size (sentences, log scale)']));
    const svg = await renderLatencyChart(results());
    expect(svg).toContain('corpus size (sentences, log scale)');
    for (const label of ['36,092', '×1000', '350', '×10']) expect(svg).toContain(`>${label}<`);
  });

  it('gives every y axis its unit', () => {
    const titles = nodes(latencyChartSpec(results())).filter((n) => n.field === 'value' && typeof n.title === 'string').map((n) => n.title as string);
    expect(titles).toEqual(expect.arrayContaining(['ms per answer (log)', 's (log)', 's, fresh process (log)', 'MiB (log)']));
  });

  it('ticks log axes at 1, 2 and 5 of each decade', () => {
    expect(logTicks(0.4, 25)).toEqual([0.5, 1, 2, 5, 10, 20]);
    expect(logTicks(0.25, 4.07)).toEqual([0.3, 0.5, 1, 2, 3]);
    expect(logTicks(0.25, 4.07, 1.3)).toEqual([0.2, 0.3, 0.5, 1, 2, 3, 5]);
    expect(logTicks(30, 400_000)).toEqual([100, 1000, 10_000, 100_000]);
  });
});

describe('the bench chart colours', () => {
  it('gives each system one colour, the same in every panel', () => {
    const r = results({ peers });
    const spec = latencyChartSpec(r);
    const colourScales = nodes(spec).filter((n) => n.field === 'system' && n.title === 'system').map((n) => JSON.stringify(n.scale));
    expect(colourScales.length).toBeGreaterThan(8);
    expect(new Set(colourScales).size).toBe(1);
    const colours = systemColours(r);
    expect([...colours.keys()]).toEqual([DATELINE, exactSystem(r), 'minisearch-bm25', 'langchain-hnswlib']);
    expect(new Set(colours.values()).size).toBe(colours.size);
  });

  it('keeps Dateline, exact search and each peer in their colour whatever the other rows', () => {
    const alone = systemColours(results());
    const withPeers = systemColours(results({ peers }));
    const reordered = systemColours(results({ peers: [...peers].reverse() }));
    const fewer = systemColours(results({ peers: peers.slice(0, 2) }));
    expect(withPeers.get(DATELINE)).toBe(alone.get(DATELINE));
    expect(withPeers.get('Dateline, exact C++ brute force')).toBe(alone.get('Dateline, exact C++ brute force'));
    for (const name of ['minisearch-bm25', 'langchain-hnswlib']) expect(reordered.get(name)).toBe(withPeers.get(name));
    expect(fewer.get('minisearch-bm25')).toBe(withPeers.get('minisearch-bm25'));
  });

  it('draws the dateline peer row as Dateline, and Dateline lines in its colour in the SVG', async () => {
    const r = results({ peers });
    const colour = systemColours(r).get(DATELINE)!;
    const systems = nodes(latencyChartSpec(r)).filter((n) => Array.isArray(n.values)).flatMap((n) => (n.values as Node[]).map((v) => v.system));
    expect(systems).not.toContain('dateline');
    expect(systems).toContain(DATELINE);
    const svg = await renderLatencyChart(r);
    expect(svg).toMatch(new RegExp(`<path[^>]*stroke="${colour}"`));
    for (const name of ['minisearch-bm25', 'langchain-hnswlib']) expect(svg).toContain(`>${name}<`);
  });
});

describe('the bench chart with missing or newer figures', () => {
  it('compiles without warnings, with or without peers and SQuAD figures', () => {
    compileQuietly(results());
    compileQuietly(results({ peers }));
    const { warm_squad_ms: _, ...noSquad } = results();
    compileQuietly(noSquad as BenchResults);
  });

  it('leaves out the SQuAD panels when there is nothing measured on SQuAD', () => {
    const { warm_squad_ms: _, peers: __, ...noSquad } = results();
    expect([...panels(noSquad as BenchResults).keys()].some((t) => t.startsWith('SQuAD'))).toBe(false);
    expect([...panels(results({ peers })).keys()].filter((t) => t.startsWith('SQuAD'))).toHaveLength(4);
  });

  it('plots cold_ask_s and add_story_s where a size has them, and cli_cold_s where it does not', () => {
    const big = size(10_000, 390_000, { cold_ask_s: 12.3, cli_cold_s: 31, add_story_s: 0.9 });
    const p = panels(results({ sizes: [size(1, 31), size(1000, 36_092), big] }));
    const lineLayer = (title: string) => (p.get(title)!.layer as Node[]).find((l) => (l.mark as Node).type === 'line')!;
    const values = (title: string) => (lineLayer(title).data as Node).values as Node[];
    const cold = values('Cold one-shot `dateline ask`').filter((v) => v.measure === 'cold ask');
    expect(cold.map((v) => [v.sentences, v.value])).toEqual([
      [31, size(1, 31).cli_cold_s],
      [36_092, size(1000, 36_092).cli_cold_s],
      [390_000, 12.3],
    ]);
    expect(values('Index build time').filter((v) => v.measure === 'add a story').map((v) => v.value)).toEqual([0.9]);
  });

  it('keeps the targets bench.json records unchanged', () => {
    const targets = results().targets;
    expect(targets.map((t) => t.target)).toEqual(TARGETS.map((t) => t.target));
    expect(targets.find((t) => t.target === '×1000: peak RSS (CLI and bot)')).toEqual({ target: '×1000: peak RSS (CLI and bot)', limit: '≤ 1536 MiB', value: 100 + 700, met: true });
    expect(targets.find((t) => t.target.includes('recall'))!.limit).toBe('≥ 0.95');
  });
});

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchResults } from './results-schema.js';

interface Point {
  chunks: number;
  label: string;
  series: string;
  value: number;
}

function panel(title: string, axis: string, points: Point[]) {
  const x = { field: 'chunks', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'corpus size (sentence chunks, log scale)' };
  const y = { field: 'value', type: 'quantitative' as const, scale: { type: 'log' as const }, title: axis };
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 400 } };
  return {
    title,
    width: 340,
    height: 260,
    data: { values: points },
    layer: [
      { mark: { type: 'line' as const, point: true }, encoding: { x, y, color } },
      {
        transform: [{ filter: `datum.series === '${points[0]?.series ?? ''}'` }],
        mark: { type: 'text' as const, dy: -10, fontSize: 10 },
        encoding: { x, y, text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  };
}

/** The vega-lite spec of the chart: warm answer latency and build time against corpus size, both on log scales. */
export function latencyChartSpec(r: BenchResults): TopLevelSpec {
  const exactLabel = r.exact_search === 'hnswlib-bruteforce' ? 'answer p50 (exact, hnswlib C++ brute force)' : 'answer p50 (exact, JavaScript loop)';
  const answer: Point[] = [];
  const build: Point[] = [];
  for (const s of r.sizes) {
    const at = { chunks: s.chunks, label: `×${s.scale}` };
    answer.push(
      { ...at, series: 'answer p50 (hnswlib)', value: s.answer_ms.p50 },
      { ...at, series: 'answer p99 (hnswlib)', value: s.answer_ms.p99 },
      { ...at, series: exactLabel, value: s.exact_answer_ms.p50 },
    );
    build.push({ ...at, series: 'build (read + embed + index + save)', value: s.build_s }, { ...at, series: 'of which embedding', value: s.build_stage_s.embed });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Dateline · ${r.model} · ${r.machine.cores} cores`, subtitle: r.generated_at },
    hconcat: [panel('Warm answer latency', 'ms (log scale)', answer), panel('Index build time', 's (log scale)', build)],
    resolve: { scale: { color: 'independent' } },
    config: { font: 'sans-serif' },
  };
}

/** Renders {@link latencyChartSpec} to a standalone SVG document, in Node, without a browser. */
export async function renderLatencyChart(r: BenchResults): Promise<string> {
  const view = new vega.View(vega.parse(compile(latencyChartSpec(r)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

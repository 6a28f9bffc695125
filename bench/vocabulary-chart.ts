import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { GrowthPoint, HeapsFit } from './vocabulary-growth.js';

/** One corpus's growth curve on the chart. */
export interface GrowthSeries {
  name: string;
  points: readonly GrowthPoint[];
}

/** The vega-lite spec: distinct words against tokens, log-log, one line per series and the dashed Heaps fit of the first. */
export function vocabularyChartSpec(series: readonly GrowthSeries[], fit: HeapsFit): TopLevelSpec {
  const values = series.flatMap((s) => s.points.map((p) => ({ series: s.name, tokens: p.tokens, distinct: p.distinct, stories: p.stories })));
  const tokens = values.map((v) => v.tokens);
  const fitLine = [Math.min(...tokens), Math.max(...tokens)].map((t) => ({ series: `Heaps fit ${fit.K.toFixed(1)} · n^${fit.beta.toFixed(3)}`, tokens: t, distinct: fit.K * t ** fit.beta }));
  const x = { field: 'tokens', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'corpus size (word tokens, log scale)' };
  const y = { field: 'distinct', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'distinct words (log scale)' };
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 400 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Vocabulary growth of the bench corpora', subtitle: 'stories 1, 2, 5, 10 … (each about 900 words)' },
    width: 420,
    height: 300,
    layer: [
      { data: { values }, mark: { type: 'line', point: true }, encoding: { x, y, color } },
      { data: { values: fitLine }, mark: { type: 'line', strokeDash: [4, 4] }, encoding: { x, y, color } },
    ],
    config: { font: 'sans-serif' },
  };
}

/** Renders {@link vocabularyChartSpec} to a standalone SVG document, in Node. */
export async function renderVocabularyChart(series: readonly GrowthSeries[], fit: HeapsFit): Promise<string> {
  const view = new vega.View(vega.parse(compile(vocabularyChartSpec(series, fit)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

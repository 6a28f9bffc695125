import type { StoryFile } from './synthetic-corpus.js';

/** Distinct words after the first `stories` stories of a corpus, `tokens` words long. */
export interface GrowthPoint {
  stories: number;
  tokens: number;
  distinct: number;
}

/** Heaps' law, distinct ≈ K · tokens^beta, with the fit's R² in log-log space. */
export interface HeapsFit {
  K: number;
  beta: number;
  r2: number;
}

/** The lower-cased words of a text (runs of letters). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Distinct words and tokens after each of the story counts in `marks` (larger than the corpus ones are skipped). */
export function vocabularyGrowth(files: readonly StoryFile[], marks: readonly number[]): GrowthPoint[] {
  const wanted = new Set(marks);
  const seen = new Set<string>();
  const points: GrowthPoint[] = [];
  let tokens = 0;
  files.forEach((file, i) => {
    for (const w of wordsOf(file.text)) {
      tokens++;
      seen.add(w);
    }
    if (wanted.has(i + 1)) points.push({ stories: i + 1, tokens, distinct: seen.size });
  });
  return points;
}

/** Least squares of log distinct on log tokens. */
export function fitHeaps(points: readonly GrowthPoint[]): HeapsFit {
  const xs = points.map((p) => Math.log(p.tokens));
  const ys = points.map((p) => Math.log(p.distinct));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const beta = sxy / sxx;
  const intercept = my - beta * mx;
  const residual = ys.reduce((s, y, i) => s + (y - intercept - beta * xs[i]!) ** 2, 0);
  const total = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  return { K: Math.exp(intercept), beta, r2: 1 - residual / total };
}

/** Story counts 1, 2, 5, 10, 20, 50 … up to `max`. */
export function logMarks(max: number): number[] {
  const marks: number[] = [];
  for (let decade = 1; decade <= max; decade *= 10) for (const m of [1, 2, 5]) if (m * decade <= max) marks.push(m * decade);
  return marks;
}

/** The share of `n`-word runs (inside one story) that occur more than once in the corpus. */
export function repeatedRunShare(files: readonly StoryFile[], n = 8): number {
  const counts = new Map<string, number>();
  let runs = 0;
  for (const file of files) {
    const words = wordsOf(file.text);
    for (let i = 0; i + n <= words.length; i++) {
      const key = words.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
      runs++;
    }
  }
  let repeated = 0;
  for (const c of counts.values()) if (c > 1) repeated += c;
  return runs === 0 ? 0 : repeated / runs;
}

const DATE_WORDS = new Set(
  'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Reporting Editing Additional Writing'.split(' '),
);

/** How many stories a name-like word (capitalized after a sentence's first word; not a month, a weekday or a word of the credits line) appears in, most widespread first. */
export function nameSpread(files: readonly StoryFile[], top = 5): { name: string; stories: number }[] {
  const spread = new Map<string, number>();
  for (const file of files) {
    const names = new Set<string>();
    for (const sentence of file.text.split(/[.!?]["”']?\s+|\n+/)) {
      const words = sentence.match(/\p{L}+/gu) ?? [];
      for (let i = 1; i < words.length; i++) if (/^\p{Lu}\p{Ll}+$/u.test(words[i]!) && !DATE_WORDS.has(words[i]!)) names.add(words[i]!);
    }
    for (const name of names) spread.set(name, (spread.get(name) ?? 0) + 1);
  }
  return [...spread].map(([name, stories]) => ({ name, stories })).sort((a, b) => b.stories - a.stories || a.name.localeCompare(b.name)).slice(0, top);
}

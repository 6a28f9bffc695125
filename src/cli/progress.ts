import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import { BUILD_STAGES, type BuildProgress, type BuildStage } from '../index/corpus-index.js';
import type { ProgressListener } from '../index/index-service.js';

/** Waits this long before showing a bar, so quick builds stay quiet. */
export const PROGRESS_DELAY_MS = 1000;

/** What the bar calls each stage of a build. */
export const STAGE_LABELS: Record<BuildStage, string> = {
  embedding: 'embedding',
  graph: 'vector graph',
  lexical: 'lexical index',
  saving: 'saving',
};

type OneStep = Exclude<BuildStage, 'embedding'>;

/**
 * Rough seconds a stage done in one step takes for `sentences` sentences
 * (measured with the bundled model's 100 dimensions; a build scales these
 * by how long its own finished stages took against their estimates).
 */
export function estimateSeconds(stage: OneStep, sentences: number): number {
  const n = Math.max(1, sentences);
  if (stage === 'graph') return 2e-5 * n * Math.log2(n + 1);
  return 1e-4 * n;
}

/** Seconds as the bar shows them: `8 s`, `2 min 5 s`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

/** As the result says it: `12181 sentences`. */
const count = (n: number) => `${n} sentence${n === 1 ? '' : 's'}`;

/** cli-progress, loaded when a bar is first drawn: a one-shot `ask` never draws one and does not pay for loading it. */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof cliProgress;

/** The bar's whole: permille of the build's expected time. */
const SCALE = 1000;

/**
 * A progress listener for indexing that draws a bar on standard error when
 * it is a terminal and the build has taken (or is expected to take) more
 * than {@link PROGRESS_DELAY_MS}. The bar counts sentences, names the
 * stage (embedding, building the vector graph, the lexical index, saving)
 * and shows the time left: while embedding from the rate so far, for the
 * later stages from estimates. Stages after embedding run without yielding,
 * so the bar is redrawn as each one starts.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressListener | undefined {
  if (!stream.isTTY) return undefined;
  let started: number | undefined;
  let stage: BuildStage | undefined;
  let stageStarted = 0;
  let embedStarted = 0;
  let bar: cliProgress.SingleBar | undefined;
  /** Actual over estimated seconds of the finished one-step stages (1 until one has finished). */
  let spent = 0;
  let estimated = 0;
  /** The bar never goes back, even when an estimate grows. */
  let shown = 0;

  const later = (from: number, sentences: number) =>
    BUILD_STAGES.slice(from)
      .filter((s): s is OneStep => s !== 'embedding')
      .reduce((sum, s) => sum + estimateSeconds(s, sentences), 0);

  /** Seconds left in the build after `e`. */
  const remaining = (e: BuildProgress, now: number): number => {
    const speed = estimated > 0 ? spent / estimated : 1;
    const at = BUILD_STAGES.indexOf(e.stage);
    if (e.stage === 'embedding') {
      const seconds = (now - embedStarted) / 1000;
      const left = e.done > 0 ? (seconds * (e.total - e.done)) / e.done : 0;
      return left + speed * later(at + 1, e.sentences);
    }
    if (e.done >= e.total) return speed * later(at + 1, e.sentences);
    const inStage = Math.max(0, speed * estimateSeconds(e.stage, e.sentences) - (now - stageStarted) / 1000);
    return inStage + speed * later(at + 1, e.sentences);
  };

  return (e) => {
    const now = performance.now();
    started ??= now;
    if (e.stage !== stage) {
      stage = e.stage;
      stageStarted = now;
      if (stage === 'embedding') embedStarted = now;
    }
    if (e.stage !== 'embedding' && e.done >= e.total) {
      spent += (now - stageStarted) / 1000;
      estimated += estimateSeconds(e.stage, e.sentences);
    }
    const finished = e.stage === 'saving' && e.done >= e.total;
    const elapsed = (now - started) / 1000;
    const left = remaining(e, now);
    if (!bar && !finished && (elapsed * 1000 > PROGRESS_DELAY_MS || (e.stage !== 'embedding' && left * 1000 > PROGRESS_DELAY_MS))) {
      const { SingleBar, Presets } = loadCliProgress();
      bar = new SingleBar(
        { stream, format: 'Indexing {count} [{bar}] {percentage}% · {stage} · {left}', hideCursor: true, barsize: Math.max(8, Math.min(30, (stream.columns || 80) - 64)) },
        Presets.shades_classic,
      );
      bar.start(SCALE, 0, { count: count(e.sentences), stage: '', left: '' });
    }
    if (bar) {
      shown = finished ? SCALE : Math.max(shown, Math.min(SCALE - 1, Math.floor((SCALE * elapsed) / Math.max(elapsed + left, 1e-9))));
      const step = `${STAGE_LABELS[e.stage]} (${BUILD_STAGES.indexOf(e.stage) + 1}/${BUILD_STAGES.length})`;
      bar.update(shown, { count: count(e.sentences), stage: finished ? 'done' : step, left: finished ? `took ${formatSeconds(elapsed)}` : `ETA ${formatSeconds(left)}` });
      bar.render();
    }
    if (finished) {
      bar?.stop();
      bar = undefined;
      started = undefined;
      stage = undefined;
      spent = 0;
      estimated = 0;
      shown = 0;
    }
  };
}

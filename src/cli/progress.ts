import cliProgress from 'cli-progress';

/** Waits this long before showing a bar, so quick builds stay quiet. */
export const PROGRESS_DELAY_MS = 1000;

/**
 * A progress listener for indexing that draws a bar on standard error when
 * it is a terminal and the work has taken more than {@link PROGRESS_DELAY_MS}.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let started: number | undefined;
  let bar: cliProgress.SingleBar | undefined;
  return (done, total) => {
    started ??= performance.now();
    if (!bar && performance.now() - started > PROGRESS_DELAY_MS && done < total) {
      bar = new cliProgress.SingleBar({ stream, format: 'Indexing [{bar}] {value}/{total} passages', hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(total, done);
    }
    bar?.update(done);
    if (bar && done >= total) {
      bar.stop();
      bar = undefined;
    }
  };
}

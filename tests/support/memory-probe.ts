/**
 * Preload for a bot run as a child process (`--expose-gc --import` this
 * file): on SIGUSR2 it collects garbage (when `gc` is exposed) and writes
 * one JSON line to standard error with the process's memory:
 * `{"msg":"memory probe","rss":…,"heapUsed":…,"gc":true}`. Tests compare
 * such samples; the bot itself is unchanged.
 */
const gc = (globalThis as { gc?: () => void }).gc;

process.on('SIGUSR2', () => {
  if (gc) {
    gc();
    gc();
  }
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  process.stderr.write(`${JSON.stringify({ msg: 'memory probe', rss, heapUsed, heapTotal, external, gc: Boolean(gc) })}\n`);
});

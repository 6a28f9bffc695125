/**
 * Preloaded into a measured process with `node --import`: when that process
 * exits, writes its peak resident set size (in KiB) as JSON to the file named
 * by `DATELINE_BENCH_PEAK_RSS_FILE`. The measured program itself (the CLI,
 * the bot) is not changed. On Linux the figure is `VmHWM` from
 * /proc/self/status: getrusage's maxRSS survives fork and exec, so a child
 * of the (large) benchmark process reported at least the parent's size.
 */
import fs from 'node:fs';

/** Environment key naming the file the peak RSS is written to. */
export const PEAK_RSS_FILE_ENV = 'DATELINE_BENCH_PEAK_RSS_FILE';

const file = process.env[PEAK_RSS_FILE_ENV];
/** This process's own high-water mark of resident memory, in KiB. */
function peakRssKib(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

if (file) process.on('exit', () => fs.writeFileSync(file, JSON.stringify({ maxRssKib: peakRssKib() })));

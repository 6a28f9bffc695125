/**
 * Preloaded into a measured process with `node --import`: when that process
 * exits, writes its peak resident set size (getrusage maxRSS, in KiB) as
 * JSON to the file named by `DATELINE_BENCH_PEAK_RSS_FILE`. The measured
 * program itself (the CLI, the bot) is not changed.
 */
import fs from 'node:fs';

/** Environment key naming the file the peak RSS is written to. */
export const PEAK_RSS_FILE_ENV = 'DATELINE_BENCH_PEAK_RSS_FILE';

const file = process.env[PEAK_RSS_FILE_ENV];
if (file) process.on('exit', () => fs.writeFileSync(file, JSON.stringify({ maxRssKib: process.resourceUsage().maxRSS })));

/**
 * Bench-only entry, run under `node --cpu-prof`: loads the model and the
 * index as the bot does (createCoreContext + index.open()), answers every
 * question once to warm up, then answers `count` questions (cycled) and
 * prints that window so the profile summary reads only the warm answers.
 * Arguments: a JSON file holding an array of questions, and the count.
 */
import fs from 'node:fs';
import { parseConfig } from '../src/config.js';
import { createCoreContext } from '../src/core-context.js';
import { createLogger } from '../src/logger.js';
import { ask } from '../src/queries.js';
import { cycle } from './answer-latency.js';
import { printWindow, profileClockUs } from './profile-window.js';

const questions = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as string[];
const count = Number(process.argv[3] ?? 2000);
const config = parseConfig(process.env);
const ctx = await createCoreContext(config, createLogger({ level: config.logLevel }));
await ctx.index.open();
for (const q of questions) await ask(ctx, q);
const start = profileClockUs();
for (const q of cycle(questions, count)) await ask(ctx, q);
printWindow(start, profileClockUs());

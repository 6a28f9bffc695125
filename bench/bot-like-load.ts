/**
 * Bench-only entry standing in for the bot process until the bot can run
 * offline: it loads what `launchBot` loads before logging in to Discord —
 * discord.js, the model (createCoreContext) and the index (index.open()) —
 * answers one question as `/ask` would, and exits. Run with the
 * `report-peak-rss` preload to measure the bot's memory at a corpus size.
 */
await import('discord.js');
const { parseConfig } = await import('../src/config.js');
const { createCoreContext } = await import('../src/core-context.js');
const { createLogger } = await import('../src/logger.js');
const { ask } = await import('../src/queries.js');

const config = parseConfig(process.env);
const ctx = await createCoreContext(config, createLogger({ level: config.logLevel }));
await ctx.index.open();
const answer = await ask(ctx, process.argv[2] ?? 'Where did Kerry and Lavrov meet?');
process.stdout.write(`${JSON.stringify({ answered: answer.answered, excerpts: answer.excerpts.length })}\n`);

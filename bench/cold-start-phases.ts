/**
 * Bench-only entry: does what `dateline ask "<question>"` does — same
 * modules, same order — and prints, as one JSON line, how long each phase
 * took in ms: `boot` (process start until this script runs), `imports` (the
 * CLI's module graph: commander, pino, transformers.js, onnxruntime…),
 * `model_load` (createCoreContext), `index_load` (index.open()) and
 * `first_answer` (ask and render). Run as a fresh process with SEEDS_DIR and
 * INDEX_DIR at a built index.
 */
const boot = performance.now();
await import('../src/cli/main.js');
const { parseConfig } = await import('../src/config.js');
const { createCoreContext } = await import('../src/core-context.js');
const { createLogger } = await import('../src/logger.js');
const { ask } = await import('../src/queries.js');
const { renderAnswer } = await import('../src/cli/render.js');
const imported = performance.now();

const question = process.argv[2] ?? 'Where did Kerry and Lavrov meet?';
const config = parseConfig(process.env);
const ctx = await createCoreContext(config, createLogger({ level: config.logLevel, pretty: true }));
const modelLoaded = performance.now();
await ctx.index.open();
const indexLoaded = performance.now();
const rendered = renderAnswer(await ask(ctx, question), 100);
const answered = performance.now();

process.stdout.write(
  `${JSON.stringify({
    boot,
    imports: imported - boot,
    model_load: modelLoaded - imported,
    index_load: indexLoaded - modelLoaded,
    first_answer: answered - indexLoaded,
    answer_chars: rendered.length,
  })}\n`,
);

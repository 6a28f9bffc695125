import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import dotenv from 'dotenv';
import type { Answer } from '../answer/answer.js';
import { parseConfig } from '../config.js';
import { createCoreContext, type CoreContext } from '../core-context.js';
import type { VectorMode } from '../index/store.js';
import { isUserFacing } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { ask, listCaptions, listSources } from '../queries.js';
import { errorDetails, redactedMessage } from '../app/error-details.js';
import { evalCommand } from './eval-command.js';
import { createProgress } from './progress.js';
import { renderAnswer, renderCaptions, renderQuestion, renderReindex, renderSources } from './render.js';
import { PROJECT_ROOT } from '../paths.js';
import { envSecrets } from '../app/secrets.js';

interface GlobalOptions {
  seeds?: string;
  index?: string;
}

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}


/**
 * The terminal chat's modules, loaded when `dateline chat` runs: they bring
 * the command files, the answer database (a native module) and Discord's
 * markdown, none of which a one-shot `ask` needs at start.
 */
async function chatModules() {
  const [appContext, appConfig, commands, chat] = await Promise.all([
    import('../app/app-context.js'),
    import('../app/config.js'),
    import('../app/load-commands.js'),
    import('../chat/chat-session.js'),
  ]);
  return { createAppContext: appContext.createAppContext, parseAppConfig: appConfig.parseAppConfig, loadCommands: commands.loadCommands, runChat: chat.runChat };
}

/** `dateline feedback`'s modules, loaded when it runs (see {@link chatModules}). */
async function feedbackModules() {
  const [store, appConfig, format, markdown] = await Promise.all([
    import('../feedback/feedback-store.js'),
    import('../app/config.js'),
    import('../app/format.js'),
    import('../chat/discord-markdown.js'),
  ]);
  return { FeedbackStore: store.FeedbackStore, parseAppConfig: appConfig.parseAppConfig, formatFeedback: format.formatFeedback, renderMarkdown: markdown.renderMarkdown };
}

/** JSON of `ask`: the documented keys first, in order. */
export function answerJson(a: Answer): unknown {
  const excerpt = (e: Answer['excerpts'][number]) => ({
    text: e.text,
    story: e.story,
    citation: e.citation,
    kind: e.kind,
    start: e.start,
    end: e.end,
    score: Number(e.score.toFixed(4)),
    title: e.title,
    ...(e.date ? { date: e.date } : {}),
    ...(e.credit ? { credit: e.credit } : {}),
  });
  return {
    question: a.question,
    answered: a.answered,
    ...(a.confidence ? { confidence: a.confidence } : {}),
    ...(a.readAs ? { readAs: a.readAs } : {}),
    excerpts: a.excerpts.map(excerpt),
    ...(a.closest ? { closest: a.closest.map(excerpt) } : {}),
  };
}

async function context(opts: GlobalOptions, logger: Logger, vectorSearch?: VectorMode): Promise<CoreContext> {
  const env = { ...process.env };
  if (opts.seeds) env.SEEDS_DIR = opts.seeds;
  if (opts.index) env.INDEX_DIR = opts.index;
  const config = parseConfig(env);
  logger.level = config.logLevel;
  return createCoreContext(config, logger, { onProgress: createProgress(), ...(vectorSearch ? { vectorSearch } : {}) });
}

async function* stdinLines(): AsyncGenerator<string> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) if (line.trim() !== '') yield line;
}

/** The version in package.json. */
function version(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A separator between the answers of `ask -`. */
const SEPARATOR = '─'.repeat(40);

/**
 * Usage errors as one line and a hint, not the whole help: a suggestion
 * ("Did you mean --json?") joins the error line, and the hint names the
 * help of the command that was being parsed.
 */
function quietUsageErrors(program: Command): void {
  const output = { outputError: (text: string, write: (s: string) => void) => write(text.replace(/\n\((Did you mean [^)]*)\)/, ' ($1)')) };
  program.configureOutput(output).showHelpAfterError(`(run ${program.name()} --help)`);
  for (const command of program.commands) {
    // Also for commands made elsewhere and added with addCommand, which inherit nothing.
    command.configureOutput(output).exitOverride().showHelpAfterError(`(run ${program.name()} --help, or ${program.name()} ${command.name()} --help)`);
  }
}

function buildProgram(logger: Logger, ran: { command?: string }): Command {
  const program = new Command('dateline')
    .description('Answers questions about the news stories in seeds/ with verbatim quotes and citations.')
    .version(version(), '-v, --version', 'print the version')
    .option('--seeds <dir>', 'folder of stories (default: SEEDS_DIR or seeds/)')
    .option('--index <dir>', 'folder of the index (default: INDEX_DIR or embeddings/)')
    .exitOverride()
    .hook('preAction', (_program, command) => void (ran.command = command.name()));

  program
    .command('ask')
    .description('answer a question; "-" reads one question per line from standard input')
    .argument('<question>', 'the question, or - for standard input')
    .option('--json', 'print JSON (JSON Lines with -)')
    .addOption(new Option('--k <n>', 'excerpts per answer (1-10)').argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10) throw new InvalidArgumentError(`--k must be a whole number from 1 to 10, got "${v}".`);
      return n;
    }))
    .option('--story <id>', 'search this story only (its file name without extension; see `dateline sources`)')
    .action(async (question: string, opts: { json?: boolean; k?: number; story?: string }) => {
      const ctx = await context(program.opts<GlobalOptions>(), logger, question === '-' ? 'graph' : 'scan');
      const askOptions = { k: opts.k ?? ctx.config.answerExcerpts, ...(opts.story ? { story: opts.story } : {}) };
      const width = Math.min(process.stdout.columns || 100, 100);
      const print = (a: Answer) => out(opts.json ? json(answerJson(a)) : `${renderAnswer(a, width)}\n`);
      if (question !== '-') return print(await ask(ctx, question, askOptions));
      // Batch: JSON Lines with --json; for people, each answer under its question, separated.
      let first = true;
      for await (const line of stdinLines()) {
        if (!opts.json) out(`${first ? '' : `${SEPARATOR}\n`}${renderQuestion(line, width)}\n\n`);
        first = false;
        try {
          print(await ask(ctx, line, askOptions));
        } catch (error) {
          if (!isUserFacing(error)) throw error;
          out(opts.json ? json({ question: line, error: error.message }) : `error: ${error.message}\n`);
        }
      }
    });

  program
    .command('captions')
    .description("list the story's photo captions")
    .option('--json', 'print JSON')
    .option('--story <id>', 'this story only (default every story)')
    .action(async (opts: { json?: boolean; story?: string }) => {
      const ctx = await context(program.opts<GlobalOptions>(), logger);
      const captions = listCaptions(await ctx.index.open(), opts.story);
      out(opts.json ? json(captions.map(({ number, text, credit, place, date, story }) => ({ number, text, credit, place, date, story }))) : renderCaptions(captions));
    });

  program
    .command('sources')
    .description('list the indexed stories and how the index was built')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await context(program.opts<GlobalOptions>(), logger);
      const sources = listSources(await ctx.index.open());
      out(opts.json ? json(sources) : renderSources(sources));
    });

  program
    .command('reindex')
    .description('bring the index up to date with the seeds: only added or changed stories are embedded (the previous index serves until the new one is complete)')
    .option('--full', 'rebuild everything, not only what changed')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean; full?: boolean }) => {
      const ctx = await context(program.opts<GlobalOptions>(), logger, 'scan');
      const report = await ctx.index.reindex({ by: `dateline reindex (${os.userInfo().username})`, full: opts.full === true });
      out(opts.json ? json(report) : renderReindex(report));
    });

  program
    .command('chat')
    .description('talk to the bot in the terminal: /ask, /captions, /caption, /sources, /reindex, /feedback, as Discord shows them')
    .action(async () => {
      const ctx = await context(program.opts<GlobalOptions>(), logger);
      if (!process.env.LOG_LEVEL?.trim()) logger.level = 'warn';
      const { createAppContext, parseAppConfig, loadCommands, runChat } = await chatModules();
      const bot = createAppContext(ctx, parseAppConfig(process.env), { answerConcurrency: 1, secrets: envSecrets(process.env) });
      try {
        const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
        await runChat(bot, await loadCommands(), { input: process.stdin, output: process.stdout, interactive, color: interactive && !process.env.NO_COLOR });
      } finally {
        bot.feedback.close();
        bot.settings.close();
      }
    });

  program
    .command('feedback')
    .description("readers' votes on answers: share helpful, most downvoted questions (--json exports every vote)")
    .option('--json', 'print JSON: the summary and every vote with its question and excerpts')
    .action(async (opts: { json?: boolean }) => {
      const config = parseConfig({ ...process.env });
      const { FeedbackStore, parseAppConfig, formatFeedback, renderMarkdown } = await feedbackModules();
      const store = FeedbackStore.open(config.dataDir, { keepMs: parseAppConfig(process.env).buttonsTtlMs });
      try {
        out(opts.json ? json({ summary: store.summary(), votes: store.votes() }) : `${renderMarkdown(formatFeedback(store.summary()).join('\n'))}\n`);
      } finally {
        store.close();
      }
    });

  program.addCommand(evalCommand(() => context(program.opts<GlobalOptions>(), logger), out));

  quietUsageErrors(program);
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 crash, 2 bad input or setup). */
export async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  const logger = createLogger({ level: process.env.LOG_LEVEL?.trim() || 'info', pretty: true });
  const ran: { command?: string } = {};
  const program = buildProgram(logger, ran);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    // Nothing printed about a failure holds a secret of the environment (DISCORD_TOKEN, …), whatever the error quotes.
    const secrets = envSecrets();
    if (error instanceof CommanderError) {
      if (error.code === 'dateline.barMissed') process.stderr.write(`error: ${redactedMessage(error, secrets)}\n`);
      return error.exitCode === 0 ? 0 : error.exitCode === 3 ? 3 : 2;
    }
    if (isUserFacing(error)) {
      process.stderr.write(`error: ${redactedMessage(error, secrets)}\n`);
      return 2;
    }
    logger.error({ error: errorDetails(error, secrets), command: ran.command ?? program.args[0] ?? null }, 'dateline crashed');
    return 1;
  }
}

import { parseAppConfig } from '../../src/app/config.js';
import type { Config } from '../../src/config.js';
import { createCoreContext, type CoreContext } from '../../src/core-context.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { parseDiscordConfig, type BotConfig } from '../../src/discord/config.js';
import { startBot, type RunningBot, type StartBotOptions } from '../../src/discord/start-bot.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { FakeDiscord, type FakeDiscordOptions, type InteractionExchange, type Invoker } from '../support/fake-discord/index.js';
import { bundledEmbedder, testConfig } from '../support/fixtures.js';

/** A log line as JSON. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A logger that keeps its lines and can wait for one. */
export interface WatchedLog {
  logger: Logger;
  lines(): LogLine[];
  /** Resolves with the first line (past or future) matching `predicate`. */
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the `interaction` line of interaction `id` (the bot has finished with it); found by id, so thousands of waits stay cheap. */
  waitForInteraction(id: string, timeoutMs?: number): Promise<LogLine>;
}

/** See {@link WatchedLog}. */
export function watchedLog(): WatchedLog {
  const lines: LogLine[] = [];
  const waiters = new Set<(line: LogLine) => void>();
  const finished = new Map<string, LogLine>();
  const logger = createLogger({
    level: 'debug',
    write: (raw) => {
      const line = JSON.parse(raw) as LogLine;
      lines.push(line);
      if (line.msg === 'interaction' && typeof line.interaction === 'string') finished.set(line.interaction, line);
      for (const w of [...waiters]) w(line);
    },
  });
  const waitUntil = (found: () => LogLine | undefined, matches: (line: LogLine) => boolean, timeoutMs: number, what: () => string) =>
    new Promise<LogLine>((resolve, reject) => {
      const done = (line: LogLine) => {
        waiters.delete(check);
        clearTimeout(timer);
        resolve(line);
      };
      const check = (line: LogLine) => void (matches(line) && done(line));
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No such log line in ${timeoutMs} ms; ${what()}`));
      }, timeoutMs);
      const past = found();
      if (past) done(past);
      else waiters.add(check);
    });
  const waitFor = (predicate: (line: LogLine) => boolean, timeoutMs = 15_000) =>
    waitUntil(() => lines.find(predicate), predicate, timeoutMs, () => `have: ${JSON.stringify(lines.map((l) => l.msg))}`);
  const waitForInteraction = (id: string, timeoutMs = 15_000) =>
    waitUntil(() => finished.get(id), (l) => l.msg === 'interaction' && l.interaction === id, timeoutMs, () => `interaction ${id} not finished`);
  return { logger, lines: () => [...lines], waitFor, waitForInteraction };
}

/** A bot connected to a fake Discord, with the pieces tests look at. */
export interface Harness {
  fake: FakeDiscord;
  /** The running bot; a test may replace it (a restart), and {@link stop} stops the one here. */
  bot: RunningBot;
  ctx: CoreContext;
  config: Config;
  /** The app's and the bot's settings the bot started with. */
  botConfig: BotConfig;
  log: WatchedLog;
  /** Sends a slash command and resolves once the bot has finished with it (its log line is written). */
  run(name: string, options?: Record<string, string | number | boolean>, who?: Invoker): Promise<InteractionExchange>;
  /** Resolves once the bot has finished with `exchange`. */
  handled(exchange: InteractionExchange): Promise<InteractionExchange>;
  /** Stops the bot, then the fake. */
  stop(): Promise<void>;
}

/** Options for {@link startHarness}. */
export interface HarnessOptions {
  /** Extra environment settings (e.g. `ASK_COOLDOWN`), possibly depending on the fake's ids. */
  env?: Record<string, string> | ((fake: FakeDiscord) => Record<string, string>);
  seedsDir?: string;
  embedder?: Embedder;
  /** Open the index before logging in, as `npm start` does. Default true. */
  openIndex?: boolean;
  fake?: FakeDiscordOptions;
  start?: StartBotOptions;
}

/** The settings that point the bot at `fake`, plus `env`. */
function fakeEnv(fake: FakeDiscord, env: Record<string, string> = {}): Record<string, string> {
  return { DISCORD_API_URL: fake.apiUrl, DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, ...env };
}

/** Core config for a bot on `fake`, with temporary seeds and index folders. */
export function fakeConfig(fake: FakeDiscord, seedsDir?: string, env: Record<string, string> = {}): Promise<Config> {
  return testConfig(seedsDir, fakeEnv(fake, env));
}

/** The app's and the bot's settings for a bot on `fake`. */
export function fakeBotConfig(fake: FakeDiscord, env: Record<string, string> = {}): BotConfig {
  const all = fakeEnv(fake, env);
  return { app: parseAppConfig(all), discord: parseDiscordConfig(all) };
}

/** Test clients identify at once: no 5 s identify throttle between reconnects. */
export const NO_IDENTIFY_WAIT: StartBotOptions['clientOptions'] = {
  ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
};

/** Starts a fake Discord and the real bot (discord.js) logged in to it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(options.fake);
  const env = typeof options.env === 'function' ? options.env(fake) : options.env;
  const config = await fakeConfig(fake, options.seedsDir, env);
  const botConfig = fakeBotConfig(fake, env);
  const log = watchedLog();
  const ctx = await createCoreContext(config, log.logger, { embedder: options.embedder ?? (await bundledEmbedder()) });
  if (options.openIndex ?? true) await ctx.index.open();
  const bot = await startBot(ctx, botConfig, { clientOptions: NO_IDENTIFY_WAIT, ...options.start });
  const handled = async (x: InteractionExchange) => (await log.waitForInteraction(x.id), x);
  const harness: Harness = {
    fake,
    bot,
    ctx,
    config,
    botConfig,
    log,
    handled,
    run: (name, commandOptions, who) => handled(fake.command(name, commandOptions, who)),
    stop: async () => {
      await harness.bot.stop();
      await fake.stop();
    },
  };
  return harness;
}

/** Removes the escapes `literal()` added: what Discord shows. */
export function unescape(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/g, '$1');
}

/** The block-quoted passages of a message, as Discord shows them. */
export function quotes(content: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  for (const line of content.split('\n')) {
    if (line.startsWith('> ')) (current ??= []).push(line.slice(2));
    else if (current) out.push(unescape(current.join('\n'))), (current = undefined);
  }
  if (current) out.push(unescape(current.join('\n')));
  return out;
}

/** An embedder whose calls can be held or made to fail: batches are index builds, a question is one text. */
export interface ControlledEmbedder {
  embedder: Embedder;
  /** From now until {@link release}, batches (or all calls) wait. */
  hold(what?: 'batches' | 'all'): void;
  release(): void;
  /** Resolves once a call is waiting on {@link hold}. */
  waiting(): Promise<void>;
  /** The next batch throws this. */
  failNextBatch(error: Error): void;
  batches: number;
}

/** See {@link ControlledEmbedder}. */
export function controlledEmbedder(base: Embedder): ControlledEmbedder {
  let gate: Promise<void> | undefined;
  let holdAll = false;
  let open = () => {};
  let failure: Error | undefined;
  let signalWaiting = () => {};
  let isWaiting = new Promise<void>((resolve) => (signalWaiting = resolve));
  const control: ControlledEmbedder = {
    batches: 0,
    embedder: {
      modelId: base.modelId,
      dimension: base.dimension,
      embed: async (texts) => {
        if (gate && (holdAll || texts.length > 1)) {
          signalWaiting();
          await gate;
        }
        if (texts.length > 1) {
          control.batches++;
          if (failure) {
            const error = failure;
            failure = undefined;
            throw error;
          }
        }
        return base.embed(texts);
      },
    },
    hold(what = 'batches') {
      holdAll = what === 'all';
      gate = new Promise((resolve) => (open = resolve));
      isWaiting = new Promise((resolve) => (signalWaiting = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    waiting: () => isWaiting,
    failNextBatch(error) {
      failure = error;
    },
  };
  return control;
}

import { createCoreContext, type CoreContextOptions } from '../core-context.js';
import { isUserFacing } from '../errors.js';
import { createLogger, logStyleFor, type LogStyle } from '../logger.js';
import { errorDetails, redactedMessage } from '../app/error-details.js';
import { BOT_KEYS, botSettings, isTokenRejected, TOKEN_REJECTED } from './config.js';
import { startBot, type RunningBot, type StartBotOptions } from './start-bot.js';
import { envSecrets, redact } from '../app/secrets.js';
import { unreachableError, unreachableMessage } from './unreachable.js';

/** Options for {@link launchBot}. */
export interface LaunchOptions {
  /** Where setup problems are written for the person starting the bot. Default standard error. */
  stderr?: (text: string) => void;
  /** Where log lines go. Default standard error. */
  writeLog?: (line: string) => void;
  /**
   * How log lines look. Default: `timed` lines when the log goes to
   * standard error and that is a terminal, JSON otherwise (and always JSON
   * to `writeLog`); see `logStyleFor`.
   */
  logStyle?: LogStyle;
  /** Passed to `createCoreContext` (tests give an embedder). */
  context?: CoreContextOptions;
  /** Passed to {@link startBot}. */
  start?: StartBotOptions;
}

/**
 * A started bot, or the exit code of a failed start: 2 bad setup, the
 * message saying what to fix (a setting, a token Discord rejects, no route
 * to Discord), 1 crash.
 */
export type LaunchResult = { ok: true; bot: RunningBot } | { ok: false; exitCode: 1 | 2 };

/**
 * Starts the bot from environment settings: parses the config, checks the
 * Discord keys, loads the model, opens (or builds) the index, logs in. A
 * start that fails for a reason the person can fix (a bad setting, a token
 * Discord rejects over REST or the gateway, Discord unreachable) is told on
 * `stderr` as one `error: …` line naming what to fix, with exit code 2.
 */
export async function launchBot(env: NodeJS.ProcessEnv, options: LaunchOptions = {}): Promise<LaunchResult> {
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const settings = botSettings(env, stderr, BOT_KEYS);
  if (!settings) return { ok: false, exitCode: 2 };
  const { config } = settings;
  const style = options.logStyle ?? (options.writeLog ? 'json' : logStyleFor(process.stderr));
  const logger = createLogger({ level: config.logLevel, style, ...(options.writeLog ? { write: options.writeLog } : {}) });
  const secrets = envSecrets(env);
  try {
    const ctx = await createCoreContext(config, logger, options.context);
    await ctx.index.open();
    return { ok: true, bot: await startBot(ctx, settings, options.start) };
  } catch (error) {
    if (isUserFacing(error)) {
      stderr(`error: ${redactedMessage(error, secrets)}\n`);
      return { ok: false, exitCode: 2 };
    }
    if (isTokenRejected(error)) {
      stderr(`error: ${TOKEN_REJECTED}\n`);
      return { ok: false, exitCode: 2 };
    }
    const unreachable = unreachableError(error);
    if (unreachable) {
      stderr(`error: ${redact(unreachableMessage(settings.discord.apiUrl, unreachable), secrets)}\n`);
      return { ok: false, exitCode: 2 };
    }
    logger.fatal({ error: errorDetails(error, secrets) }, 'The Discord bot could not start');
    return { ok: false, exitCode: 1 };
  }
}

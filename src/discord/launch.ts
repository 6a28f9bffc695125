import { createCoreContext, type CoreContextOptions } from '../core-context.js';
import { isUserFacing } from '../errors.js';
import { createLogger } from '../logger.js';
import { errorDetails, redactedMessage } from '../app/error-details.js';
import { BOT_KEYS, botSettings, isTokenRejected, TOKEN_REJECTED } from './config.js';
import { startBot, type RunningBot, type StartBotOptions } from './start-bot.js';
import { envSecrets } from '../app/secrets.js';

/** Options for {@link launchBot}. */
export interface LaunchOptions {
  /** Where setup problems are written for the person starting the bot. Default standard error. */
  stderr?: (text: string) => void;
  /** Where JSON log lines go. Default standard error. */
  writeLog?: (line: string) => void;
  /** Passed to `createCoreContext` (tests give an embedder). */
  context?: CoreContextOptions;
  /** Passed to {@link startBot}. */
  start?: StartBotOptions;
}

/** A started bot, or the exit code of a failed start: 2 bad setup (the message says what to fix), 1 crash. */
export type LaunchResult = { ok: true; bot: RunningBot } | { ok: false; exitCode: 1 | 2 };

/**
 * Starts the bot from environment settings: parses the config, checks the
 * Discord keys, loads the model, opens (or builds) the index, logs in.
 */
export async function launchBot(env: NodeJS.ProcessEnv, options: LaunchOptions = {}): Promise<LaunchResult> {
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const settings = botSettings(env, stderr, BOT_KEYS);
  if (!settings) return { ok: false, exitCode: 2 };
  const { config } = settings;
  const logger = createLogger({ level: config.logLevel, ...(options.writeLog ? { write: options.writeLog } : {}) });
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
    logger.fatal({ error: errorDetails(error, secrets) }, 'The Discord bot could not start');
    return { ok: false, exitCode: 1 };
  }
}

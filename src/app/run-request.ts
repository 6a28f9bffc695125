import { isUserFacing } from '../errors.js';
import type { AppContext } from './app-context.js';
import type { CommandOutcome } from './command.js';
import { errorDetails } from './error-details.js';
import { redact } from './secrets.js';

/** The crash that `error` hides, if any: itself, or the cause of a friendly error wrapping one. */
function crashIn(error: unknown): unknown {
  if (!isUserFacing(error)) return error;
  return error.cause !== undefined && !isUserFacing(error.cause) ? error.cause : undefined;
}

/** Longest option text written to the log; a hostile client can send far longer. */
const LOGGED_OPTION_CHARS = 400;

/** Option values as logged: secrets a user pasted redacted, long text cut. */
function loggable(values: Record<string, unknown>, secrets: readonly (string | undefined)[]): Record<string, unknown> {
  const bounded = (value: unknown) => {
    if (typeof value !== 'string') return value;
    const text = redact(value, secrets);
    return text.length > LOGGED_OPTION_CHARS ? `${text.slice(0, LOGGED_OPTION_CHARS)}… (${text.length} characters)` : text;
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, bounded(v)]));
}

/** A request's option values by name. */
export type RequestValues = Record<string, string | number | boolean | undefined>;

/** One request to the bot from any source, as {@link runRequest} handles it. */
export interface BotRequest {
  /** Command name for the log and the apology. */
  name: string;
  values: RequestValues;
  /** Log fields identifying the request (user, guild, interaction or message id). */
  fields: Record<string, unknown>;
  /** Secrets that must not reach the log (bot token, interaction token). */
  secrets: readonly (string | undefined)[];
  run(): Promise<CommandOutcome | void>;
  /** Tells the user why it failed. */
  fail(message: string): Promise<void>;
  /**
   * The transport's own test for "too late to answer at all" (Discord: the
   * interaction's 3-second window passed): the reason to log, or undefined.
   * Such a failure is logged once and nobody is told (nobody can be).
   */
  expired?(error: unknown): string | undefined;
}

/**
 * Runs a request in the one place errors become replies: a friendly error
 * (`UserFacingError`, `BotError`) is shown as it is; any other error is
 * logged with the command name and an apology is shown; a request the
 * transport says expired ({@link BotRequest.expired}) is logged once. Writes one log line per
 * request with latency, result and the (redacted, bounded) options.
 */
export async function runRequest(request: BotRequest, ctx: Pick<AppContext, 'logger'>, logMessage = 'interaction'): Promise<void> {
  const started = performance.now();
  const { name: command, fields, secrets } = request;
  let outcome: CommandOutcome & { errorId?: string } = { result: 'ok' };
  try {
    outcome = (await request.run()) ?? outcome;
  } catch (error) {
    const expired = request.expired?.(error);
    if (expired) {
      outcome = { result: 'error', errorId: 'expired' };
      ctx.logger.error({ ...fields, command, reason: `expired: ${expired}`, error: errorDetails(error, secrets) }, `/${command} failed`);
      return;
    }
    const crash = crashIn(error);
    outcome = { result: isUserFacing(error) ? 'refused' : 'error', ...(isUserFacing(error) ? { errorId: error.id } : {}) };
    if (crash !== undefined) ctx.logger.error({ ...fields, command, error: errorDetails(crash, secrets) }, `/${command} failed`);
    const message = isUserFacing(error) ? error.message : `Sorry, something went wrong with /${command}. It has been logged; please try again in a moment.`;
    await request.fail(message).catch((sendFailure: unknown) =>
      ctx.logger.warn({ ...fields, command, error: errorDetails(sendFailure, secrets) }, `Could not tell the user that /${command} failed`),
    );
  } finally {
    const latencyMs = Math.round(performance.now() - started);
    ctx.logger.info({ ...fields, command, latencyMs, ...outcome, options: loggable(request.values, secrets) }, logMessage);
  }
}

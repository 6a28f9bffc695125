import { redact } from './secrets.js';

/** An error reduced to what a log line may hold. */
export interface ErrorDetails {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  status?: number;
}

/** `error`'s message (or the value itself) with every secret redacted: what a script may print about a failure. */
export function redactedMessage(error: unknown, secrets: readonly (string | null | undefined)[]): string {
  return redact(error instanceof Error ? error.message : String(error), secrets);
}

/**
 * What to log about `error`, with every secret (bot token, interaction
 * token) replaced by `[redacted]`. Request URLs and bodies, which hold
 * interaction tokens and message contents, are left out.
 */
export function errorDetails(error: unknown, secrets: readonly (string | undefined)[]): ErrorDetails {
  const hide = (text: string) => redact(text, secrets);
  if (!(error instanceof Error)) return { type: typeof error, message: hide(String(error)) };
  const e = error as Error & { code?: unknown; status?: unknown };
  const details: ErrorDetails = { type: e.name, message: hide(e.message) };
  if (e.stack) details.stack = hide(e.stack);
  if (typeof e.code === 'string' || typeof e.code === 'number') details.code = e.code;
  if (typeof e.status === 'number') details.status = e.status;
  return details;
}

/** An error reduced to what a log line may hold. */
export interface ErrorDetails {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  status?: number;
}

/** `text` with every occurrence of each secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  return secrets.reduce<string>((t, s) => (s ? t.split(s).join('[redacted]') : t), text);
}

/** The secrets a process may hold in `env` (the bot token), for {@link redact} and {@link errorDetails}. */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const token = env.DISCORD_TOKEN?.trim();
  return token ? [token] : [];
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

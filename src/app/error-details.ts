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

/** Settings whose values are secrets by their name: `DISCORD_TOKEN`, `HF_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_API_KEY`… */
const SECRET_NAME = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)(?:_|$)/i;
/** Shorter values (`true`, `1`, `off`, a placeholder `t`) would redact ordinary letters and words; no real secret is this short. */
const MIN_SECRET_CHARS = 8;
/** The password of a URL with credentials (`https://user:password@proxy`), e.g. in `DISCORD_API_URL` or `HTTPS_PROXY`. */
const URL_PASSWORD = /^[a-z][a-z\d+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/i;

/**
 * The secrets a process may hold in `env`, for {@link redact} and
 * {@link errorDetails}: the value of any setting named like a secret
 * (`DISCORD_TOKEN` and any other `…_TOKEN`, `…_SECRET`, `…_PASSWORD`,
 * `…_KEY`…) and passwords in URLs; longest first, so one secret inside
 * another is hidden whole.
 */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets = new Set<string>();
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (!value) continue;
    if (SECRET_NAME.test(name) && value.length >= MIN_SECRET_CHARS) secrets.add(value);
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password && password.length >= MIN_SECRET_CHARS) {
      secrets.add(password);
      try {
        secrets.add(decodeURIComponent(password));
      } catch {
        // not percent-encoded: the raw form is enough
      }
    }
  }
  return [...secrets].sort((a, b) => b.length - a.length);
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

/**
 * Secrets kept out of replies and logs: which values of the environment are
 * secrets, and text with them replaced by `[redacted]`.
 */

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

/**
 * Network failures that mean Discord (or the proxy `DISCORD_API_URL` names)
 * cannot be reached at all, as opposed to Discord answering with an error:
 * the name does not resolve (`ENOTFOUND`; `EAI_AGAIN` when DNS itself is
 * unreachable) or nothing listens there (`ECONNREFUSED`).
 */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED']);

/** How deep into `cause` chains and `AggregateError`s to look (fetch wraps the socket's error). */
const MAX_DEPTH = 4;

/** The failure in `error` (or in what it wraps) that means no route to Discord, or undefined. */
export function unreachableError(error: unknown, depth = 0): (Error & { code: string }) | undefined {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return error as Error & { code: string };
  const inner = [error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  for (const e of inner) {
    const found = unreachableError(e, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** What to tell the person starting the bot when {@link unreachableError} found `failure` talking to `apiUrl`. */
export function unreachableMessage(apiUrl: string, failure: Error): string {
  return `Could not reach Discord at ${apiUrl} (${failure.message}): no network route to Discord; check DISCORD_API_URL or the network.`;
}

import { createLogger, logStyleFor } from '../logger.js';
import { errorDetails } from '../app/error-details.js';
import { envSecrets } from '../app/secrets.js';

/**
 * Makes an error nothing caught (thrown in a handler, a promise nobody
 * awaited) end the process the way every other error is reported: one log
 * line on standard error (JSON, or a readable line when standard error is a
 * terminal), `message` with the error's details, every secret of the
 * environment (see {@link envSecrets}) redacted; then exit 1. Without
 * it Node prints the error raw, token and all. For the entry points
 * (`npm start`, each shard, `npm run start:sharded`'s manager).
 */
export function exitOnUncaughtError(message: string): void {
  const crashed = (error: unknown) => {
    // The environment as it is now (after .env was loaded), so a secret from either is redacted.
    createLogger({ level: 'fatal', style: logStyleFor(process.stderr) }).fatal({ error: errorDetails(error, envSecrets()) }, message);
    process.exit(1);
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
}

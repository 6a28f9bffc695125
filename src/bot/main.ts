import dotenv from 'dotenv';
import { createLogger } from '../logger.js';
import { envSecrets, errorDetails } from './error-details.js';
import { launchBot } from './launch.js';

dotenv.config({ quiet: true });

// An error nothing caught (thrown in a handler, a promise nobody awaited) is logged like any other error,
// as one JSON line with the token redacted, rather than printed raw by Node; then the process exits 1.
const crashed = (error: unknown) => {
  createLogger({ level: 'fatal' }).fatal({ error: errorDetails(error, envSecrets()) }, 'The Discord bot crashed');
  process.exit(1);
};
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);
const launched = await launchBot(process.env);
if (!launched.ok) process.exit(launched.exitCode);

const { bot } = launched;
const shutdown = () => {
  bot.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
// A shard of `npm run start:sharded`: stop when the manager is gone rather than run on unmanaged.
if (process.send) process.once('disconnect', shutdown);

import dotenv from 'dotenv';
import { exitOnUncaughtError } from './crash.js';
import { launchBot } from './launch.js';

dotenv.config({ quiet: true });

// An error nothing caught is logged like any other error, secrets redacted, rather than printed raw by Node; exit 1.
exitOnUncaughtError('The Discord bot crashed');
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

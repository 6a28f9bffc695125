import dotenv from 'dotenv';
import { formatLogLine, logStyleFor } from '../logger.js';
import { exitOnUncaughtError } from './crash.js';
import { launchSharded } from './sharding.js';

// `npm run start:sharded`: the bot under discord.js's ShardingManager, one process per shard.
dotenv.config({ quiet: true });

// As in each shard: an error nothing caught is logged with secrets redacted, not printed raw by Node; exit 1
// (the shards stop when they lose the manager).
exitOnUncaughtError('The sharding manager crashed');

// SIGINT/SIGTERM stop the shards cleanly at any time, also while they are still starting
// (Ctrl-C sends SIGINT to every shard process as well; their exits are then expected, not restarted).
const signalled = new AbortController();
const onSignal = () => signalled.abort();
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

// The manager's log reads like its shards' (which inherit standard error): timed lines at a terminal, JSON otherwise.
const logStyle = logStyleFor(process.stderr);
const launched = await launchSharded(process.env, { signal: signalled.signal, writeLog: (line) => process.stderr.write(formatLogLine(line, logStyle)) });
if (!launched.ok) process.exit(launched.exitCode);

const { stop } = launched;
const shutdown = () => {
  stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
if (signalled.signal.aborted) shutdown();
else signalled.signal.addEventListener('abort', shutdown, { once: true });

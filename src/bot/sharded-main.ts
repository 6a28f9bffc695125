import dotenv from 'dotenv';
import { launchSharded } from './sharding.js';

// `npm run start:sharded`: the bot under discord.js's ShardingManager, one process per shard.
dotenv.config({ quiet: true });
const launched = await launchSharded(process.env);
if (!launched.ok) process.exit(launched.exitCode);

const { stop } = launched;
const shutdown = () => {
  stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

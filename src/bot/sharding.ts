import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiscordAPIError, REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { createLogger, type Logger } from '../logger.js';
import { errorDetails } from './error-details.js';
import { botConfig, TOKEN_REJECTED } from './settings.js';
import { relayReloads } from './shard-reload.js';

/**
 * The shard count Discord recommends, from `/gateway/bot` of `apiUrl`.
 * (discord.js's own `fetchRecommendedShardCount`, which `ShardingManager`
 * uses for `'auto'`, always asks discord.com and would ignore `DISCORD_API_URL`.)
 */
export async function recommendedShardCount(token: string, apiUrl: string): Promise<number> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

/** The file each shard process runs: the bot's own entry, compiled (`dist`) or, under tsx, the source with the same loader. */
export function shardEntry(): { file: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./main.js', import.meta.url));
  const file = fs.existsSync(js) ? js : fileURLToPath(new URL('./main.ts', import.meta.url));
  return { file, execArgv: [...process.execArgv] };
}

/** Options for {@link launchSharded}. */
export interface ShardedOptions {
  stderr?: (text: string) => void;
  writeLog?: (line: string) => void;
  /** Wait between starting shards (Discord allows one IDENTIFY per 5 s per bucket). Default 5.5 s, discord.js's. */
  spawnDelayMs?: number;
  /** How long a shard may take to become ready (loading the model, maybe building the index). Default 5 min. */
  readyTimeoutMs?: number;
}

/** Running shards, or the exit code of a failed start (2 bad setup, 1 crash). */
export type ShardedResult = { ok: true; manager: ShardingManager; logger: Logger; stop(): Promise<void> } | { ok: false; exitCode: 1 | 2 };

function pid(shard: Shard): number | undefined {
  return shard.process?.pid;
}

/**
 * Starts the bot under discord.js's `ShardingManager`: one process per
 * shard, each running the bot's normal entry (discord.js hands it `SHARDS`
 * and `SHARD_COUNT`), respawned when it dies. Settings are checked here
 * first, so a mistake is reported once rather than by every shard.
 */
export async function launchSharded(env: NodeJS.ProcessEnv, options: ShardedOptions = {}): Promise<ShardedResult> {
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const config = botConfig(env, stderr);
  if (!config) return { ok: false, exitCode: 2 };
  const token = config.discord.token!;
  const logger = createLogger({ level: config.logLevel, ...(options.writeLog ? { write: options.writeLog } : {}) });
  let count: number;
  try {
    count = config.shardCount === 'auto' ? await recommendedShardCount(token, config.discord.apiUrl) : config.shardCount;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      stderr(`error: ${TOKEN_REJECTED}\n`);
      return { ok: false, exitCode: 2 };
    }
    logger.fatal({ error: errorDetails(error, [token]) }, 'Could not ask Discord how many shards to run');
    return { ok: false, exitCode: 1 };
  }

  const { file, execArgv } = shardEntry();
  const manager = new ShardingManager(file, { totalShards: count, token, respawn: true, mode: 'process', execArgv });
  manager.on('shardCreate', (shard) => {
    shard.on('spawn', () => logger.info({ shard: shard.id, pid: pid(shard) }, 'Shard process started'));
    shard.on('ready', () => logger.info({ shard: shard.id, pid: pid(shard) }, 'Shard ready'));
    shard.on('death', (child) => {
      const { exitCode, signalCode } = child as ChildProcess;
      logger.warn({ shard: shard.id, pid: (child as ChildProcess).pid, exitCode, signal: signalCode }, 'Shard process exited; starting it again');
    });
    relayReloads(manager, shard, logger);
    shard.on('error', (error) => logger.error({ shard: shard.id, error: errorDetails(error, [token]) }, 'Shard error'));
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const children = [...manager.shards.values()].map((s) => s.process).filter((c): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null);
      const exited = children.map((c) => new Promise((resolve) => c.once('exit', resolve)));
      for (const shard of manager.shards.values()) shard.kill(); // no respawn: kill() drops the exit listener
      await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
      logger.info('All shards stopped');
    })());

  logger.info({ shards: count, requested: config.shardCount, file }, 'Starting shards');
  try {
    await manager.spawn({ amount: count, delay: options.spawnDelayMs ?? 5500, timeout: options.readyTimeoutMs ?? 300_000 });
  } catch (error) {
    logger.fatal({ error: errorDetails(error, [token]) }, 'A shard could not start');
    await stop();
    return { ok: false, exitCode: 1 };
  }
  logger.info({ shards: count }, 'All shards ready');
  return { ok: true, manager, logger, stop };
}

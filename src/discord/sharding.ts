import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { createLogger, type Logger } from '../logger.js';
import { errorDetails } from '../app/error-details.js';
import { BOT_KEYS, botSettings, isTokenRejected, TOKEN_REJECTED } from './config.js';
import { relayReloads } from './shard-reload.js';
import { envSecrets } from '../app/secrets.js';
import { unreachableError, unreachableMessage } from './unreachable.js';

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
  /**
   * Aborted (SIGINT/SIGTERM) before every shard is ready: the start ends,
   * the shards started so far stop, and the result is exit code 0. Once the
   * start has succeeded, stopping is the caller's, through `stop()`.
   */
  signal?: AbortSignal;
}

/**
 * Running shards, or the exit code of a start that ended: 2 bad setup,
 * 1 crash, 0 stopped by {@link ShardedOptions.signal} before it was up.
 */
export type ShardedResult = { ok: true; manager: ShardingManager; logger: Logger; stop(): Promise<void> } | { ok: false; exitCode: 0 | 1 | 2 };

/** How long {@link launchSharded}'s stop waits for the shard processes (each drains for up to 10 s). */
const STOP_TIMEOUT_MS = 15_000;

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
  const settings = botSettings(env, stderr, BOT_KEYS);
  if (!settings) return { ok: false, exitCode: 2 };
  const { config, discord } = settings;
  const token = discord.token!;
  const secrets = envSecrets(env);
  const logger = createLogger({ level: config.logLevel, ...(options.writeLog ? { write: options.writeLog } : {}) });
  let count: number;
  try {
    count = discord.shardCount === 'auto' ? await recommendedShardCount(token, discord.apiUrl) : discord.shardCount;
  } catch (error) {
    if (isTokenRejected(error)) {
      stderr(`error: ${TOKEN_REJECTED}\n`);
      return { ok: false, exitCode: 2 };
    }
    const unreachable = unreachableError(error);
    if (unreachable) {
      stderr(`error: ${unreachableMessage(discord.apiUrl, unreachable)}\n`);
      return { ok: false, exitCode: 2 };
    }
    logger.fatal({ error: errorDetails(error, secrets) }, 'Could not ask Discord how many shards to run');
    return { ok: false, exitCode: 1 };
  }

  const { file, execArgv } = shardEntry();
  const manager = new ShardingManager(file, { totalShards: count, token, respawn: true, mode: 'process', execArgv });
  /** Set once {@link stop} begins: shard exits are then expected, and none is restarted. */
  let stopping = false;
  /** The exits expected since stopping began, by process. */
  const stopped = new Map<ChildProcess, Promise<void>>();
  /** Resolves once `child` has exited, logging it once as a normal stop (a warning when it failed). */
  const whenStopped = (shard: Shard, child: ChildProcess): Promise<void> => {
    let exited = stopped.get(child);
    if (!exited) {
      exited = new Promise<void>((resolve) => {
        const log = () => {
          const { exitCode, signalCode, pid: childPid } = child;
          const fields = { shard: shard.id, pid: childPid, exitCode, signal: signalCode };
          if (exitCode === 0 || signalCode === 'SIGTERM' || signalCode === 'SIGINT') logger.info(fields, 'Shard process stopped');
          else logger.warn(fields, 'Shard process stopped with an error');
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) log();
        else child.once('exit', log);
      });
      stopped.set(child, exited);
    }
    return exited;
  };
  /** True once every expected exit has happened; false if some had not after {@link STOP_TIMEOUT_MS}. */
  const allStopped = async (): Promise<boolean> => {
    const timer = new AbortController();
    const timeout = delay(STOP_TIMEOUT_MS, false, { signal: timer.signal }).catch(() => false);
    try {
      for (let waited = 0; waited < stopped.size; ) {
        waited = stopped.size; // exits added meanwhile (a shard spawned while stopping) are waited for too
        if (!(await Promise.race([Promise.all(stopped.values()).then(() => true), timeout]))) return false;
      }
      return true;
    } finally {
      timer.abort();
    }
  };
  manager.on('shardCreate', (shard) => {
    shard.on('spawn', (child) => {
      logger.info({ shard: shard.id, pid: pid(shard) }, 'Shard process started');
      if (!stopping) return;
      // Started by the spawn loop after stopping began: stop it too (once discord.js waits for it, so its start fails).
      void whenStopped(shard, child as ChildProcess);
      queueMicrotask(() => shard.process && shard.kill());
    });
    shard.on('ready', () => logger.info({ shard: shard.id, pid: pid(shard) }, 'Shard ready'));
    shard.on('death', (child) => {
      const exited = child as ChildProcess;
      // While stopping, discord.js reports each shard it kills (or that exits on the same signal) as a death.
      if (stopping) return void whenStopped(shard, exited);
      const { exitCode, signalCode } = exited;
      logger.warn({ shard: shard.id, pid: exited.pid, exitCode, signal: signalCode }, 'Shard process exited; starting it again');
    });
    relayReloads(manager, shard, logger);
    shard.on('error', (error) => logger.error({ shard: shard.id, error: errorDetails(error, secrets) }, 'Shard error'));
  });

  let stopRun: Promise<void> | undefined;
  const stop = () =>
    (stopRun ??= (async () => {
      stopping = true;
      manager.respawn = false; // a shard exiting on its own now (SIGINT reaches the whole process group) stays down
      const running = [...manager.shards.values()].filter((s) => s.process);
      for (const shard of running) void whenStopped(shard, shard.process!);
      for (const shard of running) shard.kill(); // no respawn: kill() drops discord.js's exit listener
      if (await allStopped()) logger.info('All shards stopped');
      else logger.warn({ timeoutMs: STOP_TIMEOUT_MS }, 'Some shard processes had not exited in time; they stop when they notice the manager is gone');
    })());

  if (options.signal?.aborted) return { ok: false, exitCode: 0 };
  const stopStarting = () => void stop();
  options.signal?.addEventListener('abort', stopStarting, { once: true });
  logger.info({ shards: count, requested: discord.shardCount, file }, 'Starting shards');
  try {
    await manager.spawn({ amount: count, delay: options.spawnDelayMs ?? 5500, timeout: options.readyTimeoutMs ?? 300_000 });
  } catch (error) {
    if (stopping) return stoppedWhileStarting();
    logger.fatal({ error: errorDetails(error, secrets) }, 'A shard could not start');
    await stop();
    return { ok: false, exitCode: 1 };
  } finally {
    options.signal?.removeEventListener('abort', stopStarting);
  }
  if (stopping) return stoppedWhileStarting();
  logger.info({ shards: count }, 'All shards ready');
  return { ok: true, manager, logger, stop };

  async function stoppedWhileStarting(): Promise<ShardedResult> {
    await stop();
    if (!(await allStopped())) logger.warn({ timeoutMs: STOP_TIMEOUT_MS }, 'Some shard processes had not exited in time');
    logger.info('Stopped before every shard was ready');
    return { ok: false, exitCode: 0 };
  }
}

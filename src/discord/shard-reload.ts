import { randomBytes } from 'node:crypto';
import type { Client, Shard, ShardingManager } from 'discord.js';
import type { IndexService, ShardGeneration } from '../index/index-service.js';
import type { Logger } from '../logger.js';
import { errorDetails } from '../app/error-details.js';

/**
 * How a reindex reaches every shard. The shard that rebuilt sends the
 * manager a {@link ReloadRequest}; the manager evaluates the reload hook in
 * each ready shard (`Shard#eval`, the engine behind `broadcastEval`) and
 * answers with a {@link ReloadReply} naming the generation each serves. A
 * shard that is down or still starting is reported as such: it reads
 * `CURRENT` (the newest generation) when it becomes ready.
 */
export const RELOAD_HOOK = 'dateline.index.reload';

interface ReloadRequest {
  dateline: 'reload-all';
  nonce: string;
}

interface ReloadReply {
  dateline: 'reload-all-done';
  nonce: string;
  shards: ShardGeneration[];
}

/** What a shard's reload hook answers. */
interface ShardReloadResult {
  generation: string;
}

/** How long one shard gets to load the new generation before the report calls it unreachable. */
const SHARD_RELOAD_TIMEOUT_MS = 60_000;
/** How long the rebuilding shard waits for the manager's answer. */
const RELOAD_ALL_TIMEOUT_MS = SHARD_RELOAD_TIMEOUT_MS + 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer in ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const isRequest = (m: unknown): m is ReloadRequest => (m as ReloadRequest | null)?.dateline === 'reload-all';
const isReply = (m: unknown, nonce: string): m is ReloadReply => (m as ReloadReply | null)?.dateline === 'reload-all-done' && (m as ReloadReply).nonce === nonce;

/** Manager side: has one ready shard reload the index; says what it serves, or why it could not. */
async function reloadShard(shard: Shard, timeoutMs: number): Promise<ShardGeneration> {
  if (!shard.ready) return { shard: shard.id, error: 'down or starting; it loads the newest index when ready' };
  // A fresh nonce makes each script unique: discord.js shares evals of the same text.
  const context = { key: RELOAD_HOOK, nonce: randomBytes(6).toString('hex') };
  try {
    const result = (await withTimeout(
      shard.eval(async (c: Client, ctx: typeof context) => {
        const hook = (c as unknown as Record<symbol, (() => Promise<ShardReloadResult>) | undefined>)[Symbol.for(ctx.key)];
        if (!hook) throw new Error('the shard is still starting');
        return hook();
      }, context),
      timeoutMs,
      `Shard ${shard.id}`,
    )) as ShardReloadResult;
    return { shard: shard.id, generation: result.generation };
  } catch (error) {
    return { shard: shard.id, error: (error as Error)?.message ?? String(error) };
  }
}

/** Manager side: has every ready shard reload, and tells the shard that asked. */
export async function reloadShards(manager: ShardingManager, timeoutMs = SHARD_RELOAD_TIMEOUT_MS): Promise<ShardGeneration[]> {
  const shards = [...manager.shards.values()].sort((a, b) => a.id - b.id);
  return Promise.all(shards.map((shard) => reloadShard(shard, timeoutMs)));
}

/**
 * Manager side: answers shards' reload requests, and has a shard reload
 * each time it becomes ready (call once per shard, on `shardCreate`). The
 * shard also reloads itself when ready, but a rebuild that finishes after
 * that and before the manager counts the shard as ready would skip it.
 */
export function relayReloads(manager: ShardingManager, shard: Shard, logger: Logger): void {
  shard.on('ready', () => {
    void reloadShard(shard, SHARD_RELOAD_TIMEOUT_MS).then((result) =>
      result.error
        ? logger.warn({ shard: shard.id, error: result.error }, 'Could not bring a ready shard up to the newest index')
        : logger.info({ shard: shard.id, generation: result.generation }, 'Shard serves the newest index'),
    );
  });
  shard.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    void reloadShards(manager).then(async (shards) => {
      logger.info({ from: shard.id, shards }, 'Every shard asked to reload the index');
      const reply: ReloadReply = { dateline: 'reload-all-done', nonce: message.nonce, shards };
      await shard.send(reply).catch((error: unknown) => logger.warn({ shard: shard.id, error: errorDetails(error, []) }, 'Could not answer a reload request'));
    });
  });
}

/** Shard side: asks the manager to have every shard reload, and resolves with what each serves. */
export async function reloadAllShards(client: Client, timeoutMs = RELOAD_ALL_TIMEOUT_MS): Promise<ShardGeneration[]> {
  if (!client.shard || !process.send) return [];
  const nonce = randomBytes(8).toString('hex');
  let listener: ((m: unknown) => void) | undefined;
  const reply = new Promise<ShardGeneration[]>((resolve) => {
    listener = (m: unknown) => void (isReply(m, nonce) && resolve(m.shards));
    process.on('message', listener);
  });
  try {
    const request: ReloadRequest = { dateline: 'reload-all', nonce };
    await client.shard.send(request);
    return await withTimeout(reply, timeoutMs, 'The sharding manager');
  } finally {
    process.off('message', listener!);
  }
}

/**
 * Shard side: exposes {@link IndexService.reload} to the manager's evals,
 * and after each `/reindex` has every shard reload and reports what they
 * serve. Returns a function to call once the client is ready (a shard that
 * started during a rebuild catches up there).
 */
export function wireShardReload(client: Client, index: IndexService, logger: Logger): () => Promise<void> {
  const hook = async (): Promise<ShardReloadResult> => ({ generation: await index.reload() });
  Object.defineProperty(client, Symbol.for(RELOAD_HOOK), { value: hook, configurable: true });
  index.afterReindex = async (report) => {
    try {
      return await reloadAllShards(client);
    } catch (error) {
      logger.warn({ generation: report.generation, error: errorDetails(error, []) }, 'Could not reach the other shards after the rebuild');
      const ids = client.shard?.ids ?? [];
      return ids.map((shard) => ({ shard, generation: report.generation }));
    }
  };
  return async () => {
    try {
      await index.reload();
    } catch (error) {
      logger.warn({ error: errorDetails(error, []) }, 'Could not reload the index after the shard started');
    }
  };
}

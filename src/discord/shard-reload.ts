import { randomBytes } from 'node:crypto';
import type { Client, Shard, ShardingManager } from 'discord.js';
import { literal } from '../app/format.js';
import type { IndexService, ReindexReport } from '../index/index-service.js';
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

/** What one shard serves after a reindex, or why it could not say. */
export interface ShardGeneration {
  shard: number;
  generation?: string;
  /** Why the shard did not answer (down, restarting, reload failed). */
  error?: string;
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

/** What a shard wires up: a catch-up to run once ready, and the reload of every shard after a `/reindex`. */
export interface ShardReload {
  /** Loads the generation `CURRENT` names (a shard that started during a rebuild catches up here). */
  catchUp(): Promise<void>;
  /** Has every shard load the new generation; resolves to the report's lines on what each serves. */
  afterReindex(report: ReindexReport): Promise<readonly string[]>;
}

/**
 * Shard side: exposes {@link IndexService.reload} to the manager's evals,
 * and gives the `/reindex` flow the reload of every shard (see {@link ShardReload}).
 */
export function wireShardReload(client: Client, index: IndexService, logger: Logger): ShardReload {
  const hook = async (): Promise<ShardReloadResult> => ({ generation: await index.reload() });
  Object.defineProperty(client, Symbol.for(RELOAD_HOOK), { value: hook, configurable: true });
  const reloadAll = async (report: ReindexReport): Promise<ShardGeneration[]> => {
    try {
      return await reloadAllShards(client);
    } catch (error) {
      logger.warn({ generation: report.generation, error: errorDetails(error, []) }, 'Could not reach the other shards after the rebuild');
      const ids = client.shard?.ids ?? [];
      return ids.map((shard) => ({ shard, generation: report.generation }));
    }
  };
  return {
    catchUp: async () => {
      try {
        await index.reload();
      } catch (error) {
        logger.warn({ error: errorDetails(error, []) }, 'Could not reload the index after the shard started');
      }
    },
    afterReindex: async (report) => shardLines(report.generation, await reloadAll(report)),
  };
}

/** The report's lines under sharding: which generation each shard serves after the reindex. */
export function shardLines(generation: string, shards: readonly ShardGeneration[]): string[] {
  if (!shards.length) return [];
  const ok = shards.filter((s) => s.generation === generation).length;
  const head =
    ok === shards.length
      ? `All ${shards.length} shards serve ${literal(generation)}.`
      : `${ok} of ${shards.length} shards serve ${literal(generation)}; a shard that is down loads it when it starts.`;
  const each = shards.map((s) =>
    s.generation ? `Shard ${s.shard}: ${literal(s.generation)}${s.generation === generation ? '' : ' (older)'}` : `Shard ${s.shard}: not reloaded (${literal(s.error ?? 'no answer')})`,
  );
  return [head, ...each];
}

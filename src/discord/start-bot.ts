import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { CoreContext } from '../core-context.js';
import { ErrorId, UserFacingError } from '../errors.js';
import type { BotCommand } from '../app/command.js';
import { createDiscordContext } from './discord-context.js';
import { errorDetails } from '../app/error-details.js';
import { eventLoopLag } from './event-loop-lag.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import { createInteractionHandler } from './interaction-handler.js';
import { createMentionHandler } from './mention-handler.js';
import { loadCommands } from '../app/load-commands.js';
import { NO_PINGS } from './respond.js';
import { missingSettingMessage, type BotConfig } from './config.js';
import { wireShardReload } from './shard-reload.js';

/**
 * discord.js paces all REST requests except interaction callbacks to 50 per
 * second, Discord's global limit. Interaction endpoints (callbacks, and the
 * edits and follow-ups sent with the interaction token) are not bound by
 * that limit, and they are all this bot sends once logged in; at 50 per
 * second a burst of deferred answers would wait seconds for their edits.
 * A real global 429 from Discord still pauses every request.
 */
const INTERACTION_REQUESTS_PER_SECOND = 500;

/**
 * discord.js keeps a REST queue per interaction token that received an edit
 * or follow-up (one per deferred answer) until a sweep finds it idle; its
 * default sweep runs hourly, which lets a busy hour's queues pile up.
 */
const REST_QUEUE_SWEEP_MS = 60_000;

/**
 * The error a login fails with when the gateway closed with 4004
 * (authentication failed) though the REST API took the token: code
 * `TokenInvalid`, as discord.js reports a token REST refused, so the
 * launcher tells the person to fix the token (exit 2) either way.
 */
function gatewayRefusedToken(cause: unknown): Error {
  return Object.assign(new Error('The Discord gateway refused the token (close code 4004, authentication failed).', { cause }), { code: 'TokenInvalid' });
}

/** Options for {@link startBot}. */
export interface StartBotOptions {
  /** Bot token. Default `DISCORD_TOKEN` (`config.discord.token`). */
  token?: string;
  /** Commands to serve. Default: {@link loadCommands}. */
  commands?: ReadonlyMap<string, BotCommand>;
  /** Defer work still running after this many ms (Discord allows 3 s). Default `DEFER_THRESHOLDS.deferAfterMs` (1500, see defer-policy.ts). */
  deferAfterMs?: number;
  /** Clock for the `/ask` cooldown. Default `Date.now`. */
  now?: () => number;
  /** Extra discord.js client options (e.g. `ws.buildIdentifyThrottler` in tests); merged over the bot's. */
  clientOptions?: Partial<ClientOptions>;
  /** How long {@link RunningBot.stop} waits for interactions in flight. Default 10 s. */
  drainMs?: number;
  /** Answers computed at the same time; the others queue in arrival order. Default 4. */
  answerConcurrency?: number;
  /** Feedback database to use. Default: `feedback.sqlite` in `config.dataDir`, closed on stop. */
  feedback?: FeedbackStore;
}

/** A logged-in bot. */
export interface RunningBot {
  client: Client<true>;
  commands: ReadonlyMap<string, BotCommand>;
  /** Stops taking interactions, lets those in flight finish (up to `drainMs`), then disconnects. */
  stop(): Promise<void>;
}

/**
 * Logs in to Discord (or whatever `config.discord.apiUrl` points at: the
 * gateway address comes from that API's `/gateway/bot`), serves the slash
 * commands, and resolves once the client is ready.
 */
export async function startBot(app: CoreContext, config: BotConfig, options: StartBotOptions = {}): Promise<RunningBot> {
  const { logger } = app;
  const token = options.token ?? config.discord.token;
  if (!token) throw new UserFacingError(ErrorId.BadConfig, missingSettingMessage('DISCORD_TOKEN'));
  const commands = options.commands ?? (await loadCommands());
  const client = new Client({
    // GuildMessages (not privileged) delivers messages that mention the bot with their text.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    // With GuildMessages every message of every channel arrives; the bot never reads old ones, so it keeps none
    // (discord.js would keep 200 per channel).
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    allowedMentions: NO_PINGS,
    ...options.clientOptions,
    rest: {
      api: config.discord.apiUrl,
      globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND,
      handlerSweepInterval: REST_QUEUE_SWEEP_MS,
      ...options.clientOptions?.rest,
    },
  });

  // Under discord.js's ShardingManager: reload when a sibling shard rebuilt the index, and have all reload after /reindex.
  const shardReload = client.shard ? wireShardReload(client, app.index, logger) : undefined;
  const ctx = createDiscordContext(app, config, { ...options, ...(shardReload ? { afterReindex: shardReload.afterReindex } : {}) });
  const feedback = ctx.feedback;
  const closeFeedback = () => {
    if (!options.feedback) feedback.close();
    ctx.settings.close();
  };

  const handle = createInteractionHandler(commands, ctx);
  const inFlight = new Set<Promise<void>>();
  const onInteraction = (interaction: Parameters<typeof handle>[0]) => {
    const running = handle(interaction).finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  const handleMention = createMentionHandler(ctx);
  const onMessage = (message: Parameters<typeof handleMention>[0]) => {
    const running = handleMention(message).finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.Error, (error) => logger.error({ error: errorDetails(error, [token]) }, 'Discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  /** Why the gateway closed for good, if it did: during login, the reason the login failed. */
  let closedWith: number | undefined;
  client.on(Events.ShardDisconnect, (event, shard) => {
    closedWith = event.code;
    logger.warn({ shard, code: event.code }, 'Gateway connection closed for good');
  });
  const onReconnecting = (shard: number) => logger.info({ shard }, 'Reconnecting to the gateway');
  client.on(Events.ShardReconnecting, onReconnecting);
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'Gateway session resumed'));

  // Interactions that come while the event loop lags are deferred at once (see defer-policy.ts).
  const unwatchLag = eventLoopLag.watch();
  try {
    await Promise.all([once(client, Events.ClientReady), client.login(token)]);
  } catch (error) {
    await client.destroy();
    closeFeedback();
    unwatchLag();
    throw closedWith === GatewayCloseCodes.AuthenticationFailed ? gatewayRefusedToken(error) : error;
  }
  const user = client.user!;
  if (config.discord.clientId && client.application?.id !== config.discord.clientId) {
    logger.warn({ configured: config.discord.clientId, actual: client.application?.id }, 'DISCORD_CLIENT_ID is not the application this token belongs to');
  }
  await shardReload?.catchUp();
  const shards = client.shard ? { shards: client.shard.ids, shardCount: client.shard.count, generation: app.index.generation() } : {};
  logger.info({ user: user.id, name: user.username, guilds: client.guilds.cache.size, commands: [...commands.keys()], ...shards }, 'Discord bot ready');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.MessageCreate, onMessage);
      const drainMs = options.drainMs ?? 10_000;
      logger.info({ inFlight: inFlight.size, drainMs }, 'Stopping: no new interactions; finishing those in flight');
      const timer = new AbortController();
      await Promise.race([Promise.allSettled([...inFlight]), delay(drainMs, undefined, { signal: timer.signal })]);
      timer.abort();
      client.off(Events.ShardReconnecting, onReconnecting); // discord.js reports its own disconnect as one
      await client.destroy();
      closeFeedback();
      unwatchLag();
      logger.info('Discord bot stopped');
    })());
  return { client: client as Client<true>, commands, stop };
}

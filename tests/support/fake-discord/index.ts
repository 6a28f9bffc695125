import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  type APIUser,
  type GatewayIdentifyData,
} from 'discord-api-types/v10';
import { Gateway } from './gateway.js';
import { InteractionExchange, MessageStore, type ChannelMessageRecord } from './messages.js';
import {
  botPermissions,
  commandOptions,
  findChannel,
  interactionChannel,
  member,
  PERMISSIONS,
  resolvedChannels,
  rolePayload,
  snowflake,
  user,
  type FakeGuild,
  type FakeMessage,
  type FakeThread,
  type InteractionPayload,
  type Invoker,
  type OptionValue,
  type UserMessage,
} from './payloads.js';
import { RestApi, rateLimited, type FakeResponse, type RecordedRequest, type RegisteredCommands, type RequestHook } from './rest.js';

/**
 * A small stand-in for Discord on 127.0.0.1, for end-to-end tests with the
 * real discord.js client: the REST API under `/api/v10` (gateway info,
 * command registration, interaction callbacks and webhooks; `rest.ts`) and a
 * gateway websocket (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats,
 * RESUME with replay; `gateway.ts`). Point a client at it with
 * `rest: { api: fake.apiUrl }`.
 *
 * Users can run slash commands ({@link FakeDiscord.command}), message commands
 * ({@link FakeDiscord.messageCommand}) and autocomplete
 * ({@link FakeDiscord.autocomplete}), click buttons and pick from selects on a
 * message ({@link FakeDiscord.component}), and write in a guild's channels
 * ({@link FakeDiscord.userMessage}); {@link Invoker.channelId} picks the
 * channel or thread (a guild has the text channels its options name, default
 * `general`). Messages keep their ids and latest state (`messages.ts`), so a
 * message the bot posted can be clicked later; the bot's channel and thread
 * messages (`POST`/`PATCH /channels/:id/messages`) land in
 * {@link FakeDiscord.channelMessages} and come back as MESSAGE_CREATE /
 * MESSAGE_UPDATE, as Discord echoes them.
 *
 * Threads: `POST /channels/:id/messages/:id/threads` opens a public thread
 * (type 11) on a message, with the message's id, answers it and dispatches
 * THREAD_CREATE; later GUILD_CREATEs list it, so a restarted bot knows it.
 * The bot is a member of each guild with its own role, whose permissions
 * ({@link PERMISSIONS.bot} by default, Create Public Threads included) a
 * guild option or {@link FakeDiscord.setBotPermissions} sets: discord.js's
 * `permissionsFor` computes from them, and the thread routes check them.
 *
 * Hooks for fault tests: {@link FakeDiscord.onRequest} answers chosen REST
 * requests itself (429, 500, delays), {@link FakeDiscord.closeGateway} closes
 * sockets with a code (1006 drops them without a close frame),
 * {@link FakeDiscord.refuseResume} forces a new IDENTIFY. With `shards: n`, it
 * recommends n shards, takes one IDENTIFY per shard and routes each guild's
 * events to shard `(guild_id >> 22) % n`, as Discord does. Each exchange
 * records the callbacks it refused (too late, or a second acknowledgement),
 * and the fake records the close codes clients sent.
 *
 * An interaction sent with {@link Invoker.createdMsAgo} reaches the bot late:
 * Discord created it earlier (its id says so, and its 3-second window counts
 * from then), as when the gateway or a busy bot process is behind.
 */

export { InteractionExchange, type ChannelMessageRecord, type InteractionResponse, type RefusedCallback } from './messages.js';
export {
  PERMISSIONS,
  snowflake,
  type ChannelValue,
  type FakeChannel,
  type FakeGuild,
  type FakeMessage,
  type FakeThread,
  type InteractionPayload,
  type Invoker,
  type MessageBody,
  type OptionValue,
  type UserMessage,
} from './payloads.js';
export type { FakeResponse, RecordedRequest, RequestHook } from './rest.js';

/** Options for {@link FakeDiscord.start}. */
export interface FakeDiscordOptions {
  token?: string;
  /** Guilds the bot is in. Default one, with a "Moderators" role. */
  guilds?: {
    id?: string;
    name?: string;
    roles?: { id: string; name: string }[];
    /** Names of its text channels. Default `['general']`. */
    channels?: string[];
    /** The bot role's permissions (decimal bitfield). Default {@link PERMISSIONS.bot}, which can open threads. */
    botPermissions?: string;
  }[];
  heartbeatIntervalMs?: number;
  /** An interaction callback later than this after its creation is refused as Discord does (404, Unknown interaction). Default 3000. */
  ackDeadlineMs?: number;
  /**
   * Shards Discord requires: `/gateway/bot` recommends this many, and an
   * IDENTIFY with fewer is closed with 4011 (sharding required), one for a
   * shard outside the count with 4010 (invalid shard). Default 1.
   */
  shards?: number;
}

/** The fake Discord server; see the module comment. */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUser = { id: this.applicationId, username: 'dateline', discriminator: '0', global_name: 'Dateline', avatar: null, bot: true } satisfies APIUser;
  readonly guilds: FakeGuild[];
  /** Registered commands: `global`, or by guild id. */
  readonly commands: RegisteredCommands = { global: [], guilds: new Map() };
  /** A callback later than this many ms after the interaction's creation (its dispatch, unless delivered late) is refused (404 Unknown interaction), as Discord does after 3 s. */
  ackDeadlineMs: number;
  private readonly store: MessageStore;
  private readonly server = http.createServer((req, res) => void this.rest.handle(req, res));
  private readonly rest: RestApi;
  private readonly gateway: Gateway;
  private port = 0;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.token = options.token ?? `fake.${randomBytes(12).toString('hex')}`;
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3000;
    this.guilds = (options.guilds ?? [{ roles: [{ id: snowflake(), name: 'Moderators' }] }]).map((g, i) => {
      const channels = (g.channels ?? ['general']).map((name) => ({ id: snowflake(), name }));
      const roles = g.roles ?? [];
      return { id: g.id ?? snowflake(), name: g.name ?? `Guild ${i + 1}`, channelId: channels[0]!.id, channels, roles, botRoleId: snowflake(), botPermissions: g.botPermissions ?? PERMISSIONS.bot, threads: [] };
    });
    this.store = new MessageStore(this.botUser, this.applicationId);
    const { token, applicationId, botUser, guilds, commands, store } = this;
    this.gateway = new Gateway(this.server, { token, botUser, applicationId, guilds, url: () => this.gatewayUrl, heartbeatIntervalMs: options.heartbeatIntervalMs, shards: options.shards });
    this.rest = new RestApi({
      ...{ token, applicationId, botUser, guilds, commands, store },
      gatewayBot: () => ({ url: this.gatewayUrl, shards: options.shards ?? 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }),
      ackDeadlineMs: () => this.ackDeadlineMs,
      notify: (t, d, guildId) => this.gateway.notify(t, d, guildId),
    });
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** A 429 as Discord sends it; use from a {@link RequestHook}. */
  static rateLimited(retryAfterSeconds: number, global = false): FakeResponse {
    return rateLimited(retryAfterSeconds, global);
  }

  /** What `DISCORD_API_URL` / discord.js `rest.api` should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** REST requests received, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  /** IDENTIFY payloads accepted, in order. */
  get identifies(): readonly GatewayIdentifyData[] {
    return this.gateway.identifies;
  }

  /** RESUME requests the fake accepted. */
  get resumes(): number {
    return this.gateway.resumes;
  }

  /** Close codes the clients sent when they closed their gateway socket (1000 for a clean `client.destroy()`). */
  get clientCloses(): readonly number[] {
    return this.gateway.clientCloses;
  }

  /** Answer RESUME with "invalid session" so the client has to IDENTIFY again. */
  get refuseResume(): boolean {
    return this.gateway.refuseResume;
  }

  set refuseResume(refuse: boolean) {
    this.gateway.refuseResume = refuse;
  }

  /** Dispatched interactions by id. */
  get exchanges(): ReadonlyMap<string, InteractionExchange> {
    return this.store.exchanges;
  }

  /** Messages the bot sent or edited through the channel API, in order. */
  get channelMessages(): readonly ChannelMessageRecord[] {
    return this.store.channelMessages;
  }

  /** Adds a hook that may answer REST requests before the fake does; returns its remover. */
  onRequest(hook: RequestHook): () => void {
    return this.rest.onRequest(hook);
  }

  /**
   * Sends a slash command as INTERACTION_CREATE; option types are inferred
   * (string, integer, boolean, number; `{ channel: id }` is a channel option,
   * resolved as Discord does).
   */
  command(name: string, options: Record<string, OptionValue> = {}, who: Invoker = {}): InteractionExchange {
    const resolved = resolvedChannels(this.origin(who).guild, options);
    return this.interact(InteractionType.ApplicationCommand, { data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options: commandOptions(options), ...(resolved ? { resolved } : {}) } }, who);
  }

  /**
   * Clicks a button (`componentType` 2, the default) or picks `values` from a
   * string select (3) on `message`, such as {@link InteractionExchange.lastMessage};
   * it happens in the message's guild unless `who` says otherwise. The bot may
   * answer with callback 4, 5, 6 (deferred update) or 7 (update of `message`).
   */
  component(message: FakeMessage, customId: string, opts: { componentType?: 2 | 3; values?: string[] } = {}, who: Invoker = {}): InteractionExchange {
    const guild = findChannel(this.guilds, message.channel_id)?.guild;
    const componentType = opts.componentType ?? ComponentType.Button;
    const data = { custom_id: customId, component_type: componentType, ...(componentType === ComponentType.StringSelect || opts.values ? { values: opts.values ?? [] } : {}) };
    const where = guild ? { guildId: who.guildId ?? guild.id, channelId: who.channelId ?? message.channel_id } : {};
    return this.interact(InteractionType.MessageComponent, { data, message }, { ...who, ...where, dm: who.dm ?? !guild });
  }

  /** Sends an autocomplete request (type 4) for command `name` with option `focused` being typed (added empty if absent); the bot answers with callback 8. */
  autocomplete(name: string, options: Record<string, string | number | boolean>, focused: string, who: Invoker = {}): InteractionExchange {
    const typed = commandOptions(focused in options ? options : { ...options, [focused]: '' }).map((o) => (o.name === focused ? { ...o, focused: true } : o));
    return this.interact(InteractionType.ApplicationCommandAutocomplete, { data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options: typed } }, who);
  }

  /** Runs message command `name` (context menu, type 3) on a new message of another user in the channel of `who`. */
  messageCommand(name: string, target: { content: string; authorId?: string; authorName?: string }, who: Invoker = {}): InteractionExchange {
    const author = user({ userId: target.authorId ?? '300000000000000002', username: target.authorName ?? 'writer' });
    const message = this.store.keep(this.store.messageObject(this.origin(who).channelId, { content: target.content }, { author }));
    const data = { id: snowflake(), name, type: ApplicationCommandType.Message, target_id: message.id, resolved: { messages: { [message.id]: message } } };
    return this.interact(InteractionType.ApplicationCommand, { data }, who);
  }

  /**
   * Writes `content` in a channel of the guild of `who` (MESSAGE_CREATE): its
   * first channel, or `who.channelId`, which may be a thread (`channel_type`
   * 11). With `mentionBot`, the bot is in `mentions` and each `@bot` in
   * `content` becomes `<@botId>`. Guild messages only.
   */
  userMessage(content: string, opts: { mentionBot?: boolean; who?: Invoker } = {}): { id: string; message: UserMessage } {
    const who = opts.who ?? {};
    const { guild, channelId } = this.origin(who);
    if (!guild) throw new Error('userMessage: only guild messages are supported');
    const text = opts.mentionBot ? content.replaceAll('@bot', `<@${this.botUser.id}>`) : content;
    const mentions = opts.mentionBot ? [{ ...this.botUser, member: member({ roles: [guild.botRoleId] }) }] : [];
    const stored = this.store.keep(this.store.messageObject(channelId, { content: text }, { author: user(who), mentions }));
    const channelType = findChannel([guild], channelId)?.thread ? ChannelType.PublicThread : ChannelType.GuildText;
    const message: UserMessage = { ...stored, guild_id: guild.id, member: member(who), channel_type: channelType };
    this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, message, this.gateway.shardOf(guild.id));
    return { id: message.id, message };
  }

  /** The thread opened on message `id` (threads opened on a message share its id), if the bot opened one. */
  thread(id: string): FakeThread | undefined {
    return findChannel(this.guilds, id)?.thread;
  }

  /**
   * Gives the bot's role in `guildId` new permissions (decimal bitfield, on
   * top of @everyone's) and tells the bot (GUILD_ROLE_UPDATE), so discord.js's
   * `permissionsFor` computes them; the REST routes check them too (opening a
   * thread without Create Public Threads is refused with 50013).
   */
  setBotPermissions(guildId: string, permissions: string): void {
    const guild = this.guilds.find((g) => g.id === guildId);
    if (!guild) throw new Error(`setBotPermissions: no guild ${guildId}`);
    guild.botPermissions = permissions;
    this.gateway.notify(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guild.id, role: rolePayload(guild.botRoleId, this.botUser.username, permissions) }, guild.id);
  }

  /** Resolves with the channel messages matching `predicate` once there are `count` of them; rejects after `timeoutMs`. */
  waitForChannelMessages(count: number, predicate?: (m: ChannelMessageRecord) => boolean, timeoutMs?: number): Promise<ChannelMessageRecord[]> {
    return this.store.waitForChannelMessages(count, predicate, timeoutMs);
  }

  /** Sends a gateway event to the session serving `shard`; buffered for replay when that socket is down. */
  dispatch(t: string, d: unknown, shard = 0): void {
    this.gateway.dispatch(t, d, shard);
  }

  /** Closes the gateway sockets (of one shard, or all) with `code`; 1006 drops them without a close frame. */
  closeGateway(code = 4000, shard?: number): void {
    this.gateway.close(code, shard);
  }

  /** IDENTIFY payloads accepted for `shard` (one per shard unless a shard process restarted or lost its session). */
  identifiesFor(shard: number): GatewayIdentifyData[] {
    return this.identifies.filter((d) => (d.shard?.[0] ?? 0) === shard);
  }

  /** The shard a guild's events go to: `(guild_id >> 22) % shard_count`, as Discord routes them. */
  shardOfGuild(guildId: string, count = this.options.shards ?? 1): number {
    return this.gateway.shardOf(guildId, count);
  }

  /** Closes every socket and connection and stops listening. Destroy clients first. */
  async stop(): Promise<void> {
    this.gateway.stop();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Where an interaction or message of `who` comes from: the guild (none in a DM), the user and the channel (or thread). */
  private origin(who: Invoker): { guild: FakeGuild | undefined; user: APIUser; channelId: string } {
    const guild = who.dm ? undefined : (this.guilds.find((g) => g.id === who.guildId) ?? this.guilds[0]!);
    const u = user(who);
    if (guild && who.channelId && !findChannel([guild], who.channelId)) throw new Error(`No channel or thread ${who.channelId} in guild ${guild.id}`);
    return { guild, user: u, channelId: guild ? (who.channelId ?? guild.channelId) : u.id };
  }

  /** Dispatches INTERACTION_CREATE of `type` from `who` with `fields` (`data`, and `message` for components) and tracks its exchange. */
  private interact(type: InteractionType, fields: Pick<InteractionPayload, 'data' | 'message'>, who: Invoker): InteractionExchange {
    const { guild, user: u, channelId } = this.origin(who);
    const sentAt = Date.now();
    const createdAt = sentAt - (who.createdMsAgo ?? 0);
    const payload: InteractionPayload = {
      ...{ id: snowflake(createdAt), application_id: this.applicationId, type, token: `itoken.${randomBytes(16).toString('hex')}`, version: 1, ...fields },
      ...{ app_permissions: guild ? String(botPermissions(guild)) : PERMISSIONS.member, locale: 'en-US', entitlements: [], authorizing_integration_owners: guild ? { '0': guild.id } : { '1': u.id }, attachment_size_limit: 10_485_760 },
      ...(guild
        ? {
            ...{ guild_id: guild.id, guild_locale: 'en-US', context: InteractionContextType.Guild, channel_id: channelId },
            channel: interactionChannel(guild, channelId),
            member: { user: u, ...member(who), permissions: who.permissions ?? PERMISSIONS.member },
          }
        : { context: InteractionContextType.BotDM, user: u, channel_id: u.id, channel: { id: u.id, type: ChannelType.DM } }),
    };
    const exchange = this.store.track(new InteractionExchange(payload, sentAt, createdAt));
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, this.gateway.shardOf(guild?.id));
    return exchange;
  }
}

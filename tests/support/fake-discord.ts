import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A small stand-in for Discord on 127.0.0.1, for end-to-end tests with the
 * real discord.js client: the REST API under `/api/v10` (gateway info,
 * command registration, interaction callbacks and webhooks) and a gateway
 * websocket (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with
 * replay). Point a client at it with `rest: { api: fake.apiUrl }`.
 *
 * Users can run slash commands ({@link FakeDiscord.command}), message commands
 * ({@link FakeDiscord.messageCommand}) and autocomplete
 * ({@link FakeDiscord.autocomplete}), click buttons and pick from selects on a
 * message ({@link FakeDiscord.component}), and write in the guild's channel
 * ({@link FakeDiscord.userMessage}). Messages keep their ids and latest state,
 * so a message the bot posted can be clicked later; the bot's channel messages
 * (`POST`/`PATCH /channels/:id/messages`) land in
 * {@link FakeDiscord.channelMessages} and come back as MESSAGE_CREATE /
 * MESSAGE_UPDATE, as Discord echoes them.
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

const DISCORD_EPOCH = 1420070400000n;
let sequence = 0n;

/** A fresh snowflake id (18–19 digits, time-ordered) whose timestamp is `at` (ms since the epoch; default now). */
export function snowflake(at = Date.now()): string {
  return (((BigInt(Math.floor(at)) - DISCORD_EPOCH) << 22n) | (sequence++ & 0xfffn)).toString();
}

/** Permission bitfields as Discord sends them (decimal strings). */
export const PERMISSIONS = {
  /** View channel, send messages, read history, use application commands. */
  member: String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n)),
  manageGuild: String(1n << 5n),
  administrator: String(1n << 3n),
} as const;

/** A REST request as the fake received it; `path` is decoded and relative to `/api/v10`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  authorization: string | undefined;
}

/** What a hook answers instead of the fake's own handler. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answers a request itself (return a response) or lets the fake handle it (return undefined). */
export type RequestHook = (request: RecordedRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

/** A response of the bot to one interaction, in arrival order. */
export interface InteractionResponse {
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  /** Callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update of the clicked message, 8 autocomplete choices, 9 modal. */
  type?: number;
  /** The fields sent (`content`, `flags`, `allowed_mentions`, `embeds`, `components`, `choices`…). */
  data: any;
  /** The message it created, changed or deleted (none for deferred updates, autocomplete and modals). */
  messageId?: string;
  at: number;
}

/** A message the bot sent or edited through the channel API (`POST` / `PATCH /channels/:id/messages`). */
export interface ChannelMessageRecord {
  method: 'POST' | 'PATCH';
  channelId: string;
  messageId: string;
  /** The body sent (`content`, `components`, `flags`, `message_reference`, `allowed_mentions`…). */
  data: any;
  at: number;
}

/** Who runs a command, uses a component or writes a message. */
export interface Invoker {
  userId?: string;
  username?: string;
  /** Member permissions in the channel (decimal bitfield). Default {@link PERMISSIONS.member}. */
  permissions?: string;
  roles?: string[];
  /** Run it in a direct message instead of the first guild. */
  dm?: boolean;
  /** Guild to run it in. Default the first. */
  guildId?: string;
  /**
   * Interactions only: Discord created it this many ms before the fake
   * delivers it (its snowflake id says so, and the 3-second window counts
   * from then), as when the gateway or a busy bot process is behind. Default 0.
   */
  createdMsAgo?: number;
}

/** A guild the bot is in, with one text channel. */
export interface FakeGuild {
  id: string;
  name: string;
  channelId: string;
  roles: { id: string; name: string }[];
}

/** A callback the fake turned down, as Discord would: too late, or a second acknowledgement. */
export interface RefusedCallback {
  reason: 'expired' | 'already-acknowledged';
  at: number;
}

/** One dispatched interaction and what the bot answered. */
export class InteractionExchange {
  readonly responses: InteractionResponse[] = [];
  /** Callbacks refused: any entry means the bot tried to answer too late or twice. */
  readonly refused: RefusedCallback[] = [];
  acknowledged = false;
  expired = false;
  /** This exchange's messages by id, in their latest state: the original response (or the clicked message) and follow-ups. */
  readonly posted = new Map<string, any>();
  /** The message `@original` stands for, once acknowledged with one (the clicked message for callbacks 6 and 7). */
  originalId: string | undefined;
  private waiters: (() => void)[] = [];

  /**
   * @param sentAt when the fake dispatched it (ms since the epoch).
   * @param createdAt when Discord created it, as its id says; Discord's 3-second window counts from here. Default `sentAt`.
   */
  constructor(
    readonly payload: any,
    readonly sentAt: number,
    readonly createdAt = sentAt,
  ) {}

  get id(): string {
    return this.payload.id;
  }

  /** Visible messages: replies, updates of the clicked message, edits of the original and follow-ups (not deferrals). */
  messages(): InteractionResponse[] {
    return this.responses.filter((r) => r.kind === 'edit' || r.kind === 'followup' || (r.kind === 'callback' && (r.type === 4 || r.type === 7)));
  }

  /** The message the bot last posted or changed here, as Discord returns it (the original's latest state, or a follow-up); a copy. */
  lastMessage(): any {
    for (const r of [...this.responses].reverse()) {
      const message = r.kind === 'delete' || r.messageId === undefined ? undefined : this.posted.get(r.messageId);
      if (message) return structuredClone(message);
    }
    return undefined;
  }

  /** The choices of the autocomplete answer (callback type 8), if it came. */
  choices(): { name: string; value: string | number }[] | undefined {
    return this.responses.find((r) => r.kind === 'callback' && r.type === 8)?.data.choices;
  }

  /** Resolves once `predicate` holds (checked on every response); rejects after `timeoutMs`. */
  waitFor(predicate: (exchange: this) => boolean, timeoutMs = 15_000): Promise<this> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        this.waiters = this.waiters.filter((w) => w !== check);
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(this);
      };
      const check = () => void (predicate(this) && settle());
      const what = this.payload.data.custom_id ?? `/${this.payload.data.name}`;
      const timer = setTimeout(() => settle(new Error(`${what}: condition not met in ${timeoutMs} ms; responses: ${JSON.stringify(this.responses)}`)), timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  /** Resolves once `count` visible messages have arrived. */
  waitForMessages(count = 1, timeoutMs?: number): Promise<this> {
    return this.waitFor((x) => x.messages().length >= count, timeoutMs);
  }

  record(response: Omit<InteractionResponse, 'at'>): void {
    this.responses.push({ ...response, at: Date.now() });
    for (const waiter of [...this.waiters]) waiter();
  }
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  events: object[];
  socket: WebSocket | undefined;
}

/** Options for {@link FakeDiscord.start}. */
export interface FakeDiscordOptions {
  token?: string;
  /** Guilds the bot is in. Default one, with a "Moderators" role. */
  guilds?: { id?: string; name?: string; roles?: { id: string; name: string }[] }[];
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

/** The fake Discord server; see the file comment. */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUser = { id: this.applicationId, username: 'dateline', discriminator: '0', global_name: 'Dateline', avatar: null, bot: true };
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  /** Registered commands: `global`, or by guild id. */
  readonly commands = { global: [] as any[], guilds: new Map<string, any[]>() };
  readonly identifies: any[] = [];
  /** RESUME requests the fake accepted. */
  resumes = 0;
  /** Close codes the clients sent when they closed their gateway socket (1000 for a clean `client.destroy()`). */
  readonly clientCloses: number[] = [];
  /** Answer RESUME with "invalid session" so the client has to IDENTIFY again. */
  refuseResume = false;
  readonly exchanges = new Map<string, InteractionExchange>();
  /** Messages the bot sent or edited through the channel API, in order. */
  readonly channelMessages: ChannelMessageRecord[] = [];
  private readonly byToken = new Map<string, InteractionExchange>();
  /** Every message the fake knows (users', the bot's, interaction responses) by id, in its latest state. */
  private readonly stored = new Map<string, any>();
  private channelWaiters: (() => void)[] = [];
  /** A callback later than this many ms after the interaction's creation (its dispatch, unless delivered late) is refused (404 Unknown interaction), as Discord does after 3 s. */
  ackDeadlineMs: number;
  private readonly sessions = new Map<string, Session>();
  /** Sockets this fake is closing itself, whose close code is not the client's. */
  private readonly closing = new WeakSet<WebSocket>();
  private readonly hooks: RequestHook[] = [];
  private readonly server = http.createServer((req, res) => void this.handleHttp(req, res));
  private readonly wss = new WebSocketServer({ server: this.server });
  private port = 0;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.token = options.token ?? `fake.${randomBytes(12).toString('hex')}`;
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3000;
    this.guilds = (options.guilds ?? [{ roles: [{ id: snowflake(), name: 'Moderators' }] }]).map((g, i) => ({
      id: g.id ?? snowflake(),
      name: g.name ?? `Guild ${i + 1}`,
      channelId: snowflake(),
      roles: g.roles ?? [],
    }));
    this.wss.on('connection', (socket) => this.handleSocket(socket));
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What `DISCORD_API_URL` / discord.js `rest.api` should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** A 429 as Discord sends it; use from a {@link RequestHook}. */
  static rateLimited(retryAfterSeconds: number, global = false): FakeResponse {
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': global ? 'global' : 'user', ...(global ? { 'x-ratelimit-global': 'true' } : {}) },
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
    };
  }

  /** Adds a hook that may answer REST requests before the fake does; returns its remover. */
  onRequest(hook: RequestHook): () => void {
    this.hooks.push(hook);
    return () => this.hooks.splice(this.hooks.indexOf(hook), 1);
  }

  /** Sends a slash command as INTERACTION_CREATE; option types are inferred (string, integer, boolean, number). */
  command(name: string, options: Record<string, string | number | boolean> = {}, who: Invoker = {}): InteractionExchange {
    return this.interact(2, { data: { id: snowflake(), name, type: 1, options: commandOptions(options) } }, who);
  }

  /**
   * Clicks a button (`componentType` 2, the default) or picks `values` from a
   * string select (3) on `message`, such as {@link InteractionExchange.lastMessage};
   * it happens in the message's guild unless `who` says otherwise. The bot may
   * answer with callback 4, 5, 6 (deferred update) or 7 (update of `message`).
   */
  component(message: any, customId: string, opts: { componentType?: 2 | 3; values?: string[] } = {}, who: Invoker = {}): InteractionExchange {
    const guild = this.guilds.find((g) => g.channelId === message.channel_id);
    const componentType = opts.componentType ?? 2;
    const data = { custom_id: customId, component_type: componentType, ...(componentType === 3 || opts.values ? { values: opts.values ?? [] } : {}) };
    return this.interact(3, { data, message }, { ...who, guildId: who.guildId ?? guild?.id, dm: who.dm ?? !guild });
  }

  /** Sends an autocomplete request (type 4) for command `name` with option `focused` being typed (added empty if absent); the bot answers with callback 8. */
  autocomplete(name: string, options: Record<string, string | number | boolean>, focused: string, who: Invoker = {}): InteractionExchange {
    const typed = commandOptions(focused in options ? options : { ...options, [focused]: '' });
    return this.interact(4, { data: { id: snowflake(), name, type: 1, options: typed.map((o) => (o.name === focused ? { ...o, focused: true } : o)) } }, who);
  }

  /** Runs message command `name` (context menu, type 3) on a new message of another user in the channel of `who`. */
  messageCommand(name: string, target: { content: string; authorId?: string; authorName?: string }, who: Invoker = {}): InteractionExchange {
    const author = user({ userId: target.authorId ?? '300000000000000002', username: target.authorName ?? 'writer' });
    const message = this.keep(this.messageObject(this.origin(who).channelId, { content: target.content }, { author }));
    return this.interact(2, { data: { id: snowflake(), name, type: 3, target_id: message.id, resolved: { messages: { [message.id]: message } } } }, who);
  }

  /**
   * Writes `content` in the channel of the guild of `who` (MESSAGE_CREATE).
   * With `mentionBot`, the bot is in `mentions` and each `@bot` in `content`
   * becomes `<@botId>`. Guild messages only.
   */
  userMessage(content: string, opts: { mentionBot?: boolean; who?: Invoker } = {}): { id: string; message: any } {
    const who = opts.who ?? {};
    const { guild, channelId } = this.origin(who);
    if (!guild) throw new Error('userMessage: only guild messages are supported');
    const text = opts.mentionBot ? content.replaceAll('@bot', `<@${this.botUser.id}>`) : content;
    const mentions = opts.mentionBot ? [{ ...this.botUser, member: member({}) }] : [];
    const stored = this.keep(this.messageObject(channelId, { content: text }, { author: user(who), mentions }));
    const message = { ...stored, guild_id: guild.id, member: member(who), channel_type: 0 };
    this.dispatch('MESSAGE_CREATE', message, this.shardOf(guild.id));
    return { id: message.id, message };
  }

  /** Resolves with the channel messages matching `predicate` once there are `count` of them; rejects after `timeoutMs`. */
  waitForChannelMessages(count: number, predicate: (m: ChannelMessageRecord) => boolean = () => true, timeoutMs = 15_000): Promise<ChannelMessageRecord[]> {
    return new Promise((resolve, reject) => {
      const settle = (found?: ChannelMessageRecord[]) => {
        this.channelWaiters = this.channelWaiters.filter((w) => w !== check);
        clearTimeout(timer);
        if (found) resolve(found);
        else reject(new Error(`${count} channel messages not sent in ${timeoutMs} ms; have: ${JSON.stringify(this.channelMessages)}`));
      };
      const check = () => {
        const found = this.channelMessages.filter(predicate);
        if (found.length >= count) settle(found);
      };
      const timer = setTimeout(() => settle(), timeoutMs);
      this.channelWaiters.push(check);
      check();
    });
  }

  /** Sends a gateway event to the session serving `shard`; buffered for replay when that socket is down. */
  dispatch(t: string, d: unknown, shard = 0): void {
    const session = [...this.sessions.values()].reverse().find((s) => s.shard[0] === shard);
    if (!session) throw new Error(`No gateway session for shard ${shard}`);
    this.send(session, t, d);
  }

  /** Closes the gateway sockets (of one shard, or all) with `code`; 1006 drops them without a close frame. */
  closeGateway(code = 4000, shard?: number): void {
    for (const s of this.sessions.values()) {
      if (!s.socket || (shard !== undefined && s.shard[0] !== shard)) continue;
      this.closing.add(s.socket);
      if (code === 1006) s.socket.terminate();
      else s.socket.close(code, 'fake-discord');
    }
  }

  /** Closes every socket and connection and stops listening. Destroy clients first. */
  async stop(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Where an interaction or message of `who` comes from: the guild (none in a DM), the user and the channel. */
  private origin(who: Invoker): { guild: FakeGuild | undefined; user: any; channelId: string } {
    const guild = who.dm ? undefined : (this.guilds.find((g) => g.id === who.guildId) ?? this.guilds[0]!);
    const u = user(who);
    return { guild, user: u, channelId: guild?.channelId ?? u.id };
  }

  /** Dispatches INTERACTION_CREATE of `type` from `who` with `fields` (`data`, and `message` for components) and tracks its exchange. */
  private interact(type: 2 | 3 | 4, fields: { data: any; message?: any }, who: Invoker): InteractionExchange {
    const { guild, user: u } = this.origin(who);
    const sentAt = Date.now();
    const createdAt = sentAt - (who.createdMsAgo ?? 0);
    const payload = {
      id: snowflake(createdAt),
      application_id: this.applicationId,
      type,
      token: `itoken.${randomBytes(16).toString('hex')}`,
      version: 1,
      ...fields,
      app_permissions: PERMISSIONS.member,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: guild ? { '0': guild.id } : { '1': u.id },
      attachment_size_limit: 10_485_760,
      ...(guild
        ? {
            guild_id: guild.id,
            guild_locale: 'en-US',
            context: 0,
            channel_id: guild.channelId,
            channel: { id: guild.channelId, type: 0, guild_id: guild.id, name: 'general' },
            member: { user: u, ...member(who), permissions: who.permissions ?? PERMISSIONS.member },
          }
        : { context: 1, user: u, channel_id: u.id, channel: { id: u.id, type: 1 } }),
    };
    const exchange = new InteractionExchange(payload, sentAt, createdAt);
    this.exchanges.set(payload.id, exchange);
    this.byToken.set(payload.token, exchange);
    this.dispatch('INTERACTION_CREATE', payload, this.shardOf(guild?.id));
    return exchange;
  }

  private shardOf(guildId: string | undefined, count = this.shardCount()): number {
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
  }

  private shardCount(): number {
    return this.options.shards ?? [...this.sessions.values()].at(-1)?.shard[1] ?? 1;
  }

  private send(session: Session, t: string, d: unknown): void {
    const event = { op: 0, t, s: ++session.seq, d };
    session.events.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(event));
  }

  private handleSocket(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } }));
    socket.on('message', (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: number; d: any };
      if (op === 1) socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
      else if (op === 2) this.identify(socket, d);
      else if (op === 6) this.resume(socket, d);
    });
    socket.on('close', (code) => {
      if (!this.closing.has(socket)) this.clientCloses.push(code);
      for (const s of this.sessions.values()) if (s.socket === socket) s.socket = undefined;
    });
  }

  /** IDENTIFY payloads accepted for `shard` (one per shard unless a shard process restarted or lost its session). */
  identifiesFor(shard: number): any[] {
    return this.identifies.filter((d) => (d.shard?.[0] ?? 0) === shard);
  }

  /** The shard a guild's events go to: `(guild_id >> 22) % shard_count`, as Discord routes them. */
  shardOfGuild(guildId: string, count = this.options.shards ?? 1): number {
    return this.shardOf(guildId, count);
  }

  private identify(socket: WebSocket, d: any): void {
    if (d.token !== this.token) return socket.close(4004, 'Authentication failed.');
    const [id, count] = (d.shard ?? [0, 1]) as [number, number];
    if (!(Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count)) return socket.close(4010, 'Invalid shard.');
    if (count < (this.options.shards ?? 1)) return socket.close(4011, 'Sharding required.');
    this.identifies.push(d);
    const session: Session = { id: randomBytes(16).toString('hex'), shard: [id, count], seq: 0, events: [], socket };
    this.sessions.set(session.id, session);
    const guilds = this.guilds.filter((g) => this.shardOf(g.id, session.shard[1]) === session.shard[0]);
    this.send(session, 'READY', {
      v: 10,
      user: this.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: session.shard,
      application: { id: this.applicationId, flags: 0 },
    });
    for (const g of guilds) this.send(session, 'GUILD_CREATE', this.guildPayload(g));
  }

  private resume(socket: WebSocket, d: any): void {
    const session = this.sessions.get(d.session_id);
    if (!session || d.token !== this.token || this.refuseResume) return void socket.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
    this.resumes++;
    session.socket = socket;
    for (const event of session.events) if ((event as { s: number }).s > d.seq) socket.send(JSON.stringify(event));
    this.send(session, 'RESUMED', {});
  }

  private guildPayload(g: FakeGuild): object {
    const role = (id: string, name: string, permissions: string) => ({ id, name, permissions, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 });
    return {
      ...{ id: g.id, name: g.name, unavailable: false, owner_id: '300000000000000000', joined_at: new Date(0).toISOString(), member_count: 2, large: false, features: [] },
      roles: [role(g.id, '@everyone', PERMISSIONS.member), ...g.roles.map((r) => role(r.id, r.name, '0'))],
      channels: [{ id: g.channelId, type: 0, name: 'general', guild_id: g.id, position: 0, permission_overwrites: [] }],
      ...{ members: [], threads: [], presences: [], voice_states: [], emojis: [], stickers: [] },
    };
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiUrl);
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v10/, '').split('/').map(decodeURIComponent).join('/'),
      query: url.searchParams,
      body: raw && /json/.test(req.headers['content-type'] ?? '') ? JSON.parse(raw) : raw,
      authorization: req.headers.authorization,
    };
    this.requests.push(request);
    let reply: FakeResponse | undefined;
    for (const hook of this.hooks) if ((reply = await hook(request))) break;
    reply ??= this.route(request);
    res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }), ...reply.headers });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private route(r: RecordedRequest): FakeResponse {
    const bot = r.authorization === `Bot ${this.token}`;
    let m: RegExpMatchArray | null;
    if (/^\/(gateway\/bot|users\/@me|applications\/|channels\/)/.test(r.path) && !bot) return error(401, 0, '401: Unauthorized');
    if (r.method === 'GET' && r.path === '/gateway/bot') {
      return { status: 200, body: { url: this.gatewayUrl, shards: this.options.shards ?? 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (r.method === 'GET' && r.path === '/users/@me') return { status: 200, body: this.botUser };
    if (r.method === 'PUT' && (m = r.path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const registered = (r.body as any[]).map((c) => ({ id: snowflake(), application_id: m![1], version: snowflake(), type: 1, ...c, ...(m![2] ? { guild_id: m![2] } : {}) }));
      if (m[2]) this.commands.guilds.set(m[2], registered);
      else this.commands.global = registered;
      return { status: 200, body: registered };
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const x = this.exchanges.get(m[1]!);
      if (!x || x.payload.token !== m[2]) return error(404, 10062, 'Unknown interaction');
      if (x.acknowledged) return x.refused.push({ reason: 'already-acknowledged', at: Date.now() }), error(400, 40060, 'Interaction has already been acknowledged.');
      if (Date.now() - x.createdAt > this.ackDeadlineMs) {
        x.refused.push({ reason: 'expired', at: Date.now() });
        return (x.expired = true), error(404, 10062, 'Unknown interaction');
      }
      x.acknowledged = true;
      const data = r.body.data ?? {};
      const message = this.answer(x, r.body.type, data);
      x.record({ kind: 'callback', type: r.body.type, data, ...(message && r.body.type !== 6 ? { messageId: message.id } : {}) });
      if (r.query.get('with_response') !== 'true') return { status: 204 };
      const about = message ? { response_message_id: message.id, response_message_loading: r.body.type === 5, response_message_ephemeral: Boolean(message.flags & 64) } : {};
      return { status: 200, body: { interaction: { id: x.id, type: x.payload.type, ...about }, resource: { type: r.body.type, ...(message ? { message } : {}) } } };
    }
    if ((m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      const x = this.byToken.get(m[2]!);
      if (!x || !x.acknowledged || m[1] !== this.applicationId) return error(404, 10015, 'Unknown Webhook');
      const data = typeof r.body === 'object' ? r.body : {};
      if (r.method === 'POST' && !m[3]) {
        const message = this.followUp(x, data);
        return x.record({ kind: 'followup', data, messageId: message.id }), { status: 200, body: message };
      }
      const id = m[3] === '@original' ? x.originalId : m[3];
      const message = id === undefined ? undefined : x.posted.get(id);
      if (m[3] && !message) return error(404, 10008, 'Unknown Message');
      if (r.method === 'PATCH' && message) return this.edit(message, data), x.record({ kind: 'edit', data, messageId: message.id }), { status: 200, body: message };
      if (r.method === 'GET' && message) return { status: 200, body: message };
      if (r.method === 'DELETE' && message) {
        x.posted.delete(message.id);
        this.stored.delete(message.id);
        return x.record({ kind: 'delete', data: {}, messageId: message.id }), { status: 204 };
      }
    }
    if ((m = r.path.match(/^\/channels\/(\d+)\/(messages|typing)(?:\/(\d+))?$/))) return this.channelRoute(r, m[1]!, m[2]!, m[3]);
    return error(404, 0, '404: Not Found');
  }

  /** Bot requests on the guild channels: send, edit and get messages, typing. */
  private channelRoute(r: RecordedRequest, channelId: string, what: string, messageId: string | undefined): FakeResponse {
    const guild = this.guilds.find((g) => g.channelId === channelId);
    if (!guild) return error(404, 10003, 'Unknown Channel');
    if (what === 'typing') return r.method === 'POST' && !messageId ? { status: 204 } : error(405, 0, '405: Method Not Allowed');
    const data = r.body && typeof r.body === 'object' ? r.body : {};
    const found = messageId === undefined ? undefined : this.stored.get(messageId);
    const known = found?.channel_id === channelId && !(found.flags & 64) ? found : undefined;
    const sent = (method: 'POST' | 'PATCH', message: any): FakeResponse => {
      this.channelMessages.push({ method, channelId, messageId: message.id, data, at: Date.now() });
      for (const waiter of [...this.channelWaiters]) waiter();
      this.notify(method === 'POST' ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE', { ...message, guild_id: guild.id, member: member({}) }, guild.id);
      return { status: 200, body: message };
    };
    if (r.method === 'POST' && !messageId) {
      if (!data.content && !data.embeds?.length && !data.components?.length && !data.sticker_ids?.length && !data.poll) return error(400, 50006, 'Cannot send an empty message');
      if (String(data.content ?? '').length > 2000) return invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
      const reference = data.message_reference?.message_id ? this.stored.get(data.message_reference.message_id) : undefined;
      if (data.message_reference?.message_id && !reference && data.message_reference.fail_if_not_exists !== false) {
        return invalidForm('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
      }
      const { referenced_message: _, ...referenced } = reference ?? {};
      const reply = reference ? { type: 19, message_reference: { type: 0, channel_id: reference.channel_id, message_id: reference.id, guild_id: guild.id }, referenced_message: referenced } : {};
      return sent('POST', this.keep(this.messageObject(channelId, data, reply)));
    }
    if (r.method === 'PATCH' && known) {
      if (known.author.id !== this.botUser.id) return error(403, 50005, 'Cannot edit a message authored by another user');
      return sent('PATCH', this.edit(known, data));
    }
    if (r.method === 'GET' && known) return { status: 200, body: known };
    return messageId ? error(404, 10008, 'Unknown Message') : error(405, 0, '405: Method Not Allowed');
  }

  /** Dispatches a guild event if a gateway session serves the guild's shard (a REST-only client gets none). */
  private notify(t: string, d: object, guildId: string): void {
    const shard = this.shardOf(guildId);
    if ([...this.sessions.values()].some((s) => s.shard[0] === shard)) this.dispatch(t, d, shard);
  }

  /** Stores `message` as the latest state of its id; returns it. */
  private keep(message: any): any {
    this.stored.set(message.id, message);
    return message;
  }

  /** A full message object as Discord returns it, by the bot unless `fields` says otherwise, with the content fields of `data`. */
  private messageObject(channelId: string, data: any, fields: object = {}): any {
    return {
      ...{ id: snowflake(), type: 0, channel_id: channelId, author: this.botUser, content: data.content ?? '', embeds: data.embeds ?? [], attachments: [], components: numbered(data.components ?? []) },
      ...{ mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: data.flags ?? 0 },
      ...fields,
    };
  }

  /** A message of the bot answering interaction `x` (reply, deferral or follow-up). */
  private interactionMessage(x: InteractionExchange, data: any, flags: number): any {
    const p = x.payload;
    const metadata = {
      ...{ id: x.id, type: p.type, user: p.member?.user ?? p.user, authorizing_integration_owners: p.authorizing_integration_owners },
      ...(p.type === 3 ? { interacted_message_id: p.message.id } : { name: p.data.name, command_type: p.data.type }),
      ...(p.data.type === 3 ? { target_message_id: p.data.target_id } : {}),
      ...(x.originalId ? { original_response_message_id: x.originalId } : {}),
    };
    const type = p.type === 3 ? 0 : p.data.type === 1 ? 20 : 23;
    const message = this.messageObject(p.channel_id, { ...data, flags }, { type, ...(p.guild_id ? { guild_id: p.guild_id } : {}), webhook_id: this.applicationId, application_id: this.applicationId, interaction_metadata: metadata });
    x.posted.set(message.id, this.keep(message));
    return message;
  }

  /** The message an interaction callback makes `@original`: a new reply (4) or loading message (5), or the clicked message, updated (7) or not (6). */
  private answer(x: InteractionExchange, type: number, data: any): any {
    let message: any;
    if (type === 4) message = this.interactionMessage(x, data, data.flags ?? 0);
    else if (type === 5) message = this.interactionMessage(x, { content: '' }, 128 | ((data.flags ?? 0) & 64));
    else if ((type === 6 || type === 7) && x.payload.message) {
      const clicked = x.payload.message;
      message = this.stored.get(clicked.id) ?? this.keep(structuredClone(clicked));
      x.posted.set(message.id, message);
      if (type === 7) this.edit(message, data);
    }
    if (message) x.originalId = message.id;
    return message;
  }

  /** Posts a follow-up; the first one after a deferral fills the loading message instead, keeping its flags, as Discord does. */
  private followUp(x: InteractionExchange, data: any): any {
    const original = x.originalId === undefined ? undefined : x.posted.get(x.originalId);
    if (original && original.flags & 128) return this.edit(original, { ...data, flags: undefined });
    return this.interactionMessage(x, data, data.flags ?? 0);
  }

  /** Applies an edit (content, embeds, components, editable flags) to a stored message; clears its loading state. */
  private edit(message: any, data: any): any {
    const loading = Boolean(message.flags & 128);
    if (data.content !== undefined) message.content = data.content ?? '';
    if (data.embeds !== undefined) message.embeds = data.embeds ?? [];
    if (data.components !== undefined) message.components = numbered(data.components ?? []);
    message.flags = ((data.flags ?? message.flags) & ~(64 | 128)) | (message.flags & 64);
    message.edited_timestamp = loading ? null : new Date().toISOString();
    return message;
  }
}

function error(status: number, code: number, message: string): FakeResponse {
  return { status, body: { code, message } };
}

function invalidForm(field: string, code: string, message: string): FakeResponse {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { [field]: { _errors: [{ code, message }] } } } };
}

/** A user as Discord sends it. */
function user(who: Invoker): any {
  return { id: who.userId ?? '300000000000000001', username: who.username ?? 'reader', discriminator: '0', global_name: null, avatar: null };
}

/** A guild member without `user` and `permissions`, as in MESSAGE_CREATE. */
function member(who: Invoker): any {
  return { roles: who.roles ?? [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, pending: false };
}

/** Command options with inferred types (string, integer, boolean, number). */
function commandOptions(options: Record<string, string | number | boolean>): { name: string; type: number; value: string | number | boolean }[] {
  const type = (v: unknown) => (typeof v === 'boolean' ? 5 : typeof v === 'number' ? (Number.isInteger(v) ? 4 : 10) : 3);
  return Object.entries(options).map(([name, value]) => ({ name, type: type(value), value }));
}

/** A copy of `components` where each component without an `id` gets the next free one, as Discord numbers them. */
function numbered(components: any[]): any[] {
  const copy = structuredClone(components);
  const all: any[] = [];
  const walk = (list: any[]): void => {
    for (const c of list) {
      if (!c || typeof c !== 'object') continue;
      all.push(c);
      walk([...(c.components ?? []), ...(c.accessory ? [c.accessory] : []), ...(c.component ? [c.component] : [])]);
    }
  };
  walk(copy);
  const used = new Set(all.map((c) => c.id));
  let next = 1;
  for (const c of all) {
    if (c.id !== undefined) continue;
    while (used.has(next)) next++;
    c.id = next++;
  }
  return copy;
}

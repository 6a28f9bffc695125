import type http from 'node:http';
import { ApplicationCommandType, GatewayDispatchEvents, InteractionResponseType, MessageReferenceType, MessageType, type APIUser, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { MessageStore } from './messages.js';
import { botPermissions, findChannel, FLAGS, member, objectBody, PERMISSION_BITS, snowflake, threadPayload, type FakeGuild, type FakeMessage, type FakeThread, type MessageBody, type RegisteredCommand } from './payloads.js';

/** A REST request as the fake received it; `path` is decoded and relative to `/api/v10`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body, or the raw text of any other body. */
  body: unknown;
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

/** Commands registered with `PUT …/commands`: `global`, or by guild id. */
export interface RegisteredCommands {
  global: RegisteredCommand[];
  guilds: Map<string, RegisteredCommand[]>;
}

/** What the REST API serves from: the bot, its guilds, the message store and the gateway. */
export interface RestContext {
  token: string;
  applicationId: string;
  botUser: APIUser;
  guilds: readonly FakeGuild[];
  commands: RegisteredCommands;
  store: MessageStore;
  gatewayBot(): RESTGetAPIGatewayBotResult;
  /** See {@link FakeDiscord.ackDeadlineMs}. */
  ackDeadlineMs(): number;
  /** Dispatches a guild event to the gateway session of the guild's shard, if any. */
  notify(t: string, d: unknown, guildId: string): void;
}

/** A 429 as Discord sends it; use from a {@link RequestHook}. */
export function rateLimited(retryAfterSeconds: number, global = false): FakeResponse {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': global ? 'global' : 'user', ...(global ? { 'x-ratelimit-global': 'true' } : {}) },
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
  };
}

function error(status: number, code: number, message: string): FakeResponse {
  return { status, body: { code, message } };
}

function invalidForm(field: string, code: string, message: string): FakeResponse {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { [field]: { _errors: [{ code, message }] } } } };
}

/** Message flag: a thread was opened on this message. */
const HAS_THREAD = 1 << 5;

/** The REST API under `/api/v10`: gateway info, command registration, interaction callbacks, webhooks, channel and thread messages, and opening threads. */
export class RestApi {
  readonly requests: RecordedRequest[] = [];
  private readonly hooks: RequestHook[] = [];

  constructor(private readonly ctx: RestContext) {}

  /** Adds a hook that may answer requests before the fake does; returns its remover. */
  onRequest(hook: RequestHook): () => void {
    this.hooks.push(hook);
    return () => this.hooks.splice(this.hooks.indexOf(hook), 1);
  }

  /** Records a request, lets the hooks answer it, or routes it. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v10/, '').split('/').map(decodeURIComponent).join('/'),
      query: url.searchParams,
      body: raw && /json/.test(req.headers['content-type'] ?? '') ? (JSON.parse(raw) as unknown) : raw,
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
    const { ctx } = this;
    let m: RegExpMatchArray | null;
    if (/^\/(gateway\/bot|users\/@me|applications\/|channels\/)/.test(r.path) && r.authorization !== `Bot ${ctx.token}`) return error(401, 0, '401: Unauthorized');
    if (r.method === 'GET' && r.path === '/gateway/bot') return { status: 200, body: ctx.gatewayBot() };
    if (r.method === 'GET' && r.path === '/users/@me') return { status: 200, body: ctx.botUser };
    if (r.method === 'PUT' && (m = r.path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) return this.registerCommands(r, m[1]!, m[2]);
    if (r.method === 'POST' && (m = r.path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) return this.callback(r, m[1]!, m[2]!);
    if ((m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      const reply = this.webhook(r, m[1]!, m[2]!, m[3]);
      if (reply) return reply;
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/))) return this.startThread(r, m[1]!, m[2]!);
    if ((m = r.path.match(/^\/channels\/(\d+)\/(messages|typing)(?:\/(\d+))?$/))) return this.channel(r, m[1]!, m[2]!, m[3]);
    return error(404, 0, '404: Not Found');
  }

  private registerCommands(r: RecordedRequest, applicationId: string, guildId: string | undefined): FakeResponse {
    const sent = (Array.isArray(r.body) ? r.body : []).map((c) => objectBody<RegisteredCommand>(c));
    const registered = sent.map((c) => ({ id: snowflake(), application_id: applicationId, version: snowflake(), type: ApplicationCommandType.ChatInput, ...c, ...(guildId ? { guild_id: guildId } : {}) }) as RegisteredCommand);
    if (guildId) this.ctx.commands.guilds.set(guildId, registered);
    else this.ctx.commands.global = registered;
    return { status: 200, body: registered };
  }

  /** An interaction callback: refused when unknown, late or a second acknowledgement, as Discord does. */
  private callback(r: RecordedRequest, interactionId: string, token: string): FakeResponse {
    const x = this.ctx.store.exchanges.get(interactionId);
    if (!x || x.payload.token !== token) return error(404, 10062, 'Unknown interaction');
    if (x.acknowledged) return x.refused.push({ reason: 'already-acknowledged', at: Date.now() }), error(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - x.createdAt > this.ctx.ackDeadlineMs()) {
      x.refused.push({ reason: 'expired', at: Date.now() });
      return (x.expired = true), error(404, 10062, 'Unknown interaction');
    }
    x.acknowledged = true;
    const body = objectBody<{ type: number; data: MessageBody }>(r.body);
    const data = body.data ?? {};
    const message = this.ctx.store.answer(x, body.type ?? 0, data);
    x.record({ kind: 'callback', type: body.type, data, ...(message && body.type !== InteractionResponseType.DeferredMessageUpdate ? { messageId: message.id } : {}) });
    if (r.query.get('with_response') !== 'true') return { status: 204 };
    const loading = body.type === InteractionResponseType.DeferredChannelMessageWithSource;
    const about = message ? { response_message_id: message.id, response_message_loading: loading, response_message_ephemeral: Boolean(message.flags & FLAGS.ephemeral) } : {};
    return { status: 200, body: { interaction: { id: x.id, type: x.payload.type, ...about }, resource: { type: body.type, ...(message ? { message } : {}) } } };
  }

  /** Follow-ups and the original response of an acknowledged interaction; undefined for a method the route lacks. */
  private webhook(r: RecordedRequest, applicationId: string, token: string, messageId: string | undefined): FakeResponse | undefined {
    const { store } = this.ctx;
    const x = store.byToken.get(token);
    if (!x || !x.acknowledged || applicationId !== this.ctx.applicationId) return error(404, 10015, 'Unknown Webhook');
    const data = objectBody<MessageBody>(r.body);
    if (r.method === 'POST' && !messageId) {
      const message = store.followUp(x, data);
      return x.record({ kind: 'followup', data, messageId: message.id }), { status: 200, body: message };
    }
    const id = messageId === '@original' ? x.originalId : messageId;
    const message = id === undefined ? undefined : x.posted.get(id);
    if (messageId && !message) return error(404, 10008, 'Unknown Message');
    if (!message) return undefined;
    if (r.method === 'PATCH') return store.edit(message, data), x.record({ kind: 'edit', data, messageId: message.id }), { status: 200, body: message };
    if (r.method === 'GET') return { status: 200, body: message };
    if (r.method === 'DELETE') return store.delete(x, message), x.record({ kind: 'delete', data: {}, messageId: message.id }), { status: 204 };
    return undefined;
  }

  /**
   * `POST /channels/:id/messages/:id/threads`: opens a public thread on a
   * message of a text channel, with the message's id, as Discord does;
   * answers the thread (with the bot as member) and dispatches THREAD_CREATE
   * (`newly_created`). Refused as Discord refuses it: without Create Public
   * Threads (50013), on a message in a thread (50024), a second time on a
   * message (160004), with a name of more than 100 characters (50035).
   */
  private startThread(r: RecordedRequest, channelId: string, messageId: string): FakeResponse {
    const { ctx } = this;
    const found = findChannel(ctx.guilds, channelId);
    if (!found) return error(404, 10003, 'Unknown Channel');
    if (found.thread) return error(400, 50024, 'Cannot execute action on this channel type');
    const { guild } = found;
    if (!(botPermissions(guild) & PERMISSION_BITS.createPublicThreads)) return error(403, 50013, 'Missing Permissions');
    const message = ctx.store.get(messageId);
    if (!message || message.channel_id !== channelId) return error(404, 10008, 'Unknown Message');
    if (guild.threads.some((t) => t.id === messageId)) return error(400, 160004, 'A thread has already been created for this message');
    const body = objectBody<{ name: string; auto_archive_duration: number }>(r.body);
    const name = String(body.name ?? '');
    if (name.length < 1 || name.length > 100) return invalidForm('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    const thread: FakeThread = { id: messageId, name, parentId: channelId, ownerId: ctx.botUser.id, createdAt: new Date().toISOString(), autoArchiveDuration: body.auto_archive_duration ?? 4320 };
    guild.threads.push(thread);
    message.flags |= HAS_THREAD;
    const payload = threadPayload(guild, thread, { userId: ctx.botUser.id });
    ctx.notify(GatewayDispatchEvents.ThreadCreate, { ...payload, newly_created: true }, guild.id);
    return { status: 201, body: payload };
  }

  /** Bot requests on the guild channels and threads: send, edit and get messages, typing. */
  private channel(r: RecordedRequest, channelId: string, what: string, messageId: string | undefined): FakeResponse {
    const { ctx } = this;
    const place = findChannel(ctx.guilds, channelId);
    if (!place) return error(404, 10003, 'Unknown Channel');
    const { guild } = place;
    if (place.thread && r.method === 'POST' && what === 'messages' && !(botPermissions(guild) & PERMISSION_BITS.sendMessagesInThreads)) return error(403, 50013, 'Missing Permissions');
    if (what === 'typing') return r.method === 'POST' && !messageId ? { status: 204 } : error(405, 0, '405: Method Not Allowed');
    const data = objectBody<MessageBody>(r.body);
    const found = messageId === undefined ? undefined : ctx.store.get(messageId);
    const known = found?.channel_id === channelId && !(found.flags & FLAGS.ephemeral) ? found : undefined;
    const sent = (method: 'POST' | 'PATCH', message: FakeMessage): FakeResponse => {
      ctx.store.recordChannelMessage({ method, channelId, messageId: message.id, data });
      ctx.notify(method === 'POST' ? GatewayDispatchEvents.MessageCreate : GatewayDispatchEvents.MessageUpdate, { ...message, guild_id: guild.id, member: member({ roles: [guild.botRoleId] }) }, guild.id);
      return { status: 200, body: message };
    };
    if (r.method === 'POST' && !messageId) {
      if (!data.content && !data.embeds?.length && !data.components?.length && !data.sticker_ids?.length && !data.poll) return error(400, 50006, 'Cannot send an empty message');
      if (String(data.content ?? '').length > 2000) return invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
      const referenceId = data.message_reference?.message_id;
      const reference = referenceId ? ctx.store.get(referenceId) : undefined;
      if (referenceId && !reference && data.message_reference?.fail_if_not_exists !== false) {
        return invalidForm('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
      }
      return sent('POST', ctx.store.keep(ctx.store.messageObject(channelId, data, reference ? replyTo(reference, guild.id) : {})));
    }
    if (r.method === 'PATCH' && known) {
      if (known.author.id !== ctx.botUser.id) return error(403, 50005, 'Cannot edit a message authored by another user');
      return sent('PATCH', ctx.store.edit(known, data));
    }
    if (r.method === 'GET' && known) return { status: 200, body: known };
    return messageId ? error(404, 10008, 'Unknown Message') : error(405, 0, '405: Method Not Allowed');
  }
}

/** The fields that make a message a reply to `reference`. */
function replyTo(reference: FakeMessage, guildId: string): Partial<FakeMessage> {
  const { referenced_message: _, ...referenced } = reference;
  const message_reference = { type: MessageReferenceType.Default, channel_id: reference.channel_id, message_id: reference.id, guild_id: guildId };
  return { type: MessageType.Reply, message_reference, referenced_message: referenced };
}

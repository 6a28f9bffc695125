import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  type APIUser,
  type GatewayHello,
  type GatewayIdentifyData,
  type GatewayInvalidSession,
  type GatewayResumeData,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';
import { guildPayload, type FakeGuild } from './payloads.js';

/** A dispatch as the fake sends and buffers it for replay. */
export interface DispatchEvent {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** One gateway session: its shard, sequence and events (replayed on RESUME), and its socket while connected. */
interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  events: DispatchEvent[];
  socket: WebSocket | undefined;
}

/** What the gateway needs from the fake: the bot, its guilds and Discord's settings. */
export interface GatewayOptions {
  token: string;
  botUser: APIUser;
  applicationId: string;
  guilds: readonly FakeGuild[];
  /** Where clients resume (the gateway's own URL). */
  url: () => string;
  heartbeatIntervalMs?: number;
  /** Shards Discord requires: an IDENTIFY with fewer is closed with 4011, one outside the count with 4010. */
  shards?: number;
}

/** The fake's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE per shard (channels, active threads, the bot's member and role), heartbeats, RESUME with replay, and closes. */
export class Gateway {
  /** IDENTIFY payloads accepted, in order. */
  readonly identifies: GatewayIdentifyData[] = [];
  /** RESUME requests accepted. */
  resumes = 0;
  /** Close codes the clients sent when they closed their socket (1000 for a clean `client.destroy()`). */
  readonly clientCloses: number[] = [];
  /** Answer RESUME with "invalid session" so the client has to IDENTIFY again. */
  refuseResume = false;
  private readonly sessions = new Map<string, Session>();
  /** Sockets this fake is closing itself, whose close code is not the client's. */
  private readonly closing = new WeakSet<WebSocket>();
  private readonly wss: WebSocketServer;

  constructor(
    server: http.Server,
    private readonly options: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.handleSocket(socket));
  }

  /** Sends a gateway event to the session serving `shard`; buffered for replay when that socket is down. */
  dispatch(t: string, d: unknown, shard = 0): void {
    const session = [...this.sessions.values()].reverse().find((s) => s.shard[0] === shard);
    if (!session) throw new Error(`No gateway session for shard ${shard}`);
    this.send(session, t, d);
  }

  /** Dispatches a guild event if a session serves the guild's shard (a REST-only client gets none). */
  notify(t: string, d: unknown, guildId: string): void {
    const shard = this.shardOf(guildId);
    if ([...this.sessions.values()].some((s) => s.shard[0] === shard)) this.dispatch(t, d, shard);
  }

  /** The shard of a guild's events: `(guild_id >> 22) % count`; shard 0 outside guilds. */
  shardOf(guildId: string | undefined, count = this.shardCount()): number {
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
  }

  /** Closes the sockets (of one shard, or all) with `code`; 1006 drops them without a close frame. */
  close(code: number, shard?: number): void {
    for (const s of this.sessions.values()) {
      if (!s.socket || (shard !== undefined && s.shard[0] !== shard)) continue;
      this.closing.add(s.socket);
      if (code === 1006) s.socket.terminate();
      else s.socket.close(code, 'fake-discord');
    }
  }

  /** Drops every socket and stops accepting new ones. */
  stop(): void {
    for (const socket of this.wss.clients) socket.terminate();
    this.wss.close();
  }

  private shardCount(): number {
    return this.options.shards ?? [...this.sessions.values()].at(-1)?.shard[1] ?? 1;
  }

  private send(session: Session, t: string, d: unknown): void {
    const event: DispatchEvent = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    session.events.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(event));
  }

  private handleSocket(socket: WebSocket): void {
    const hello: GatewayHello = { op: GatewayOpcodes.Hello, s: null, t: null, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } };
    socket.send(JSON.stringify(hello));
    socket.on('message', (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: GatewayOpcodes; d: unknown };
      if (op === GatewayOpcodes.Heartbeat) socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, s: null, t: null, d: null }));
      else if (op === GatewayOpcodes.Identify) this.identify(socket, d as GatewayIdentifyData);
      else if (op === GatewayOpcodes.Resume) this.resume(socket, d as GatewayResumeData);
    });
    socket.on('close', (code) => {
      if (!this.closing.has(socket)) this.clientCloses.push(code);
      for (const s of this.sessions.values()) if (s.socket === socket) s.socket = undefined;
    });
  }

  private identify(socket: WebSocket, d: GatewayIdentifyData): void {
    if (d.token !== this.options.token) return socket.close(4004, 'Authentication failed.');
    const [id, count] = d.shard ?? [0, 1];
    if (!(Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count)) return socket.close(4010, 'Invalid shard.');
    if (count < (this.options.shards ?? 1)) return socket.close(4011, 'Sharding required.');
    this.identifies.push(d);
    const session: Session = { id: randomBytes(16).toString('hex'), shard: [id, count], seq: 0, events: [], socket };
    this.sessions.set(session.id, session);
    const guilds = this.options.guilds.filter((g) => this.shardOf(g.id, count) === id);
    this.send(session, GatewayDispatchEvents.Ready, {
      v: 10,
      user: this.options.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: session.shard,
      application: { id: this.options.applicationId, flags: 0 },
    });
    for (const g of guilds) this.send(session, GatewayDispatchEvents.GuildCreate, guildPayload(g, this.options.botUser));
  }

  private resume(socket: WebSocket, d: GatewayResumeData): void {
    const session = this.sessions.get(d.session_id);
    if (!session || d.token !== this.options.token || this.refuseResume) {
      const invalid: GatewayInvalidSession = { op: GatewayOpcodes.InvalidSession, s: null, t: null, d: false };
      return void socket.send(JSON.stringify(invalid));
    }
    this.resumes++;
    session.socket = socket;
    for (const event of session.events) if (event.s > d.seq) socket.send(JSON.stringify(event));
    this.send(session, GatewayDispatchEvents.Resumed, {});
  }
}

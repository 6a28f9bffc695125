import { ApplicationCommandType, InteractionResponseType, InteractionType, MessageType, type APIApplicationCommandOptionChoice, type APIUser } from 'discord-api-types/v10';
import { FLAGS, numbered, snowflake, type FakeMessage, type InteractionMetadata, type InteractionPayload, type MessageBody } from './payloads.js';

/** A response of the bot to one interaction, in arrival order. */
export interface InteractionResponse {
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  /** Callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update of the clicked message, 8 autocomplete choices, 9 modal. */
  type?: number;
  /** The fields sent (`content`, `flags`, `allowed_mentions`, `embeds`, `components`, `choices`…). */
  data: MessageBody;
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
  data: MessageBody;
  at: number;
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
  readonly posted = new Map<string, FakeMessage>();
  /** The message `@original` stands for, once acknowledged with one (the clicked message for callbacks 6 and 7). */
  originalId: string | undefined;
  private waiters: (() => void)[] = [];

  /**
   * @param sentAt when the fake dispatched it (ms since the epoch).
   * @param createdAt when Discord created it, as its id says; Discord's 3-second window counts from here. Default `sentAt`.
   */
  constructor(
    readonly payload: InteractionPayload,
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
  lastMessage(): FakeMessage | undefined {
    for (const r of [...this.responses].reverse()) {
      const message = r.kind === 'delete' || r.messageId === undefined ? undefined : this.posted.get(r.messageId);
      if (message) return structuredClone(message);
    }
    return undefined;
  }

  /** The choices of the autocomplete answer (callback type 8), if it came. */
  choices(): APIApplicationCommandOptionChoice[] | undefined {
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
      const data = this.payload.data;
      const what = 'custom_id' in data ? data.custom_id : `/${data.name}`;
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

/** Every message the fake knows (users', the bot's, interaction responses) in its latest state, the exchanges, and the bot's channel messages. */
export class MessageStore {
  readonly exchanges = new Map<string, InteractionExchange>();
  readonly byToken = new Map<string, InteractionExchange>();
  readonly channelMessages: ChannelMessageRecord[] = [];
  private readonly stored = new Map<string, FakeMessage>();
  private channelWaiters: (() => void)[] = [];

  /** @param author the bot user, author of the messages it sends. */
  constructor(
    private readonly author: APIUser,
    private readonly applicationId: string,
  ) {}

  /** Tracks a dispatched interaction by id and token. */
  track(exchange: InteractionExchange): InteractionExchange {
    this.exchanges.set(exchange.id, exchange);
    this.byToken.set(exchange.payload.token, exchange);
    return exchange;
  }

  get(id: string): FakeMessage | undefined {
    return this.stored.get(id);
  }

  /** Stores `message` as the latest state of its id; returns it. */
  keep<M extends FakeMessage>(message: M): M {
    this.stored.set(message.id, message);
    return message;
  }

  delete(x: InteractionExchange, message: FakeMessage): void {
    x.posted.delete(message.id);
    this.stored.delete(message.id);
  }

  /** A full message object as Discord returns it, by the bot unless `fields` says otherwise, with the content fields of `data`. */
  messageObject(channelId: string, data: MessageBody, fields: Partial<FakeMessage> = {}): FakeMessage {
    return {
      ...{ id: snowflake(), type: MessageType.Default, channel_id: channelId, author: this.author, content: data.content ?? '', embeds: data.embeds ?? [], attachments: [], components: numbered(data.components ?? []) },
      ...{ mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: data.flags ?? 0 },
      ...fields,
    };
  }

  /** The message an interaction callback makes `@original`: a new reply (4) or loading message (5), or the clicked message, updated (7) or not (6). */
  answer(x: InteractionExchange, type: number, data: MessageBody): FakeMessage | undefined {
    let message: FakeMessage | undefined;
    if (type === InteractionResponseType.ChannelMessageWithSource) message = this.interactionMessage(x, data, data.flags ?? 0);
    else if (type === InteractionResponseType.DeferredChannelMessageWithSource) message = this.interactionMessage(x, { content: '' }, FLAGS.loading | ((data.flags ?? 0) & FLAGS.ephemeral));
    else if ((type === InteractionResponseType.DeferredMessageUpdate || type === InteractionResponseType.UpdateMessage) && x.payload.message) {
      const clicked = x.payload.message;
      message = this.stored.get(clicked.id) ?? this.keep(structuredClone(clicked));
      x.posted.set(message.id, message);
      if (type === InteractionResponseType.UpdateMessage) this.edit(message, data);
    }
    if (message) x.originalId = message.id;
    return message;
  }

  /** Posts a follow-up; the first one after a deferral fills the loading message instead, keeping its flags, as Discord does. */
  followUp(x: InteractionExchange, data: MessageBody): FakeMessage {
    const original = x.originalId === undefined ? undefined : x.posted.get(x.originalId);
    if (original && original.flags & FLAGS.loading) return this.edit(original, { ...data, flags: undefined });
    return this.interactionMessage(x, data, data.flags ?? 0);
  }

  /** Applies an edit (content, embeds, components, editable flags) to a stored message; clears its loading state. */
  edit(message: FakeMessage, data: MessageBody): FakeMessage {
    const loading = Boolean(message.flags & FLAGS.loading);
    if (data.content !== undefined) message.content = data.content ?? '';
    if (data.embeds !== undefined) message.embeds = data.embeds ?? [];
    if (data.components !== undefined) message.components = numbered(data.components ?? []);
    message.flags = ((data.flags ?? message.flags) & ~(FLAGS.ephemeral | FLAGS.loading)) | (message.flags & FLAGS.ephemeral);
    message.edited_timestamp = loading ? null : new Date().toISOString();
    return message;
  }

  /** Records a message the bot sent or edited through the channel API and wakes the waiters. */
  recordChannelMessage(record: Omit<ChannelMessageRecord, 'at'>): void {
    this.channelMessages.push({ ...record, at: Date.now() });
    for (const waiter of [...this.channelWaiters]) waiter();
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

  /** A message of the bot answering interaction `x` (reply, deferral or follow-up). */
  private interactionMessage(x: InteractionExchange, data: MessageBody, flags: number): FakeMessage {
    const p = x.payload;
    const command = 'custom_id' in p.data ? undefined : p.data;
    const metadata: InteractionMetadata = {
      ...{ id: x.id, type: p.type, user: (p.member?.user ?? p.user)!, authorizing_integration_owners: p.authorizing_integration_owners },
      ...(p.type === InteractionType.MessageComponent ? { interacted_message_id: p.message?.id } : { name: command?.name, command_type: command?.type }),
      ...(command?.type === ApplicationCommandType.Message ? { target_message_id: command.target_id } : {}),
      ...(x.originalId ? { original_response_message_id: x.originalId } : {}),
    };
    const type = p.type === InteractionType.MessageComponent ? MessageType.Default : command?.type === ApplicationCommandType.ChatInput ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
    const fields = { type, ...(p.guild_id ? { guild_id: p.guild_id } : {}), webhook_id: this.applicationId, application_id: this.applicationId, interaction_metadata: metadata };
    const message = this.keep(this.messageObject(p.channel_id, { ...data, flags }, fields));
    x.posted.set(message.id, message);
    return message;
  }
}

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  type APIAllowedMentions,
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type APIAttachment,
  type APIEmbed,
  type APIMessageReference,
  type APIUser,
  type ComponentType,
  type InteractionContextType,
  type InteractionType,
  type MessageType,
} from 'discord-api-types/v10';

/** Payload shapes the fake sends and records, with the builders for them; Discord's own types where they fit. */

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
  /** The bot's role by default: view channel, send messages, read history, create public threads, send messages in threads. */
  bot: String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 35n) | (1n << 38n)),
  manageGuild: String(1n << 5n),
  administrator: String(1n << 3n),
} as const;

/** Permission bits the fake checks on the bot's requests. */
export const PERMISSION_BITS = { createPublicThreads: 1n << 35n, sendMessagesInThreads: 1n << 38n } as const;

/** Message flags the fake acts on. */
export const FLAGS = { ephemeral: 64, loading: 128 } as const;

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
  /** Channel (of that guild) or thread to run it in. Default the guild's first channel. */
  channelId?: string;
  /**
   * Interactions only: Discord created it this many ms before the fake
   * delivers it (its snowflake id says so, and the 3-second window counts
   * from then), as when the gateway or a busy bot process is behind. Default 0.
   */
  createdMsAgo?: number;
}

/** A text channel of a guild. */
export interface FakeChannel {
  id: string;
  name: string;
}

/** A public thread the bot opened on a message (its id is the message's, as on Discord). */
export interface FakeThread {
  id: string;
  name: string;
  parentId: string;
  ownerId: string;
  createdAt: string;
  autoArchiveDuration: number;
}

/** A guild the bot is in: text channels, roles, the bot's own role and the threads opened so far. */
export interface FakeGuild {
  id: string;
  name: string;
  /** The first channel's id, where interactions and messages happen unless {@link Invoker.channelId} says otherwise. */
  channelId: string;
  channels: FakeChannel[];
  roles: { id: string; name: string }[];
  /** The bot member's role (not in {@link roles}); its permissions are {@link botPermissions}. */
  botRoleId: string;
  /** The bot role's permissions (decimal bitfield), on top of @everyone's ({@link PERMISSIONS.member}). */
  botPermissions: string;
  /** Threads in the guild, active ones all (sent in GUILD_CREATE). */
  threads: FakeThread[];
}

/** The bot's permissions in `g` (the same in every channel: the fake has no overwrites): @everyone's and its role's. */
export function botPermissions(g: FakeGuild): bigint {
  return BigInt(PERMISSIONS.member) | BigInt(g.botPermissions);
}

/** The channel or thread `id` and its guild, if any guild has it. */
export function findChannel(guilds: readonly FakeGuild[], id: string): { guild: FakeGuild; channel: FakeChannel; thread?: FakeThread } | undefined {
  for (const guild of guilds) {
    const thread = guild.threads.find((t) => t.id === id);
    const channel = guild.channels.find((c) => c.id === (thread?.parentId ?? id));
    if (channel) return { guild, channel, ...(thread ? { thread } : {}) };
  }
  return undefined;
}

/** A thread as Discord sends it (REST, THREAD_CREATE, GUILD_CREATE), with the bot's thread member when `member` is given. */
export function threadPayload(g: FakeGuild, t: FakeThread, member?: { userId: string }) {
  return {
    ...{ id: t.id, type: ChannelType.PublicThread, guild_id: g.id, parent_id: t.parentId, owner_id: t.ownerId, name: t.name, last_message_id: null },
    ...{ rate_limit_per_user: 0, flags: 0, message_count: 0, total_message_sent: 0, member_count: 1, applied_tags: [] },
    thread_metadata: { archived: false, auto_archive_duration: t.autoArchiveDuration, archive_timestamp: t.createdAt, locked: false, create_timestamp: t.createdAt },
    ...(member ? { member: { id: t.id, user_id: member.userId, join_timestamp: t.createdAt, flags: 0 } } : {}),
  };
}

/** The `channel` of an interaction made in `id` (a text channel or a thread of `g`). */
export function interactionChannel(g: FakeGuild, id: string): InteractionPayload['channel'] {
  const found = findChannel([g], id);
  if (found?.thread) return { ...threadPayload(g, found.thread), type: ChannelType.PublicThread };
  return { id, type: ChannelType.GuildText, guild_id: g.id, name: found?.channel.name ?? 'general' };
}

/** A message component as the bot sends it (rows, buttons, selects, sections…); the fake numbers each with an `id`. */
export interface FakeComponent {
  type: ComponentType;
  id?: number;
  custom_id?: string;
  label?: string;
  style?: number;
  url?: string;
  disabled?: boolean;
  emoji?: { id?: string | null; name?: string | null; animated?: boolean };
  placeholder?: string;
  options?: { label: string; value: string; description?: string; default?: boolean }[];
  content?: string;
  components?: FakeComponent[];
  accessory?: FakeComponent;
  component?: FakeComponent;
}

/** Message fields the bot sends: a callback's `data`, a follow-up or edit, or `POST`/`PATCH /channels/:id/messages`. */
export interface MessageBody {
  content?: string;
  flags?: number;
  embeds?: APIEmbed[];
  components?: FakeComponent[];
  allowed_mentions?: APIAllowedMentions;
  message_reference?: APIMessageReference & { fail_if_not_exists?: boolean };
  sticker_ids?: string[];
  poll?: object;
  /** Autocomplete answers (callback 8). */
  choices?: APIApplicationCommandOptionChoice[];
}

/** What Discord says about the interaction a message answers. */
export interface InteractionMetadata {
  id: string;
  type: InteractionType;
  user: APIUser;
  authorizing_integration_owners: Record<string, string>;
  name?: string;
  command_type?: ApplicationCommandType;
  interacted_message_id?: string;
  target_message_id?: string;
  original_response_message_id?: string;
}

/** A guild member without `user` and `permissions`, as in MESSAGE_CREATE. */
export interface FakeMember {
  roles: string[];
  joined_at: string;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
}

/** A message as Discord returns it, in the fields the fake keeps. */
export interface FakeMessage {
  id: string;
  type: MessageType;
  channel_id: string;
  guild_id?: string;
  author: APIUser;
  content: string;
  embeds: APIEmbed[];
  attachments: APIAttachment[];
  components: FakeComponent[];
  mentions: (APIUser & { member?: FakeMember })[];
  mention_roles: string[];
  mention_everyone: boolean;
  pinned: boolean;
  tts: boolean;
  timestamp: string;
  edited_timestamp: string | null;
  flags: number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: InteractionMetadata;
  message_reference?: APIMessageReference;
  referenced_message?: Omit<FakeMessage, 'referenced_message'>;
}

/** A message a user writes in a guild channel, as MESSAGE_CREATE carries it. */
export interface UserMessage extends FakeMessage {
  guild_id: string;
  member: FakeMember;
  channel_type: ChannelType;
}

/** A command option as an interaction carries it. */
export interface CommandOption {
  name: string;
  type: ApplicationCommandOptionType;
  value: string | number | boolean;
  focused?: boolean;
}

/** `data` of a command or autocomplete interaction. */
export interface CommandData {
  id: string;
  name: string;
  type: ApplicationCommandType;
  options?: CommandOption[];
  target_id?: string;
  resolved?: { messages?: Record<string, FakeMessage>; channels?: Record<string, { id: string; type: ChannelType; name: string; permissions: string; parent_id?: string }> };
}

/** `data` of a component interaction. */
export interface ComponentData {
  custom_id: string;
  component_type: ComponentType;
  values?: string[];
}

/** An INTERACTION_CREATE payload as the fake sends it. */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: InteractionType;
  token: string;
  version: 1;
  data: CommandData | ComponentData;
  /** The clicked message, for components. */
  message?: FakeMessage;
  app_permissions: string;
  locale: string;
  entitlements: never[];
  authorizing_integration_owners: Record<string, string>;
  attachment_size_limit: number;
  context: InteractionContextType;
  channel_id: string;
  channel: { id: string; type: ChannelType; guild_id?: string; name?: string; parent_id?: string };
  guild_id?: string;
  guild_locale?: string;
  member?: FakeMember & { user: APIUser; permissions: string };
  user?: APIUser;
}

/** A command as registered by `PUT /applications/:id(/guilds/:id)/commands`. */
export type RegisteredCommand = Partial<APIApplicationCommand> & Pick<APIApplicationCommand, 'id' | 'application_id' | 'version' | 'type' | 'name'>;

/** A user as Discord sends it. */
export function user(who: Invoker): APIUser {
  return { id: who.userId ?? '300000000000000001', username: who.username ?? 'reader', discriminator: '0', global_name: null, avatar: null };
}

/** A guild member without `user` and `permissions`, as in MESSAGE_CREATE. */
export function member(who: Invoker): FakeMember {
  return { roles: who.roles ?? [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, pending: false };
}

/** A channel as a command option's value: `fake.command('settings', { add: { channel: id } })` sends option type 7 with the channel resolved. */
export interface ChannelValue {
  channel: string;
}

/** A command option's value as a test gives it. */
export type OptionValue = string | number | boolean | ChannelValue;

/** Command options with inferred types (string, integer, boolean, number; {@link ChannelValue} a channel, its id the value). */
export function commandOptions(options: Record<string, OptionValue>): CommandOption[] {
  const type = (v: unknown) =>
    typeof v === 'boolean' ? ApplicationCommandOptionType.Boolean : typeof v !== 'number' ? ApplicationCommandOptionType.String : Number.isInteger(v) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return Object.entries(options).map(([name, value]) =>
    typeof value === 'object' ? { name, type: ApplicationCommandOptionType.Channel, value: value.channel } : { name, type: type(value), value },
  );
}

/** `resolved.channels` for the channel options among `options`, as Discord adds them (the bot's permissions in each). */
export function resolvedChannels(g: FakeGuild | undefined, options: Record<string, OptionValue>): CommandData['resolved'] | undefined {
  const ids = Object.values(options).flatMap((v) => (typeof v === 'object' ? [v.channel] : []));
  if (!g || ids.length === 0) return undefined;
  const channel = (id: string) => {
    const c = interactionChannel(g, id);
    return { id, type: c.type, name: c.name ?? id, permissions: String(botPermissions(g)), ...(c.parent_id ? { parent_id: c.parent_id } : {}) };
  };
  return { channels: Object.fromEntries(ids.map((id) => [id, channel(id)])) };
}

/** A role as Discord sends it. */
export function rolePayload(id: string, name: string, permissions: string) {
  return { id, name, permissions, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
}

/** The GUILD_CREATE payload of `g`: its roles and the bot's, its text channels and active threads, and the bot as its one member. */
export function guildPayload(g: FakeGuild, botUser: APIUser) {
  return {
    ...{ id: g.id, name: g.name, unavailable: false, owner_id: '300000000000000000', joined_at: new Date(0).toISOString(), member_count: 2, large: false, features: [] },
    roles: [rolePayload(g.id, '@everyone', PERMISSIONS.member), ...g.roles.map((r) => rolePayload(r.id, r.name, '0')), rolePayload(g.botRoleId, botUser.username, g.botPermissions)],
    channels: g.channels.map((c, position) => ({ id: c.id, type: ChannelType.GuildText, name: c.name, guild_id: g.id, position, permission_overwrites: [] })),
    threads: g.threads.map((t) => threadPayload(g, t)),
    members: [{ user: botUser, ...member({ roles: [g.botRoleId] }) }],
    ...{ presences: [], voice_states: [], emojis: [], stickers: [] },
  };
}

/** A copy of `components` where each component without an `id` gets the next free one, as Discord numbers them. */
export function numbered(components: FakeComponent[]): FakeComponent[] {
  const copy = structuredClone(components);
  const all: FakeComponent[] = [];
  const walk = (list: FakeComponent[]): void => {
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

/** Narrows a parsed JSON body to an object (anything else reads as empty). */
export function objectBody<T extends object>(body: unknown): Partial<T> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Partial<T>) : {};
}

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
  manageGuild: String(1n << 5n),
  administrator: String(1n << 3n),
} as const;

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
  resolved?: { messages: Record<string, FakeMessage> };
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
  channel: { id: string; type: ChannelType; guild_id?: string; name?: string };
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

/** Command options with inferred types (string, integer, boolean, number). */
export function commandOptions(options: Record<string, string | number | boolean>): CommandOption[] {
  const type = (v: unknown) =>
    typeof v === 'boolean' ? ApplicationCommandOptionType.Boolean : typeof v !== 'number' ? ApplicationCommandOptionType.String : Number.isInteger(v) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return Object.entries(options).map(([name, value]) => ({ name, type: type(value), value }));
}

/** The GUILD_CREATE payload of `g`: its roles, its one text channel, no members. */
export function guildPayload(g: FakeGuild) {
  const role = (id: string, name: string, permissions: string) => ({ id, name, permissions, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 });
  return {
    ...{ id: g.id, name: g.name, unavailable: false, owner_id: '300000000000000000', joined_at: new Date(0).toISOString(), member_count: 2, large: false, features: [] },
    roles: [role(g.id, '@everyone', PERMISSIONS.member), ...g.roles.map((r) => role(r.id, r.name, '0'))],
    channels: [{ id: g.channelId, type: ChannelType.GuildText, name: 'general', guild_id: g.id, position: 0, permission_overwrites: [] }],
    ...{ members: [], threads: [], presences: [], voice_states: [], emojis: [], stickers: [] },
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

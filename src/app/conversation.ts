/**
 * The port between commands and whatever carries them: a Discord
 * interaction, a message that mentions the bot, or the terminal chat. A
 * command reads its options and sends its reply through a
 * {@link Conversation}, so one handler serves every front end.
 */

/** A button under a reply. `id` is the Discord `custom_id` (at most 100 characters). */
export interface ButtonControl {
  kind: 'button';
  id: string;
  label: string;
  emoji?: string;
  style: 'primary' | 'secondary' | 'success' | 'danger';
  disabled?: boolean;
}

/** A single-choice select menu under a reply. */
export interface SelectControl {
  kind: 'select';
  id: string;
  placeholder: string;
  options: { value: string; label: string }[];
}

/** One control of a reply. */
export type Control = ButtonControl | SelectControl;

/** What a command sends: message pages, who sees them, and controls under the last page. */
export interface Reply {
  /** Message texts in order, each within Discord's 2,000 characters. */
  pages: string[];
  /** Only the person who asked sees it. Default false. */
  ephemeral?: boolean;
  /** Rows of controls (at most 5 rows; 5 buttons or 1 select per row), under the last page. */
  controls?: Control[][];
}

/** Who is talking to the bot. */
export interface Speaker {
  id: string;
  name: string;
}

/** Where a conversation comes from; recorded with answers and feedback. */
export type Channel = 'slash' | 'context-menu' | 'mention' | 'component' | 'terminal';

/**
 * Where a request was made, for follow-up questions and a server's channel
 * settings. A thread is a channel of its own, with its parent named.
 */
export interface Place {
  /** The channel or thread (Discord id), the chat session in the terminal; null when unknown. */
  channelId: string | null;
  /** The channel a thread belongs to; absent outside threads. */
  parentId?: string;
}

/** Options for {@link Conversation.inTime}. */
export interface InTimeOptions {
  /** Who will see the reply (a deferral fixes it on Discord). */
  ephemeral: boolean;
  /** Acknowledge at once: the work is known to be slow (first load, rebuild, long queue). */
  slow: boolean;
}

/** One request to the bot and the way back to the person who made it. */
export interface Conversation {
  readonly via: Channel;
  readonly user: Speaker;
  /** When the request was made (ms since the epoch); Discord's 3-second window runs from here. */
  readonly createdAt: number;
  /** Server id, or null in direct messages (the terminal counts as a server it moderates). */
  readonly guildId: string | null;
  /** The channel or thread it came from. */
  readonly place: Place;
  /** Option values by name, as typed (strings, whole numbers, booleans). */
  option(name: string): string | number | boolean | undefined;
  /** May run moderator commands (on Discord: Manage Server, Administrator or one of `MODERATOR_ROLE_IDS`; the terminal's user always may). */
  isModerator(): boolean;
  /**
   * Milliseconds work may run before the person must see a sign of life
   * (Discord: before the interaction is deferred, counted from its creation;
   * 0 when that is due at once). Work expected to take longer is run as slow.
   */
  ackDueInMs(): number;
  /**
   * Runs `work` so the request does not expire while it runs (Discord
   * allows 3 s before a first response: the interaction is deferred in time).
   */
  inTime<T>(work: () => Promise<T>, options: InTimeOptions): Promise<T>;
  /** Sends the reply (or the next one, when something was already sent). */
  send(reply: Reply): Promise<void>;
  /** Says what went wrong, privately where the front end allows. */
  fail(message: string): Promise<void>;
}

/** A string option, or undefined when absent or not a string. */
export function stringOption(conversation: Conversation, name: string): string | undefined {
  const value = conversation.option(name);
  return typeof value === 'string' ? value : undefined;
}

/** A whole-number option, or undefined. */
export function integerOption(conversation: Conversation, name: string): number | undefined {
  const value = conversation.option(name);
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** A boolean option, or undefined. */
export function booleanOption(conversation: Conversation, name: string): boolean | undefined {
  const value = conversation.option(name);
  return typeof value === 'boolean' ? value : undefined;
}

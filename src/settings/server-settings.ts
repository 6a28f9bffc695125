/**
 * What moderators choose per server (`/settings`): where Dateline answers
 * and where a mention opens a thread. Plain data; the SQLite store keeps it
 * and `app/channel-scope` decides from it.
 */

/** Where Dateline answers on a server: in every channel, or only in the listed ones (and their threads). */
export type AnswerIn = 'everywhere' | 'listed';

/** One server's settings. */
export interface ServerSettings {
  /** `everywhere` (the default) or only in {@link listed} channels and threads under them. */
  answerIn: AnswerIn;
  /**
   * Channel ids moderators listed, oldest first. Kept while answering
   * everywhere, so switching to `listed` and back loses nothing.
   */
  listed: string[];
  /** Thread mode server-wide: a mention in a text channel opens a thread and answers there. Default off. */
  threads: boolean;
  /** Thread mode for single channels (channel id → on/off), over {@link threads}. */
  channelThreads: Record<string, boolean>;
  /** The moderator who last changed them and when (ms since the epoch); absent while never changed. */
  changed?: { by: string; at: number };
}

/** A server nobody configured: answers everywhere, no thread mode. */
export const DEFAULT_SERVER_SETTINGS: Readonly<ServerSettings> = Object.freeze({ answerIn: 'everywhere', listed: [], threads: false, channelThreads: {} });

/** One `/settings` change; each field absent leaves that setting as it is. */
export interface SettingsChange {
  answerIn?: AnswerIn;
  /** A channel to list. */
  add?: string;
  /** A channel to take off the list. */
  remove?: string;
  /** Thread mode on, off, or null for the default (off server-wide; as the server for a channel), for `channel` or the whole server. */
  threads?: { on: boolean | null; channel?: string };
}

/** `settings` with `change` applied; `settings` itself is not modified. */
export function withChange(settings: ServerSettings, change: SettingsChange): ServerSettings {
  let listed = settings.listed.filter((id) => id !== change.remove);
  if (change.add && !listed.includes(change.add)) listed = [...listed, change.add];
  const channelThreads = { ...settings.channelThreads };
  let threads = settings.threads;
  const t = change.threads;
  if (t && t.channel === undefined) threads = t.on ?? false;
  else if (t?.channel !== undefined) {
    if (t.on === null) delete channelThreads[t.channel];
    else channelThreads[t.channel] = t.on;
  }
  return { answerIn: change.answerIn ?? settings.answerIn, listed, threads, channelThreads, ...(settings.changed ? { changed: settings.changed } : {}) };
}

import type { ServerSettings } from '../settings/server-settings.js';
import type { AppContext } from './app-context.js';
import type { Conversation, Place } from './conversation.js';
import { BotError, BotErrorId } from './errors.js';

/**
 * How a question asked at a place is answered, under its server's
 * `/settings`: `here` (in place), `thread` (a mention opens a thread and
 * answers there; `/ask` and "Ask Dateline" still answer in place), or
 * `nowhere`, with the channels where Dateline does answer.
 */
export type Scope = { answer: 'here' } | { answer: 'thread' } | { answer: 'nowhere'; channels: readonly string[] };

/** Where a request was made: its server (null in DMs, `terminal` in the chat) and place. */
export type Whereabouts = Pick<Conversation, 'guildId' | 'place'>;

/** The channel whose settings apply at `place`: a thread counts as its parent channel. */
export function settingsChannel(place: Place): string | null {
  return place.parentId ?? place.channelId;
}

/**
 * Decides {@link Scope} from a server's settings. DMs and the terminal chat
 * are never restricted; a thread under a listed channel counts as that
 * channel; a question already in a thread is answered there (never a
 * thread in a thread).
 */
export function scopeOf(settings: ServerSettings, where: Whereabouts): Scope {
  if (where.guildId === null || where.guildId === 'terminal') return { answer: 'here' };
  const channel = settingsChannel(where.place);
  if (settings.answerIn === 'listed' && (channel === null || !settings.listed.includes(channel))) return { answer: 'nowhere', channels: settings.listed };
  if (where.place.parentId !== undefined || channel === null) return { answer: 'here' };
  return (Object.hasOwn(settings.channelThreads, channel) ? settings.channelThreads[channel] : settings.threads) ? { answer: 'thread' } : { answer: 'here' };
}

/** The {@link Scope} of a request, reading its server's settings (none are read in DMs or the terminal). */
export function scopeHere(where: Whereabouts, ctx: Pick<AppContext, 'settings'>): Scope {
  if (where.guildId === null || where.guildId === 'terminal') return { answer: 'here' };
  return scopeOf(ctx.settings.get(where.guildId), where);
}

/** At most this many channels are named in a reply; the rest are counted. */
const NAMED_CHANNELS = 20;

/** Channels as Discord mentions (`<#id>`, shown as the channel's name): "<#a>, <#b> and <#c>". */
export function channelList(ids: readonly string[]): string {
  const named = ids.slice(0, NAMED_CHANNELS).map((id) => `<#${id}>`);
  if (ids.length > NAMED_CHANNELS) named.push(`${ids.length - NAMED_CHANNELS} more`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

/**
 * Refuses a question (`/ask`, "Ask Dateline") in a channel where the
 * server's moderators chose Dateline not to answer, privately, naming where
 * it does.
 */
export function requireAnswersHere(conversation: Whereabouts, ctx: Pick<AppContext, 'settings'>): void {
  const scope = scopeHere(conversation, ctx);
  if (scope.answer !== 'nowhere') return;
  const where = scope.channels.length ? `only in ${channelList(scope.channels)}` : 'in no channel for now';
  throw new BotError(BotErrorId.NotHere, `Dateline doesn't answer questions in this channel: a moderator of this server chose to have it answer ${where}. Please ask there.`);
}

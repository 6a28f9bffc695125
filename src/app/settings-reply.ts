import type { ServerSettings } from '../settings/server-settings.js';
import { channelList } from './channel-scope.js';

/** How a moderator changes the settings, shown under them. */
const HOW = '-# Change them with `/settings answer:` everywhere or listed, `add:` / `remove:` a channel, `threads:` on, off or default (with `channel:` for one channel).';

/** A Discord user id as a mention (shown as the name, pinging nobody in a reply that allows no pings); other ids as they are. */
function who(id: string): string {
  return /^\d+$/.test(id) ? `<@${id}>` : id;
}

/**
 * `/settings`' reply: where Dateline answers and where mentions open
 * threads on this server, who changed it last (a Discord timestamp), and
 * how to change it. `heading` says what happened ("Saved." or nothing).
 */
export function formatSettings(settings: ServerSettings, heading?: string): string {
  const where =
    settings.answerIn === 'everywhere'
      ? `in every channel${settings.listed.length ? ` (listed, for when you choose \`answer:listed\`: ${channelList(settings.listed)})` : ''}`
      : `only in ${channelList(settings.listed)} and threads under ${settings.listed.length === 1 ? 'it' : 'them'}`;
  const exceptions = Object.entries(settings.channelThreads)
    .filter(([, on]) => on !== settings.threads)
    .map(([id]) => id);
  const threads = `Thread mode (a mention opens a thread named after the question and answers there; \`/ask\` answers in place): **${settings.threads ? 'on' : 'off'}** server-wide${exceptions.length ? `, ${settings.threads ? 'off' : 'on'} in ${channelList(exceptions)}` : ''}.`;
  const changed = settings.changed ? `-# Last changed by ${who(settings.changed.by)} <t:${Math.floor(settings.changed.at / 1000)}:R>.` : '-# Never changed: these are the defaults.';
  return [...(heading ? [heading] : []), `**Dateline on this server**`, `Answers questions ${where}.`, threads, changed, HOW].join('\n');
}

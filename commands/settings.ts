import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { CommandOutcome } from '../src/app/command.js';
import type { AppContext } from '../src/app/app-context.js';
import { stringOption, type Conversation } from '../src/app/conversation.js';
import { BotError, BotErrorId } from '../src/app/errors.js';
import { requireModerator } from '../src/app/preconditions.js';
import { formatSettings } from '../src/app/settings-reply.js';
import { withChange, type AnswerIn, type SettingsChange } from '../src/settings/server-settings.js';

/** Channels that can be listed or put in thread mode: where people write (threads count as their parent). */
const CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] as const;

/**
 * `/settings [answer:] [add:] [remove:] [threads:] [channel:]`: options, not
 * subcommands, so several changes go in one command and `dateline chat`
 * reads it like any other. Hidden from members without Manage Server by
 * default; checked again at run time.
 */
export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('Where Dateline answers on this server, and thread mode; no options shows them (moderators only).')
  .addStringOption((o) =>
    o
      .setName('answer')
      .setDescription('Answer in every channel (the default) or only in the listed ones')
      .addChoices({ name: 'everywhere', value: 'everywhere' }, { name: 'only in listed channels', value: 'listed' }),
  )
  .addChannelOption((o) => o.setName('add').setDescription('List a channel where Dateline answers (threads under it count as it)').addChannelTypes(...CHANNEL_TYPES))
  .addChannelOption((o) => o.setName('remove').setDescription('Take a channel off the list').addChannelTypes(...CHANNEL_TYPES))
  .addStringOption((o) =>
    o
      .setName('threads')
      .setDescription('Thread mode: a mention opens a thread named after the question and answers there')
      .addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' }, { name: 'default (off server-wide; a channel follows the server)', value: 'default' }),
  )
  .addChannelOption((o) => o.setName('channel').setDescription('The channel threads: applies to (default: the whole server)').addChannelTypes(...CHANNEL_TYPES))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

function bad(message: string): BotError {
  return new BotError(BotErrorId.BadSetting, `${message} Nothing was changed.`);
}

/** A channel option's id: Discord sends the id; the terminal accepts the id or `<#id>`. */
function channelOption(conversation: Conversation, name: string): string | undefined {
  const value = stringOption(conversation, name)?.trim();
  if (value === undefined) return undefined;
  const id = /^<#(\d{15,21})>$/.exec(value)?.[1] ?? (/^\d{15,21}$/.test(value) ? value : undefined);
  if (!id) throw bad(`\`${name}:\` takes a channel (in Discord pick it from the list; in the terminal type its id or <#id>), not "${value}".`);
  return id;
}

function choice<T extends string>(conversation: Conversation, name: string, values: readonly T[]): T | undefined {
  const value = stringOption(conversation, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw bad(`\`${name}:\` is one of ${values.join(', ')}, not "${value}".`);
  return value as T;
}

/** The change the options ask for, or undefined when none is given (show the settings). */
function changeOf(conversation: Conversation): SettingsChange | undefined {
  const answerIn = choice<AnswerIn>(conversation, 'answer', ['everywhere', 'listed']);
  const threads = choice(conversation, 'threads', ['on', 'off', 'default']);
  const [add, remove, channel] = ['add', 'remove', 'channel'].map((name) => channelOption(conversation, name));
  if (channel && !threads) throw bad('`channel:` says where `threads:` applies: add `threads:on`, `threads:off` or `threads:default`.');
  if (add && add === remove) throw bad('`add:` and `remove:` name the same channel.');
  const change: SettingsChange = {
    ...(answerIn ? { answerIn } : {}),
    ...(add ? { add } : {}),
    ...(remove ? { remove } : {}),
    ...(threads ? { threads: { on: threads === 'default' ? null : threads === 'on', ...(channel ? { channel } : {}) } } : {}),
  };
  return Object.keys(change).length ? change : undefined;
}

/**
 * Shows the server's settings, or changes them and shows the result;
 * privately, to moderators only. Refuses to leave "only in listed channels"
 * with no channel listed, which would silence Dateline everywhere.
 */
export async function execute(conversation: Conversation, ctx: AppContext): Promise<CommandOutcome> {
  requireModerator(conversation, '/settings', "see or change Dateline's settings");
  const guildId = conversation.guildId!;
  const change = changeOf(conversation);
  const current = ctx.settings.get(guildId);
  const terminal = guildId === 'terminal' ? '-# The terminal chat always answers; these settings are its own and apply to no Discord server.' : undefined;
  if (!change) {
    await conversation.send({ pages: [formatSettings(current, terminal)], ephemeral: true });
    return { result: 'shown' };
  }
  const next = withChange(current, change);
  if (next.answerIn === 'listed' && next.listed.length === 0) {
    throw bad('Dateline would then answer in no channel: list one in the same command, e.g. `/settings answer:listed add:#channel`.');
  }
  const saved = ctx.settings.save(guildId, next, conversation.user.id);
  await conversation.send({ pages: [formatSettings(saved, ['Saved.', ...(terminal ? [terminal] : [])].join('\n'))], ephemeral: true });
  return { result: 'changed' };
}

import { ChannelType, DiscordAPIError, MessageFlags, PermissionFlagsBits, RESTJSONErrorCodes, type AnyThreadChannel, type Message } from 'discord.js';
import { takeAskTurn } from '../app/preconditions.js';
import { answerQuestion, MAX_ASKED_QUESTION_CHARS } from '../app/ask-flow.js';
import { scopeHere } from '../app/channel-scope.js';
import type { CommandOutcome } from '../app/command.js';
import type { DiscordContext } from './discord-context.js';
import type { Conversation } from '../app/conversation.js';
import { placeOf, toActionRows } from './discord-conversation.js';
import { deferralPlan } from './respond.js';
import { errorDetails } from '../app/error-details.js';
import { runRequest } from '../app/run-request.js';
import { redact } from '../app/secrets.js';

/** Replies ping nobody, not even the person replied to. */
const QUIET = { parse: [], repliedUser: false } as const;

/** Discord's longest thread name, in characters. */
export const THREAD_NAME_CHARS = 100;

/** Discord's longest message, in characters. */
const MESSAGE_CHARS = 2000;

/** The permissions thread mode needs in the channel, with the names Discord shows for them. */
const THREAD_PERMISSIONS = [
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
] as const;

/** The question in a message that mentions the bot: its text without the bot's mentions. */
export function questionIn(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** A thread named after `question`: whitespace collapsed, cut at a word with an ellipsis to fit Discord's 100 characters. */
export function threadName(question: string): string {
  const text = question.replace(/\s+/g, ' ').trim();
  if (text.length <= THREAD_NAME_CHARS) return text;
  let room = text.slice(0, THREAD_NAME_CHARS - 1);
  if (/[\uD800-\uDBFF]$/.test(room)) room = room.slice(0, -1);
  const atWord = /\s/.test(text[room.length]!) ? room : room.replace(/\s+\S*$/, '');
  return `${(atWord.length >= THREAD_NAME_CHARS / 2 ? atWord : room).trimEnd()}…`;
}

/** The one-line note under an answer given in place although thread mode is on: why there is no thread. */
export function noThreadNote(missing: readonly string[]): string {
  if (missing.length === 0) return '-# Thread mode is on in this channel, but Discord did not open a thread, so Dateline answers here.';
  const names = missing.length === 1 ? `the ${missing[0]} permission` : `the ${missing.slice(0, -1).join(', ')} and ${missing.at(-1)} permissions`;
  return `-# Thread mode is on in this channel, but Dateline lacks ${names} here, so it answers in place.`;
}

/** `pages` with `note` under the last one, or as a page of its own when the last is too full. */
function withNote(pages: readonly string[], note: string): string[] {
  const last = pages.at(-1);
  if (last === undefined) return [note];
  return last.length + 1 + note.length <= MESSAGE_CHARS ? [...pages.slice(0, -1), `${last}\n${note}`] : [...pages, note];
}

/** Where a mention is answered: a reply in place (with a note saying why, when thread mode could not open a thread) or a new thread. */
export type AnswerTarget = { thread?: undefined; note?: string } | { thread: AnyThreadChannel; note?: undefined };

/**
 * A {@link Conversation} over a channel message, visible to the channel:
 * answers go out as replies to it, or into `target.thread` (its place is
 * then the thread, with the message's channel as parent); `target.note`
 * goes under the first reply.
 */
export function messageConversation(message: Message<true>, deferAfterMs: number, target: AnswerTarget = {}): Conversation {
  const token = message.client.token;
  const { thread } = target;
  let note = target.note;
  let replied = false;
  return {
    via: 'mention',
    user: { id: message.author.id, name: message.author.username },
    createdAt: message.createdTimestamp,
    guildId: message.guildId,
    place: thread ? { channelId: thread.id, parentId: message.channelId } : placeOf(message.channelId, message.channel),
    option: () => undefined,
    isModerator: () => false,
    ackDueInMs: () => deferralPlan(message, deferAfterMs).inMs,
    inTime: async (work, { slow }) => {
      if (slow) await (thread ?? message.channel).sendTyping().catch(() => undefined);
      return work();
    },
    send: async (reply) => {
      const pages = note ? withNote(reply.pages, note) : reply.pages;
      note = undefined;
      for (const [i, page] of pages.entries()) {
        const components = i === pages.length - 1 ? toActionRows(reply.controls) : [];
        const payload = { content: redact(page, [token]), allowedMentions: QUIET, flags: MessageFlags.SuppressEmbeds as const, components };
        if (thread) await thread.send(payload);
        else if (!replied) await message.reply(payload);
        else await message.channel.send(payload);
        replied = true;
      }
    },
    fail: async (text) => {
      const payload = { content: redact(text, [token]), allowedMentions: QUIET };
      if (thread) await thread.send(payload);
      else await message.reply(payload);
    },
  };
}

/** The thread-mode permissions the bot lacks in the message's channel, by name; none when it has them or discord.js cannot tell (then the attempt decides). */
function missingThreadPermissions(message: Message<true>): string[] {
  const permissions = message.channel.permissionsFor(message.client.user);
  return permissions ? THREAD_PERMISSIONS.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name) : [];
}

/**
 * Opens a thread on the message, named after the question, or says why it
 * answers in place: the bot lacks a permission (checked first, and
 * Discord's 50013 Missing Permissions at run time), or Discord refused for
 * another reason (logged).
 */
async function openThread(message: Message<true>, question: string, ctx: DiscordContext): Promise<AnswerTarget> {
  const missing = missingThreadPermissions(message);
  if (missing.length) return { note: noThreadNote(missing) };
  try {
    return { thread: await message.startThread({ name: threadName(question) }) };
  } catch (error) {
    ctx.logger.warn({ message: message.id, error: errorDetails(error, [ctx.discord.token]) }, 'Could not open a thread; answering in place');
    const lacks = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions;
    return { note: noThreadNote(lacks ? [THREAD_PERMISSIONS[0][1]] : []) };
  }
}

/**
 * Answers messages that mention the bot, like `/ask` (same cooldown, same
 * buttons): in a reply, or, where the server's `/settings` turned thread
 * mode on, in a thread opened on the message and named after the question
 * (a mention inside a thread is answered in that thread). A mention gives
 * the bot the message's text without the privileged Message Content intent.
 *
 * Mentions in a channel where a moderator chose Dateline not to answer are
 * ignored, logged with result `not-here`: a public refusal under every
 * mention would be noise in a busy server, and a message cannot be
 * answered privately (`/ask` there is refused privately instead). Bots,
 * DMs and messages that only reply to the bot without mentioning it are
 * ignored too.
 */
export function createMentionHandler(ctx: DiscordContext) {
  return async function handleMessage(message: Message): Promise<void> {
    if (message.author.bot || !message.inGuild()) return;
    const me = message.client.user.id;
    if (!new RegExp(`<@!?${me}>`).test(message.content)) return;
    let conversation = messageConversation(message, ctx.deferAfterMs);
    const question = questionIn(message.content, me);
    await runRequest(
      {
        name: 'mention',
        values: { question },
        fields: { user: message.author.id, guild: message.guildId, message: message.id },
        secrets: [ctx.discord.token],
        run: async () => {
          const scope = scopeHere(conversation, ctx);
          if (scope.answer === 'nowhere') return { result: 'not-here' };
          if (!question) {
            await conversation.send({ pages: [`Ask me about the story after the mention, e.g. <@${me}> Where did Kerry and Lavrov meet?`] });
            return { result: 'hint' };
          }
          // A question too long to answer is refused in place, with no thread opened for the refusal.
          const threadable = message.channel.type === ChannelType.GuildText || message.channel.type === ChannelType.GuildAnnouncement;
          if (scope.answer === 'thread' && threadable && [...question].length <= MAX_ASKED_QUESTION_CHARS) {
            // The cooldown is checked before the thread opens, so a refusal is a reply in place, not a thread of its own.
            takeAskTurn(conversation, ctx);
            const target = await openThread(message, question, ctx);
            conversation = messageConversation(message, ctx.deferAfterMs, target);
            const answered = await answerQuestion(conversation, ctx, question, { ephemeral: false, turnTaken: true });
            const outcome: CommandOutcome & { thread: string } = { ...answered, thread: target.thread?.id ?? 'none' };
            return outcome;
          }
          return answerQuestion(conversation, ctx, question, { ephemeral: false });
        },
        fail: (text) => conversation.fail(text),
      },
      ctx,
      'mention',
    );
  };
}

import { MessageFlags, type Message } from 'discord.js';
import { answerQuestion } from '../app/ask-flow.js';
import type { DiscordContext } from './discord-context.js';
import type { Conversation } from '../app/conversation.js';
import { placeOf, toActionRows } from './discord-conversation.js';
import { deferralPlan } from './respond.js';
import { runRequest } from '../app/run-request.js';
import { redact } from '../app/secrets.js';

/** Replies ping nobody, not even the person replied to. */
const QUIET = { parse: [], repliedUser: false } as const;

/** The question in a message that mentions the bot: its text without the bot's mentions. */
export function questionIn(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** A {@link Conversation} over a channel message: answers go out as replies to it, visible to the channel. */
export function messageConversation(message: Message<true>, deferAfterMs: number): Conversation {
  const token = message.client.token;
  let replied = false;
  return {
    via: 'mention',
    user: { id: message.author.id, name: message.author.username },
    createdAt: message.createdTimestamp,
    guildId: message.guildId,
    place: placeOf(message.channelId, message.channel),
    option: () => undefined,
    isModerator: () => false,
    ackDueInMs: () => deferralPlan(message, deferAfterMs).inMs,
    inTime: async (work, { slow }) => {
      if (slow) await message.channel.sendTyping().catch(() => undefined);
      return work();
    },
    send: async (reply) => {
      for (const [i, page] of reply.pages.entries()) {
        const components = i === reply.pages.length - 1 ? toActionRows(reply.controls) : [];
        const payload = { content: redact(page, [token]), allowedMentions: QUIET, flags: MessageFlags.SuppressEmbeds as const, components };
        if (!replied) await message.reply(payload);
        else await message.channel.send(payload);
        replied = true;
      }
    },
    fail: async (text) => {
      await message.reply({ content: redact(text, [token]), allowedMentions: QUIET });
    },
  };
}

/**
 * Answers messages that mention the bot, in a reply, like `/ask` (same
 * cooldown, same buttons). A mention gives the bot the message's text
 * without the privileged Message Content intent. Bots, DMs and messages
 * that only reply to the bot without mentioning it are ignored.
 */
export function createMentionHandler(ctx: DiscordContext) {
  return async function handleMessage(message: Message): Promise<void> {
    if (message.author.bot || !message.inGuild()) return;
    const me = message.client.user.id;
    if (!new RegExp(`<@!?${me}>`).test(message.content)) return;
    const conversation = messageConversation(message, ctx.deferAfterMs);
    const question = questionIn(message.content, me);
    await runRequest(
      {
        name: 'mention',
        values: { question },
        fields: { user: message.author.id, guild: message.guildId, message: message.id },
        secrets: [ctx.discord.token],
        run: async () => {
          if (!question) {
            await conversation.send({ pages: [`Ask me about the story after the mention, e.g. <@${me}> Where did Kerry and Lavrov meet?`] });
            return { result: 'hint' };
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

import { setTimeout as delay } from 'node:timers/promises';
import { DiscordAPIError, Events, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction, type Message, type TextChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCommand } from '../../../src/app/command.js';
import { startBot } from '../../../src/discord/start-bot.js';
import { FakeDiscord, PERMISSIONS } from './index.js';
import { NO_IDENTIFY_WAIT, startHarness, type Harness } from '../../discord/harness.js';

/** The fake's own behaviour with the real discord.js client, which later reliability tests build on. */

const command = (name: string, execute: BotCommand['execute']): [string, BotCommand] => [name, { data: new SlashCommandBuilder().setName(name).setDescription(name), execute }];
let replies = 0;
const commands = new Map([
  command('ping', (c) => c.send({ pages: [`pong ${++replies}`] })),
  command('slow-ping', async (c) => {
    await delay(400);
    await c.send({ pages: ['too late'] });
  }),
]);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: { commands } });
}, 30_000);
afterAll(() => h?.stop());

describe('FakeDiscord', () => {
  it('refuses a callback after the deadline, as Discord refuses an expired interaction', async () => {
    h.fake.ackDeadlineMs = 200;
    const x = await h.run('slow-ping');
    h.fake.ackDeadlineMs = 3000;
    expect(x.expired).toBe(true);
    expect(x.messages()).toEqual([]);
    expect(h.log.lines().find((l) => l.msg === 'interaction' && l.interaction === x.id)).toMatchObject({ result: 'error' });
    expect(h.log.lines().find((l) => l.msg === '/slow-ping failed')).toMatchObject({ error: { message: 'Unknown interaction' } });
  });

  it('lets a hook inject a 429 and a 500; discord.js retries and the reply arrives', async () => {
    const faults = [FakeDiscord.rateLimited(0.05), { status: 500, body: { message: 'oops', code: 0 } }];
    const remove = h.fake.onRequest((r) => (r.path.endsWith('/callback') ? faults.shift() : undefined));
    const x = await h.run('ping');
    remove();
    expect(x.messages()).toHaveLength(1);
    expect(h.fake.requests.filter((r) => r.path === `/interactions/${x.id}/${x.payload.token}/callback`)).toHaveLength(3);
  });

  it.each([4000, 1006])('closes the gateway with %i; the client resumes and gets the interaction sent meanwhile', async (code) => {
    const resumes = h.log.lines().filter((l) => l.msg === 'Gateway session resumed').length;
    h.fake.closeGateway(code);
    const x = h.fake.command('ping');
    await h.handled(x);
    expect(x.messages()).toHaveLength(1);
    expect(h.log.lines().filter((l) => l.msg === 'Gateway session resumed')).toHaveLength(resumes + 1);
    expect(h.fake.identifies).toHaveLength(1);
  });
});

describe('FakeDiscord with two shards', () => {
  let sharded: Harness;
  beforeAll(async () => {
    sharded = await startHarness({ start: { commands, clientOptions: { ...NO_IDENTIFY_WAIT, shards: [0, 1], shardCount: 2 } } });
  }, 30_000);
  afterAll(() => sharded?.stop());

  it('identifies each shard and routes a guild interaction to its shard', async () => {
    expect(sharded.fake.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const x = await sharded.run('ping');
    expect(x.messages()).toHaveLength(1);
  });
});

describe('FakeDiscord threads, channels and the bot\'s permissions', () => {
  let t: Harness;
  beforeAll(async () => {
    t = await startHarness({ start: { commands }, fake: { guilds: [{ channels: ['general', 'news'] }] } });
  }, 30_000);
  afterAll(() => t?.stop());

  const general = () => t.bot.client.channels.cache.get(t.fake.guilds[0]!.channelId) as TextChannel;
  /** The next message discord.js delivers that matches `predicate`. */
  const nextMessage = (predicate: (m: Message) => boolean) =>
    new Promise<Message>((resolve) => {
      const on = (m: Message) => void (predicate(m) && (t.bot.client.off(Events.MessageCreate, on), resolve(m)));
      t.bot.client.on(Events.MessageCreate, on);
    });

  it('opens a thread on a message with its id (type 11, THREAD_CREATE), takes the bot\'s messages and users\' messages in it', async () => {
    const created = new Promise<boolean>((resolve) => t.bot.client.once(Events.ThreadCreate, (_thread, newly) => resolve(newly)));
    const sent = t.fake.userMessage('Where did they meet?');
    const thread = await general().threads.create({ name: 'Where did they meet?', startMessage: sent.id });
    expect(await created).toBe(true);
    expect(thread).toMatchObject({ id: sent.id, type: 11, parentId: general().id, name: 'Where did they meet?', ownerId: t.fake.botUser.id, guildId: t.fake.guilds[0]!.id });
    expect(t.fake.thread(sent.id)).toMatchObject({ parentId: general().id, name: 'Where did they meet?' });

    const echoed = nextMessage((m) => m.author.id === t.fake.botUser.id && m.channelId === thread.id);
    await thread.send('In Paris.');
    expect((await echoed).channel.isThread()).toBe(true);
    expect(t.fake.channelMessages.at(-1)).toMatchObject({ method: 'POST', channelId: thread.id, data: { content: 'In Paris.' } });

    const inThread = nextMessage((m) => m.author.id !== t.fake.botUser.id && m.channelId === thread.id);
    t.fake.userMessage('And when?', { who: { channelId: thread.id } });
    const message = await inThread;
    expect(message.content).toBe('And when?');
    expect(message.channel.isThread() && message.channel.parentId).toBe(general().id);
  });

  it('refuses a second thread on a message, a thread from a message in a thread, and a name over 100 characters, as Discord does', async () => {
    const sent = t.fake.userMessage('Who took the photo?');
    const thread = await general().threads.create({ name: 'Who took the photo?', startMessage: sent.id });
    await expect(general().threads.create({ name: 'again', startMessage: sent.id })).rejects.toMatchObject({ code: 160004 });
    const inside = t.fake.userMessage('a reply', { who: { channelId: thread.id } });
    await expect(t.bot.client.rest.post(`/channels/${thread.id}/messages/${inside.id}/threads`, { body: { name: 'nested' } })).rejects.toMatchObject({ code: 50024 });
    const other = t.fake.userMessage('long');
    await expect(general().threads.create({ name: 'x'.repeat(101), startMessage: other.id })).rejects.toBeInstanceOf(DiscordAPIError);
  });

  it('sets the bot\'s permissions: discord.js computes them, and opening a thread without Create Public Threads is refused with 50013', async () => {
    expect(general().permissionsFor(t.bot.client.user)!.has(PermissionFlagsBits.CreatePublicThreads)).toBe(true);
    t.fake.setBotPermissions(t.fake.guilds[0]!.id, String(BigInt(PERMISSIONS.bot) & ~(1n << 35n)));
    await expect.poll(() => general().permissionsFor(t.bot.client.user)!.has(PermissionFlagsBits.CreatePublicThreads)).toBe(false);
    expect(general().permissionsFor(t.bot.client.user)!.has(PermissionFlagsBits.SendMessages)).toBe(true);
    const sent = t.fake.userMessage('Why?');
    await expect(general().threads.create({ name: 'Why?', startMessage: sent.id })).rejects.toMatchObject({ code: 50013, status: 403 });
    t.fake.setBotPermissions(t.fake.guilds[0]!.id, PERMISSIONS.bot);
    await expect.poll(() => general().permissionsFor(t.bot.client.user)!.has(PermissionFlagsBits.CreatePublicThreads)).toBe(true);
  });

  it('sends interactions from another channel or a thread, and channel options resolved', async () => {
    const news = t.fake.guilds[0]!.channels[1]!;
    const seen = new Promise<ChatInputCommandInteraction>((resolve) => t.bot.client.once(Events.InteractionCreate, (i) => i.isChatInputCommand() && resolve(i)));
    await t.handled(t.fake.command('ping', { where: { channel: news.id } }, { channelId: news.id }));
    const interaction = await seen;
    expect(interaction.channelId).toBe(news.id);
    expect(interaction.options.data[0]).toMatchObject({ name: 'where', type: 7, value: news.id, channel: { id: news.id, name: 'news' } });

    const sent = t.fake.userMessage('Thread for a command');
    const thread = await general().threads.create({ name: 'Thread for a command', startMessage: sent.id });
    const inThread = new Promise<ChatInputCommandInteraction>((resolve) => t.bot.client.once(Events.InteractionCreate, (i) => i.isChatInputCommand() && resolve(i)));
    await t.run('ping', {}, { channelId: thread.id });
    expect((await inThread).channel?.isThread()).toBe(true);
  });

  it('lists the threads opened so far in GUILD_CREATE, so a restarted bot knows them', async () => {
    const sent = t.fake.userMessage('Before the restart');
    await general().threads.create({ name: 'Before the restart', startMessage: sent.id });
    await t.bot.stop();
    t.bot = await startBot(t.ctx, t.botConfig, { clientOptions: NO_IDENTIFY_WAIT, commands });
    expect(t.bot.client.channels.cache.get(sent.id)).toMatchObject({ type: 11, parentId: general().id, name: 'Before the restart' });
  });
});

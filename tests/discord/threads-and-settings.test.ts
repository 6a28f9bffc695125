import type { TextChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/start-bot.js';
import { PERMISSIONS, type FakeGuild, type Invoker, type OptionValue } from '../support/fake-discord/index.js';
import { seedText } from '../support/fixtures.js';
import { NO_IDENTIFY_WAIT, quotes, startHarness, type Harness } from './harness.js';

/**
 * Thread mode and `/settings`, end to end: the real discord.js client, the
 * bot's handlers and its settings file, against the fake Discord. Guild
 * `threads` tries thread mode; guild `listed` restricts where Dateline answers.
 */

let h: Harness;
let story: string;
let threadsGuild: FakeGuild;
let listedGuild: FakeGuild;
let nextUser = 1;
const reader = (where: Partial<Invoker> = {}): Invoker => ({ userId: `45000000000000000${nextUser++}`, ...where });
const moderator = (guild: FakeGuild): Invoker => ({ userId: '450000000000000099', permissions: PERMISSIONS.manageGuild, guildId: guild.id });
const channel = (guild: FakeGuild, name: string) => guild.channels.find((c) => c.name === name)!.id;

/** Runs `/settings` with `options` as `who` and returns its one reply. */
async function settings(options: Record<string, OptionValue>, who: Invoker) {
  const x = await h.handled(h.fake.command('settings', options, who));
  return x.messages()[0]!.data;
}

/** Mentions the bot with `question` as `who`; resolves with the message sent and the bot's first message answering it (in a thread on it, or a reply). */
async function mention(question: string, who: Invoker) {
  const sent = h.fake.userMessage(`@bot ${question}`, { mentionBot: true, who });
  const [answer] = await h.fake.waitForChannelMessages(1, (m) => m.channelId === sent.id || m.data.message_reference?.message_id === sent.id);
  return { sent, answer: answer!, log: await h.log.waitFor((l) => l.msg === 'mention' && l.message === sent.id) };
}

beforeAll(async () => {
  h = await startHarness({
    env: { ASK_COOLDOWN: 'off' },
    fake: { guilds: [{ name: 'threads', channels: ['general', 'news'] }, { name: 'listed', channels: ['general', 'news'] }] },
  });
  [threadsGuild, listedGuild] = h.fake.guilds as [FakeGuild, FakeGuild];
  story = await seedText();
}, 30_000);
afterAll(() => h?.stop());

describe('thread mode', () => {
  beforeAll(async () => {
    const reply = await settings({ threads: 'on', channel: { channel: channel(threadsGuild, 'news') } }, moderator(threadsGuild));
    expect(reply.content).toMatch(/^Saved\./);
  });
  const inNews = () => reader({ guildId: threadsGuild.id, channelId: channel(threadsGuild, 'news') });

  it('opens a thread named after the question on a mention and answers there, quoting the story', async () => {
    const { sent, answer, log } = await mention('Where did Kerry and Lavrov meet?', inNews());
    expect(h.fake.thread(sent.id)).toMatchObject({ name: 'Where did Kerry and Lavrov meet?', parentId: channel(threadsGuild, 'news') });
    expect(answer.channelId).toBe(sent.id);
    expect(answer.data.content).toMatch(/^\*\*Q:\*\* Where did Kerry and Lavrov meet\?/);
    const passages = quotes(answer.data.content!);
    expect(passages.some((q) => q.includes('Paris'))).toBe(true);
    for (const q of passages) expect(story).toContain(q);
    expect(answer.data.components![0]!.components).toHaveLength(4);
    expect(log).toMatchObject({ result: 'answered', thread: sent.id });
  });

  it('answers a mention inside the thread in that thread, opening no other', async () => {
    const { sent: first } = await mention('Who is Lavrov?', inNews());
    const threads = threadsGuild.threads.length;
    const inThread = reader({ guildId: threadsGuild.id, channelId: first.id });
    const { sent, answer } = await mention('and Kerry?', inThread);
    expect(answer).toMatchObject({ channelId: first.id, data: { message_reference: { message_id: sent.id } } });
    expect(answer.data.content).toMatch(/^\*\*Q:\*\*/);
    expect(threadsGuild.threads).toHaveLength(threads);
  });

  it('names the thread after a long question cut at a word, within Discord\'s 100 characters', async () => {
    const question = `Where did Kerry and Lavrov meet, ${'and what did they say about Ukraine and Crimea '.repeat(3)}?`;
    const { sent } = await mention(question, inNews());
    const name = h.fake.thread(sent.id)!.name;
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^Where did Kerry and Lavrov meet, and what did they say .*[a-z]…$/);
    expect(question.replace(/\s+/g, ' ')).toContain(name.slice(0, -1));
  });

  it('answers in place where thread mode is off, and /ask answers in place in a thread-mode channel', async () => {
    const { sent, answer } = await mention('Where did Kerry and Lavrov meet?', reader({ guildId: threadsGuild.id }));
    expect(answer.data.message_reference?.message_id).toBe(sent.id);
    expect(h.fake.thread(sent.id)).toBeUndefined();
    const threads = threadsGuild.threads.length;
    const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, inNews());
    expect(x.messages()[0]!.data.content).toMatch(/^\*\*Q:\*\* Where did Kerry and Lavrov meet\?/);
    expect(threadsGuild.threads).toHaveLength(threads);
  });

  it('without Create Public Threads, answers in place with a one-line note saying why', async () => {
    h.fake.setBotPermissions(threadsGuild.id, PERMISSIONS.member);
    const news = h.bot.client.channels.cache.get(channel(threadsGuild, 'news')) as TextChannel;
    await expect.poll(() => news.permissionsFor(h.bot.client.user)!.has('CreatePublicThreads')).toBe(false);
    try {
      const { sent, answer, log } = await mention('Where did Kerry and Lavrov meet?', inNews());
      expect(h.fake.thread(sent.id)).toBeUndefined();
      expect(answer.data.message_reference?.message_id).toBe(sent.id);
      const lines = answer.data.content!.split('\n');
      expect(lines[0]).toMatch(/^\*\*Q:\*\* Where did Kerry and Lavrov meet\?/);
      expect(lines.at(-1)).toBe(
        '-# Thread mode is on in this channel, but Dateline lacks the Create Public Threads and Send Messages in Threads permissions here, so it answers in place.',
      );
      expect(log).toMatchObject({ result: 'answered', thread: 'none' });
      expect(h.fake.requests.filter((r) => r.path === `/channels/${channel(threadsGuild, 'news')}/messages/${sent.id}/threads`)).toEqual([]);
    } finally {
      h.fake.setBotPermissions(threadsGuild.id, PERMISSIONS.bot);
      await expect.poll(() => news.permissionsFor(h.bot.client.user)!.has('CreatePublicThreads')).toBe(true);
    }
  });

  it('falls back the same way when Discord refuses the thread at run time (50013 Missing Permissions)', async () => {
    const remove = h.fake.onRequest((r) => (r.path.endsWith('/threads') ? { status: 403, body: { code: 50013, message: 'Missing Permissions' } } : undefined));
    try {
      const { sent, answer } = await mention('Who is Breedlove?', inNews());
      expect(answer.data.message_reference?.message_id).toBe(sent.id);
      expect(answer.data.content!.split('\n').at(-1)).toBe('-# Thread mode is on in this channel, but Dateline lacks the Create Public Threads permission here, so it answers in place.');
      expect(h.log.lines().some((l) => l.msg === 'Could not open a thread; answering in place' && l.message === sent.id)).toBe(true);
    } finally {
      remove();
    }
  });

  it('opens no thread for a question it refuses for its length: the refusal is a reply in place', async () => {
    const { sent, answer } = await mention(`Where did they meet? ${'very '.repeat(80)}`, inNews());
    expect(h.fake.thread(sent.id)).toBeUndefined();
    expect(answer.data.content).toMatch(/^Questions can be at most 300 characters/);
  });
});

describe('/settings restricting where Dateline answers', () => {
  const at = (name: string) => reader({ guildId: listedGuild.id, channelId: channel(listedGuild, name) });

  it('refuses members who are not moderators, privately, and changes nothing', async () => {
    const reply = await settings({ answer: 'listed', add: { channel: channel(listedGuild, 'news') } }, at('general'));
    expect(reply.flags! & 64).toBe(64);
    expect(reply.content).toBe("Only moderators (Manage Server permission or a moderator role) can see or change Dateline's settings. Nothing was changed.");
    const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, at('general'));
    expect(x.messages()[0]!.data.content).toMatch(/^\*\*Q:\*\*/);
  });

  it('lets a moderator restrict answers to one channel: /ask elsewhere is refused privately and politely, naming it', async () => {
    const news = channel(listedGuild, 'news');
    const reply = await settings({ answer: 'listed', add: { channel: news } }, moderator(listedGuild));
    expect(reply.flags! & 64).toBe(64);
    expect(reply.content).toContain(`Answers questions only in <#${news}> and threads under it.`);
    const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, at('general'));
    expect(x.messages()).toHaveLength(1);
    expect(x.messages()[0]!.data).toMatchObject({
      flags: 64,
      content: `Dateline doesn't answer questions in this channel: a moderator of this server chose to have it answer only in <#${news}>. Please ask there.`,
    });
    const menu = await h.handled(h.fake.messageCommand('Ask Dateline', { content: 'Where did Kerry and Lavrov meet?' }, at('general')));
    expect(menu.messages()[0]!.data).toMatchObject({ flags: 64, content: x.messages()[0]!.data.content });
  });

  it('answers /ask in the listed channel and in a thread under it', async () => {
    const inNews = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, at('news'));
    expect(inNews.messages()[0]!.data.content).toMatch(/^\*\*Q:\*\* Where did Kerry and Lavrov meet\?/);
    const news = h.bot.client.channels.cache.get(channel(listedGuild, 'news')) as TextChannel;
    const opened = h.fake.userMessage('A thread about the talks', { who: at('news') });
    const thread = await news.threads.create({ name: 'The talks', startMessage: opened.id });
    const inThread = await h.run('ask', { question: 'Who is Lavrov?' }, reader({ guildId: listedGuild.id, channelId: thread.id }));
    expect(inThread.messages()[0]!.data.content).toMatch(/^\*\*Q:\*\* Who is Lavrov\?/);
  });

  it('ignores a mention in a channel where it does not answer, with a log line', async () => {
    const before = h.fake.channelMessages.length;
    const sent = h.fake.userMessage('@bot where did Kerry and Lavrov meet?', { mentionBot: true, who: at('general') });
    expect(await h.log.waitFor((l) => l.msg === 'mention' && l.message === sent.id)).toMatchObject({ result: 'not-here' });
    const { answer } = await mention('where did Kerry and Lavrov meet?', at('news'));
    expect(answer.data.content).toMatch(/^\*\*Q:\*\*/);
    expect(h.fake.channelMessages.slice(before).filter((m) => m.data.message_reference?.message_id === sent.id || m.channelId === channel(listedGuild, 'general'))).toEqual([]);
  });

  it('keeps the settings across a restart of the bot', async () => {
    await h.bot.stop();
    h.bot = await startBot(h.ctx, h.botConfig, { clientOptions: NO_IDENTIFY_WAIT });
    const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, at('general'));
    expect(x.messages()[0]!.data.content).toMatch(/^Dateline doesn't answer questions in this channel/);
    const shown = await settings({}, moderator(listedGuild));
    expect(shown.content).toContain(`only in <#${channel(listedGuild, 'news')}>`);
    expect(shown.content).toContain(`Last changed by <@450000000000000099>`);
  });

  it('answers everywhere again when a moderator says so', async () => {
    await settings({ answer: 'everywhere' }, moderator(listedGuild));
    const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, at('general'));
    expect(x.messages()[0]!.data.content).toMatch(/^\*\*Q:\*\*/);
  });
});

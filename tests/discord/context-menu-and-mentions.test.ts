import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedText } from '../support/fixtures.js';
import { quotes, startHarness, type Harness } from './harness.js';

/** "Ask Dateline" on a message, and questions that mention the bot, through the real discord.js client. */

let h: Harness;
let story: string;
let nextUser = 1;
const reader = () => ({ userId: `42000000000000000${nextUser++}` });

beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: '2/60' } });
  story = await seedText();
}, 30_000);
afterAll(() => h?.stop());

describe('the "Ask Dateline" message command', () => {
  it("answers the selected message's text in the channel, quoting the story verbatim with buttons", async () => {
    const x = await h.handled(h.fake.messageCommand('Ask Dateline', { content: 'Who took the photo of the woman on the bench in Sevastopol?' }, reader()));
    const reply = x.messages()[0]!.data;
    expect(reply.flags! & 64).toBe(0);
    expect(reply.content).toMatch(/^\*\*Q:\*\* Who took the photo of the woman on the bench in Sevastopol\?/);
    expect(reply.content).toContain('— Photo caption 3 — REUTERS/Yannis Behrakis');
    for (const q of quotes(reply.content!)) expect(story).toContain(q);
    expect(reply.components![0]!.components!.map((b: any) => b.label)).toEqual(['More excerpts', 'Full paragraph', 'Helpful', 'Not helpful']);
  });

  it('refuses a message without text, privately, saying why', async () => {
    const x = await h.handled(h.fake.messageCommand('Ask Dateline', { content: '' }, reader()));
    expect(x.messages()[0]!.data).toMatchObject({ flags: 64 });
    expect(x.messages()[0]!.data.content).toMatch(/^That message has no text to ask about/);
  });

  it('refuses a message longer than a question may be, naming its length', async () => {
    const x = await h.handled(h.fake.messageCommand('Ask Dateline', { content: `Where did they meet? ${'very '.repeat(80)}` }, reader()));
    expect(x.messages()[0]!.data.content).toMatch(/^Questions can be at most 300 characters; yours has 420\./);
  });
});

describe('mentioning the bot', () => {
  it('answers in a reply that quotes the story, pings nobody, and carries the buttons', async () => {
    const who = reader();
    const sent = h.fake.userMessage('@bot where did Kerry and Lavrov meet? @everyone', { mentionBot: true, who });
    const [reply] = await h.fake.waitForChannelMessages(1, (m) => m.data.message_reference?.message_id === sent.id);
    expect(reply!.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply!.data.content).toMatch(/^\*\*Q:\*\* where did Kerry and Lavrov meet\? @everyone/);
    const passages = quotes(reply!.data.content!);
    expect(passages.some((q) => q.includes('Paris'))).toBe(true);
    for (const q of passages) expect(story).toContain(q);
    expect(reply!.data.components![0]!.components).toHaveLength(4);
    const line = await h.log.waitFor((l) => l.msg === 'mention' && l.message === sent.id);
    expect(line).toMatchObject({ command: 'mention', user: who.userId, result: 'answered' });
  });

  it('explains how to ask when the mention holds no question', async () => {
    const sent = h.fake.userMessage('@bot', { mentionBot: true, who: reader() });
    const [reply] = await h.fake.waitForChannelMessages(1, (m) => m.data.message_reference?.message_id === sent.id);
    expect(reply!.data.content).toBe(`Ask me about the story after the mention, e.g. <@${h.fake.botUser.id}> Where did Kerry and Lavrov meet?`);
  });

  it('shares the /ask cooldown, and tells the user in a reply', async () => {
    const who = reader();
    await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, who);
    await h.run('ask', { question: 'Who is Breedlove?' }, who);
    const sent = h.fake.userMessage('@bot and who is Lavrov?', { mentionBot: true, who });
    const [reply] = await h.fake.waitForChannelMessages(1, (m) => m.data.message_reference?.message_id === sent.id);
    const when = /^You can ask 2 questions every 60 s\. Try again <t:(\d+):R>\.$/.exec(reply!.data.content ?? '');
    expect(when, reply!.data.content ?? '').not.toBeNull();
    const seconds = Number(when![1]) - Date.now() / 1000;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(61);
  });

  it('ignores messages that do not mention it, and its own messages', async () => {
    const before = h.fake.channelMessages.length;
    const plain = h.fake.userMessage('where did Kerry and Lavrov meet?', { who: reader() });
    const mentioned = h.fake.userMessage('@bot what did Kerry say?', { mentionBot: true, who: reader() });
    await h.fake.waitForChannelMessages(1, (m) => m.data.message_reference?.message_id === mentioned.id);
    const replies = h.fake.channelMessages.slice(before).filter((m) => m.method === 'POST');
    expect(replies.map((m) => m.data.message_reference?.message_id)).toEqual([mentioned.id]);
    expect(replies.some((m) => m.data.message_reference?.message_id === plain.id)).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type FakeGuild, type Invoker } from '../support/fake-discord/index.js';
import { quotes, startHarness, unescape, type Harness } from './harness.js';

/** Follow-ups in a thread Dateline opened (thread mode), and the cooldown checked before a thread opens. */

let h: Harness;
let guild: FakeGuild;
let nextUser = 1;
const reader = (where: Partial<Invoker> = {}): Invoker => ({ userId: `46000000000000000${nextUser++}`, ...where });

async function mention(question: string, who: Invoker) {
  const sent = h.fake.userMessage(`@bot ${question}`, { mentionBot: true, who });
  const [answer] = await h.fake.waitForChannelMessages(1, (m) => m.channelId === sent.id || m.data.message_reference?.message_id === sent.id);
  return { sent, answer: answer!, content: unescape(answer!.data.content!) };
}

beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: '2/60' } });
  guild = h.fake.guilds[0]!;
  const x = await h.handled(h.fake.command('settings', { threads: 'on' }, { userId: '460000000000000099', permissions: PERMISSIONS.manageGuild }));
  expect(x.messages()[0]!.data.content).toMatch(/^Saved\./);
}, 30_000);
afterAll(() => h?.stop());

describe('follow-ups in a thread', () => {
  it("reads a question in the thread with the thread's last question, whoever asked it", async () => {
    const { sent: first, answer } = await mention('Who took the photo in Sevastopol?', reader());
    expect(answer.channelId).toBe(first.id);
    const { answer: reply, content } = await mention('and the Kurultai one?', reader({ guildId: guild.id, channelId: first.id }));
    expect(reply.channelId).toBe(first.id);
    expect(content).toMatch(/^\*\*Q:\*\* and the Kurultai one\?\n-# following up on: “Who took the photo in Sevastopol\?”/);
    expect(quotes(content)[0]).toContain('Kurultai');
    expect(content).toContain('REUTERS/Shamil Zhumatov');
  });

  it('refuses a question over the cooldown in place, without opening a thread for the refusal', async () => {
    const who = reader();
    await mention('Where did Kerry and Lavrov meet?', who);
    await mention('Who is Breedlove?', who);
    const threads = guild.threads.length;
    const { sent, answer, content } = await mention('Who is Lavrov?', who);
    expect(answer.data.message_reference?.message_id).toBe(sent.id);
    expect(content).toMatch(/^You can ask 2 questions every 60 s\. Try again <t:\d+:R>\.$/);
    expect(h.fake.thread(sent.id)).toBeUndefined();
    expect(guild.threads).toHaveLength(threads);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/start-bot.js';
import { seedText } from '../support/fixtures.js';
import { NO_IDENTIFY_WAIT, quotes, startHarness, unescape, type Harness } from './harness.js';

/** Follow-up questions end to end: the real bot and discord.js against the fake Discord. */

let h: Harness;
let story: string;
let clock = Date.now();
let nextUser = 1;
const reader = () => ({ userId: `43000000000000000${nextUser++}` });

const ask = async (question: string, who: { userId: string }) => {
  const x = await h.run('ask', { question }, who);
  return unescape(x.messages()[0]!.data.content!);
};

const mention = async (question: string, who: { userId: string }) => {
  const sent = h.fake.userMessage(`@bot ${question}`, { mentionBot: true, who });
  const [reply] = await h.fake.waitForChannelMessages(1, (m) => m.data.message_reference?.message_id === sent.id);
  return unescape(reply!.data.content!);
};

const FOLLOWING = /^-# following up on: “(.+)”$/m;

beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: 'off', FOLLOW_UP_WINDOW: '10m' }, start: { now: () => clock } });
  story = await seedText();
}, 30_000);
afterAll(() => h?.stop());

describe('follow-up questions in a channel', () => {
  it('reads "what did her spokeswoman say?" with the same person\'s previous question, and says which', async () => {
    const who = reader();
    await ask('Who is Catherine Ashton?', who);
    const reply = await ask('what did her spokeswoman say?', who);
    expect(reply).toMatch(/^\*\*Q:\*\* what did her spokeswoman say\?\n-# following up on: “Who is Catherine Ashton\?”/);
    const passages = quotes(reply);
    expect(passages[0]).toContain('meaningful dialogue');
    for (const q of passages) expect(story).toContain(q);
  });

  it('follows a /ask with a mention of the bot (one conversation, whatever the way in)', async () => {
    const who = reader();
    await ask('Who took the photo in Sevastopol?', who);
    const reply = await mention('and the Kurultai one?', who);
    expect(reply.match(FOLLOWING)?.[1]).toBe('Who took the photo in Sevastopol?');
    expect(quotes(reply)[0]).toContain('Kurultai');
    expect(reply).toContain('REUTERS/Shamil Zhumatov');
  });

  it('never mixes a question that stands alone with the previous one', async () => {
    const who = reader();
    await ask('Who is Catherine Ashton?', who);
    const reply = await ask('Where was the performance in a grocery store?', who);
    expect(reply).not.toMatch(FOLLOWING);
    expect(quotes(reply)[0]).toContain('Odessa');
  });

  it("does not lean on someone else's question, nor on one older than FOLLOW_UP_WINDOW", async () => {
    const ann = reader();
    const bob = reader();
    await ask('Who is Catherine Ashton?', ann);
    expect(await ask('what did her spokeswoman say?', bob)).not.toMatch(FOLLOWING);
    await ask('Who is Catherine Ashton?', ann);
    clock += 11 * 60_000;
    expect(await ask('what did her spokeswoman say?', ann)).not.toMatch(FOLLOWING);
  });

  it('keeps the context across a restart: it lives with the answers in the database', async () => {
    const who = reader();
    await ask('who is breedlove', who);
    await h.bot.stop();
    h.bot = await startBot(h.ctx, h.botConfig, { clientOptions: NO_IDENTIFY_WAIT, now: () => clock });
    const reply = await ask('when did he arrive?', who);
    expect(reply.match(FOLLOWING)?.[1]).toBe('who is breedlove');
    expect(quotes(reply)[0]).toContain('Saturday evening');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedText } from '../support/fixtures.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { quotes, startHarness, type Harness } from '../discord/harness.js';

const EPHEMERAL = 64;
const SUPPRESS_EMBEDS = 4;

let h: Harness;
let story: string;
let nextUser = 1;
/** Each question from its own user, so the cooldown stays out of the way. */
const ask = (options: Record<string, string | boolean>) => h.run('ask', options, { userId: `40000000000000000${nextUser++}` });

beforeAll(async () => {
  h = await startHarness({ env: { ANSWER_EXCERPTS: '3' } });
  story = await seedText();
}, 30_000);
afterAll(() => h?.stop());

const first = (x: InteractionExchange) => x.messages()[0]!;

describe('/ask', () => {
  it('replies publicly with verbatim quotes and the right citation', async () => {
    const x = await ask({ question: "What is Philip Breedlove's job?" });
    expect(x.responses[0]).toMatchObject({ kind: 'callback', type: 4 });
    const { content, flags, allowed_mentions } = first(x).data;
    expect(flags! & EPHEMERAL).toBe(0);
    expect(flags! & SUPPRESS_EMBEDS).toBe(SUPPRESS_EMBEDS);
    expect(allowed_mentions).toEqual({ parse: [] });
    const passages = quotes(content!);
    expect(passages.length).toBeGreaterThan(0);
    for (const p of passages) expect(story).toContain(p);
    expect(passages[0]).toContain('Supreme Allied Commander Europe');
    const afterFirstQuote = content!.split('\n').find((l: string) => l.startsWith('— '));
    expect(afterFirstQuote).toMatch(/^— ¶14 · \*U\.S\. Secretary of State John Kerry.*\* \(2014-03-30\)$/);
  });

  it('answers a casual question with quotes, saying how it read the misspelt names', async () => {
    const x = await ask({ question: '<@123456789012345678> wat day did kery n lavorv talk' });
    const { content } = first(x).data;
    expect(content).toContain('*read as: kerry, lavrov*');
    const passages = quotes(content!);
    for (const p of passages) expect(story).toContain(p);
    expect(passages[0]).toContain('on Sunday');
    expect(content).not.toContain("The story doesn't say");
  });

  it('says it is not sure, above the closest passages, when the story may not answer', async () => {
    const x = await ask({ question: 'What is the price of Russian oil?' });
    const { content } = first(x).data;
    expect(content).toMatch(/The story may not answer this directly — the closest passages:|The story doesn't say/);
    for (const p of quotes(content!)) expect(story).toContain(p);
  });

  it('cites a photo caption with its photographer', async () => {
    const x = await ask({ question: 'Who took the photo of the woman on the bench in Sevastopol?' });
    const { content } = first(x).data;
    expect(content).toContain('— Photo caption 3 — REUTERS/Yannis Behrakis');
    for (const p of quotes(content!)) expect(story).toContain(p);
  });

  it("says the story doesn't say, with the closest passages marked as not an answer", async () => {
    const x = await ask({ question: 'What was the score of the hockey game?' });
    const { content } = first(x).data;
    expect(content).toContain("**The story doesn't say.** The closest passages, which are not an answer:");
    for (const p of quotes(content!)) expect(story).toContain(p);
  });

  it('answers only the asker with private:true (ephemeral flag 64)', async () => {
    const x = await ask({ question: 'Where did Kerry and Lavrov meet?', private: true });
    // A direct reply, or on a busy bot (the event loop lagged) a deferral, which must itself be private.
    expect(x.responses[0]).toMatchObject({ kind: 'callback' });
    expect([4, 5]).toContain(x.responses[0]!.type);
    expect(x.lastMessage()!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(quotes(x.lastMessage()!.content).length).toBeGreaterThan(0);
  });

  it('pings nobody when the question mentions @everyone or a role', async () => {
    const x = await ask({ question: '@everyone <@&123456789012345678> where did Kerry and Lavrov meet?' });
    const { content, allowed_mentions } = first(x).data;
    expect(allowed_mentions).toEqual({ parse: [] });
    expect(content).toContain('@everyone');
  });

  it('refuses an empty question ephemerally, with the reason', async () => {
    const x = await ask({ question: '   ' });
    expect(first(x).data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(first(x).data.content).toMatch(/^The question is empty/);
  });

  it('logs one line per interaction with command, user, guild, latency, result and the question, never a token', () => {
    const lines = h.log.lines();
    const asked = lines.filter((l) => l.msg === 'interaction' && l.command === 'ask');
    expect(asked).toHaveLength(nextUser - 1);
    const breedlove = asked.find((l) => (l.options as { question: string }).question === "What is Philip Breedlove's job?")!;
    expect(breedlove).toMatchObject({ user: '400000000000000001', guild: h.fake.guilds[0]!.id, result: 'answered' });
    expect(typeof breedlove.latencyMs).toBe('number');
    expect(asked.find((l) => (l.options as { question: string }).question.includes('hockey'))).toMatchObject({ result: 'declined' });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(h.fake.token);
    for (const x of h.fake.exchanges.values()) expect(all).not.toContain(x.payload.token);
  });

  it('sends every message with no pings allowed', () => {
    const messages = [...h.fake.exchanges.values()].flatMap((x) => x.messages());
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) expect(m.data.allowed_mentions).toEqual({ parse: [] });
  });
});

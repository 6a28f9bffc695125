import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/start-bot.js';
import { FeedbackStore } from '../../src/feedback/feedback-store.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { seedText } from '../support/fixtures.js';
import { NO_IDENTIFY_WAIT, quotes, startHarness, type Harness } from './harness.js';

/** The buttons under an answer, end to end: the real bot and discord.js against the fake Discord. */

const EPHEMERAL = 64;
let h: Harness;
let story: string;
let clock = Date.now();
let nextUser = 1;
const reader = () => ({ userId: `41000000000000000${nextUser++}` });

/** The custom ids of the buttons under the last message, by label. */
function buttonsOf(message: any): Record<string, { custom_id: string; disabled?: boolean }> {
  const all = (message.components ?? []).flatMap((row: any) => row.components);
  return Object.fromEntries(all.map((b: any) => [b.label, b]));
}

async function askAndGetMessage(question: string, who = reader()): Promise<{ x: InteractionExchange; message: any }> {
  const x = await h.run('ask', { question }, who);
  return { x, message: x.lastMessage() };
}

const click = async (message: any, label: string, who = reader()) => {
  const x = h.fake.component(message, buttonsOf(message)[label]!.custom_id, {}, who);
  return h.handled(x);
};

const store = () => FeedbackStore.open(h.config.dataDir, { keepMs: h.botConfig.app.buttonsTtlMs });

beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: 'off', ANSWER_BUTTONS_TTL: '30m' }, start: { now: () => clock } });
  story = await seedText();
}, 30_000);
afterAll(() => h?.stop());

describe('the buttons under an answer', () => {
  let answer: { x: InteractionExchange; message: any };
  beforeAll(async () => {
    answer = await askAndGetMessage("What is Philip Breedlove's job?");
  });

  it('puts More excerpts, Full paragraph, 👍 and 👎 under every answer', () => {
    const buttons = buttonsOf(answer.message);
    expect(Object.keys(buttons)).toEqual(['More excerpts', 'Full paragraph', 'Helpful', 'Not helpful']);
    expect(Object.values(buttons).map((b: any) => b.emoji?.name ?? null)).toEqual([null, null, '👍', '👎']);
    for (const b of Object.values(buttons)) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('"More excerpts" shows the next best passages privately, quoted verbatim and not repeating the answer', async () => {
    const x = await click(answer.message, 'More excerpts');
    // As Discord shows it: a direct reply, or (on a busy bot) the filled private deferral.
    const reply = x.lastMessage()!;
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/^\*\*More excerpts for:\*\* What is Philip Breedlove/);
    const more = quotes(reply.content);
    expect(more.length).toBeGreaterThan(0);
    for (const q of more) expect(story).toContain(q);
    const shown = quotes(answer.message.content);
    for (const q of more) expect(shown).not.toContain(q);
  });

  it('"Full paragraph" shows the cited paragraph whole, privately, with its citation', async () => {
    const x = await click(answer.message, 'Full paragraph');
    // As Discord shows it: a direct reply, or (on a busy bot) the filled private deferral.
    const reply = x.lastMessage()!;
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const paragraph14 = story.slice(story.indexOf('General Philip Breedlove'), story.indexOf('\n', story.indexOf('General Philip Breedlove')));
    expect(quotes(reply.content)[0]).toBe(paragraph14);
    expect(reply.content).toContain('— ¶14 · ');
  });

  it('counts a 👍 once per user per answer, and a second user separately', async () => {
    const alice = reader();
    const first = await click(answer.message, 'Helpful', alice);
    expect(first.messages()[0]!.data).toMatchObject({ content: 'Thanks! Counted as helpful.', flags: EPHEMERAL | 4 });
    await click(answer.message, 'Helpful', alice);
    await click(answer.message, 'Helpful');
    const s = store();
    const votes = s.votes().filter((v) => v.question === "What is Philip Breedlove's job?");
    s.close();
    expect(votes.map((v) => v.vote)).toEqual(['up', 'up']);
    expect(votes[0]!.shown.map((e) => e.text)).toEqual(quotes(answer.message.content));
    expect(votes[0]!.indexVersion).toBe(h.ctx.index.generation());
  });

  it('👎 offers the reasons; picking one records it and closes the menu', async () => {
    const bob = reader();
    const { message } = await askAndGetMessage('Who is the leader of the Crimean Tatars?', bob);
    const down = await click(message, 'Not helpful', bob);
    const offer = down.lastMessage()!;
    expect(offer.flags & EPHEMERAL).toBe(EPHEMERAL);
    const select = offer.components[0]!.components![0]!;
    expect(select.options!.map((o: any) => o.label)).toEqual(['Wrong passage', 'Missed the answer', "Should have said the story doesn't say", 'Other']);
    const picked = await h.handled(h.fake.component(offer, select.custom_id!, { componentType: 3, values: ['should-decline'] }, bob));
    expect(picked.responses[0]).toMatchObject({ kind: 'callback', type: 7, data: { content: "Thanks, noted: Should have said the story doesn't say.", components: [] } });
    const s = store();
    expect(s.votes().find((v) => v.userId === bob.userId)).toMatchObject({ vote: 'down', reason: 'should-decline', question: 'Who is the leader of the Crimean Tatars?' });
    s.close();
  });

  it('keeps working after the bot restarts (the answer is looked up in the database)', async () => {
    await h.bot.stop();
    h.bot = await startBot(h.ctx, h.botConfig, { clientOptions: NO_IDENTIFY_WAIT, now: () => clock });
    const x = await click(answer.message, 'Full paragraph');
    expect(quotes(x.messages()[0]!.data.content!)[0]).toContain('General Philip Breedlove');
  });

  it('"Full paragraph" finds the quoted passage in a story changed since, and says so when it is gone', async () => {
    const { message } = await askAndGetMessage("What is Philip Breedlove's job?");
    const file = path.join(h.config.seedsDir, (await fs.readdir(h.config.seedsDir)).find((f) => f.endsWith('.txt'))!);
    await fs.writeFile(file, `Editor's note: updated.\n\n${story}`);
    await h.ctx.index.reindex();
    const moved = await click(message, 'Full paragraph');
    expect(quotes(moved.messages()[0]!.data.content!)[0]).toMatch(/^General Philip Breedlove, who is both NATO's Supreme Allied Commander Europe/);
    await fs.writeFile(file, story.replace(/General Philip Breedlove[^\n]*\n/, ''));
    await h.ctx.index.reindex();
    const gone = (await click(message, 'Full paragraph')).messages()[0]!.data.content as string;
    expect(gone).not.toContain('Breedlove, who is both');
    expect(gone.endsWith('\n\n-# 1 quoted passage is no longer in the story (it was changed since this answer).')).toBe(true);
    await fs.writeFile(file, story);
    await h.ctx.index.reindex();
  });

  it('expire politely: the buttons are removed and the user is told how to get fresh ones', async () => {
    const { message } = await askAndGetMessage('Where did Kerry and Lavrov meet?');
    clock += 31 * 60_000;
    const x = await click(message, 'More excerpts');
    expect(x.responses[0]).toMatchObject({ kind: 'callback', type: 7, data: { components: [] } });
    expect(x.messages().at(-1)!.data).toMatchObject({
      content: 'These buttons have expired (they work for 30 minutes after an answer). Ask again with `/ask` for fresh ones.',
      flags: EPHEMERAL | 4,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { startHarness, type Harness } from './harness.js';

/** "More excerpts" asks again, so it counts against the clicker's /ask cooldown (ASK_COOLDOWN), end to end. */

const EPHEMERAL = 64;
let h: Harness;
let now = 2_000_000;

beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: '2/60' }, start: { now: () => now } });
}, 30_000);
afterAll(() => h?.stop());

const moreId = (message: FakeMessage) =>
  ((message.components ?? []) as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components).find((b) => b.label === 'More excerpts')!.custom_id;

describe('"More excerpts" and the cooldown', () => {
  it('takes a turn like /ask: once the turns are used up it is refused privately with when to try again, and nothing is retrieved', async () => {
    const asker = { userId: '710000000000000001' };
    const answer = (await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, asker)).lastMessage()!;
    now += 1000;
    const more = await h.handled(h.fake.component(answer, moreId(answer), {}, asker));
    expect(more.messages()[0]!.data.content).toMatch(/^\*\*More excerpts for:\*\*/);
    now += 1000;
    const refused = await h.handled(h.fake.component(answer, moreId(answer), {}, asker));
    const reply = refused.messages()[0]!.data;
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toBe(`You can ask 2 questions every 60 s. Try again <t:${Math.ceil((now - 2000 + 60_000) / 1000)}:R>.`);
    expect(h.log.lines().find((l) => l.interaction === refused.id)).toMatchObject({ command: 'button:more', result: 'refused', errorId: 'cooldown' });
    const blockedAsk = await h.run('ask', { question: 'Who is Breedlove?' }, asker);
    expect(blockedAsk.messages()[0]!.data.content).toMatch(/^You can ask 2 questions every 60 s\./);
  });

  it('counts per person: someone else clicking the same answer is not held back by the asker', async () => {
    const asker = { userId: '710000000000000002' };
    const answer = (await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, asker)).lastMessage()!;
    await h.run('ask', { question: 'Who is Breedlove?' }, asker);
    const other = await h.handled(h.fake.component(answer, moreId(answer), {}, { userId: '710000000000000003' }));
    expect(other.messages()[0]!.data.content).toMatch(/^\*\*More excerpts for:\*\*/);
  });
});

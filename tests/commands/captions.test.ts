import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/start-bot.js';
import type { FakeMessage, InteractionExchange } from '../support/fake-discord/index.js';
import { bundledEmbedder, SEED_CAPTION_CREDITS as CREDITS, seedText } from '../support/fixtures.js';
import { controlledEmbedder, NO_IDENTIFY_WAIT, quotes, startHarness, type Harness } from '../discord/harness.js';

const EPHEMERAL = 64;
const STORY = '2014-03-30-kerry-lavrov-paris';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h?.stop());

type Button = { custom_id: string; label: string; disabled?: boolean };

/** The buttons under a message, by label. */
function buttonsOf(message: FakeMessage | undefined): Record<string, Button> {
  const all = ((message?.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);
  return Object.fromEntries(all.map((b) => [b.label, b]));
}

const click = (message: FakeMessage, customId: string) => h.handled(h.fake.component(message, customId));
const pageOf = (content: string) => content.match(/-# Page (\d+) of (\d+)/)?.slice(1).map(Number);

describe('/captions', () => {
  it('lists the seven captions, numbered, with credit, place and date, across pages within Discord limits', async () => {
    const first = await h.run('captions');
    const page1 = first.messages()[0]!.data.content as string;
    const pages = Number(page1.match(/-# Page 1 of (\d+)/)?.[1] ?? 1);
    const contents = [page1];
    for (let p = 2; p <= pages; p++) contents.push((await h.run('captions', { page: p })).messages()[0]!.data.content!);
    const all = contents.join('\n');
    for (const c of contents) expect(c.length).toBeLessThanOrEqual(2000);
    CREDITS.forEach((credit, i) => expect(all).toContain(`**${i + 1}.** ${credit} · `));
    expect(all).toContain('**3.** REUTERS/Yannis Behrakis · Sevastopol, Crimea · March 30, 2014');
    const story = await seedText();
    const captions = contents.flatMap(quotes);
    expect(captions).toHaveLength(7);
    for (const c of captions) expect(story).toContain(c);
    expect(first.messages()[0]!.data.flags! & 64).toBe(0);
  });

  it('refuses a page past the last one, ephemerally', async () => {
    const x = await h.run('captions', { page: 99 });
    expect(x.messages()[0]!.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^There (is 1 page|are \d+ pages) of captions/) });
  });
});

describe('/captions ◀ ▶ buttons', () => {
  let first: InteractionExchange;
  beforeAll(async () => {
    first = await h.run('captions');
  });

  it('sit under the first page with ◀ disabled, ▶ enabled, ids within 100 characters', () => {
    const buttons = buttonsOf(first.lastMessage());
    expect(Object.keys(buttons)).toEqual(['◀ Previous', 'Next ▶']);
    expect(buttons['◀ Previous']!.disabled).toBe(true);
    expect(buttons['Next ▶']!.disabled).toBeFalsy();
    for (const b of Object.values(buttons)) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(pageOf(first.lastMessage()!.content)).toEqual([1, 2]);
  });

  it('▶ turns the same message (update in place, callback 7) into page 2, with ▶ disabled and ◀ enabled', async () => {
    const message = first.lastMessage()!;
    const x = await click(message, buttonsOf(message)['Next ▶']!.custom_id);
    expect(x.responses[0]).toMatchObject({ kind: 'callback', type: 7 });
    const updated = x.lastMessage()!;
    expect(updated.id).toBe(message.id);
    expect(pageOf(updated.content)).toEqual([2, 2]);
    expect(updated.content).toContain('**5.** ');
    expect(updated.content).not.toContain('**1.** ');
    expect(updated.flags & EPHEMERAL).toBe(0);
    expect(buttonsOf(updated)['Next ▶']!.disabled).toBe(true);
    expect(buttonsOf(updated)['◀ Previous']!.disabled).toBeFalsy();
  });

  it('keep working after the bot restarts: the page is in the button, nothing is looked up', async () => {
    const page1 = first.lastMessage()!;
    const next = buttonsOf(page1)['Next ▶']!.custom_id;
    await h.bot.stop();
    h.bot = await startBot(h.ctx, h.botConfig, { clientOptions: NO_IDENTIFY_WAIT });
    const forward = await click(page1, next);
    const page2 = forward.lastMessage()!;
    expect(pageOf(page2.content)).toEqual([2, 2]);
    const back = await click(page2, buttonsOf(page2)['◀ Previous']!.custom_id);
    expect(pageOf(back.lastMessage()!.content)).toEqual([1, 2]);
    expect(back.lastMessage()!.content).toContain('**1.** ');
  });

  it('show the last page for a page that no longer exists (the index shrank since)', async () => {
    const x = await click(first.lastMessage()!, 'dl:cap:7');
    expect(x.responses[0]).toMatchObject({ kind: 'callback', type: 7 });
    expect(pageOf(x.lastMessage()!.content)).toEqual([2, 2]);
  });

  it('page through one story when /captions named one (its id in the button), the page: option still working', async () => {
    const x = await h.run('captions', { story: STORY, page: 2 });
    const message = x.lastMessage()!;
    expect(pageOf(message.content)).toEqual([2, 2]);
    const previous = buttonsOf(message)['◀ Previous']!.custom_id;
    expect(previous).toBe(`dl:cap:1:${STORY}`);
    const back = await click(message, previous);
    expect(pageOf(back.lastMessage()!.content)).toEqual([1, 2]);
    expect(buttonsOf(back.lastMessage())['Next ▶']!.custom_id).toBe(`dl:cap:2:${STORY}`);
  });

  it('say privately, leaving the captions message as it was, when the story has left the index', async () => {
    const message = first.lastMessage()!;
    const x = await click(message, 'dl:cap:1:a-story-since-removed');
    expect(x.messages()[0]!.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining('"a-story-since-removed" is no longer in the index') });
    expect(x.responses.some((r) => r.kind === 'callback' && r.type === 7)).toBe(false);
    expect(x.responses.some((r) => r.kind === 'delete')).toBe(false);
  });
});

describe('/captions ◀ ▶ while the index is still loading', () => {
  it('acknowledge the click at once (callback 6), then edit the same message to the page', async () => {
    const control = controlledEmbedder(await bundledEmbedder());
    control.hold();
    const slow = await startHarness({ embedder: control.embedder, openIndex: false });
    try {
      const { message } = slow.fake.userMessage('a message with caption buttons');
      const x = slow.fake.component(message, 'dl:cap:2');
      await x.waitFor((e) => e.acknowledged);
      expect(x.responses[0]).toMatchObject({ kind: 'callback', type: 6 });
      control.release();
      await slow.handled(x);
      const edited = x.lastMessage()!;
      expect(edited.id).toBe(message.id);
      expect(pageOf(edited.content)).toEqual([2, 2]);
      expect(buttonsOf(edited)['Next ▶']!.disabled).toBe(true);
    } finally {
      control.release();
      await slow.stop();
    }
  }, 30_000);
});

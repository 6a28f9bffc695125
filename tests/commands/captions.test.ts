import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CAPTION_CREDITS as CREDITS, seedText } from '../support/fixtures.js';
import { quotes, startHarness, type Harness } from '../discord/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h?.stop());

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

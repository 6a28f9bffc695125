import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyChoices } from '../../src/discord/story-option.js';
import type { CorpusIndex } from '../../src/index/corpus-index.js';
import { PERMISSIONS, type InteractionExchange } from '../support/fake-discord/index.js';
import { SECOND_STORY, seedText, twoStoriesFolder } from '../support/fixtures.js';
import { quotes, startHarness, type Harness } from './harness.js';

/** Several stories in seeds/: the story option with autocomplete, /caption and /sources. */

const KERRY = '2014-03-30-kerry-lavrov-paris';
let h: Harness;
let kerry: string;
let nextUser = 1;
const reader = () => ({ userId: `43000000000000000${nextUser++}` });
const content = (x: { messages(): { data: any }[] }) => x.messages().map((m) => String(m.data.content)).join('\n');

beforeAll(async () => {
  h = await startHarness({ seedsDir: await twoStoriesFolder(), env: { ASK_COOLDOWN: 'off' } });
  kerry = await seedText();
}, 30_000);
afterAll(() => h?.stop());

describe('autocomplete of the story option', () => {
  it('offers the stories whose title words match what was typed, as Discord choices', async () => {
    const typed = h.fake.autocomplete('ask', { question: 'waves', story: 'portugal sto' }, 'story', reader());
    await typed.waitFor((e) => e.choices() !== undefined);
    expect(typed.responses[0]).toMatchObject({ kind: 'callback', type: 8 });
    expect(typed.choices()).toEqual([{ name: `${SECOND_STORY.title} (2019-07-14)`, value: SECOND_STORY.id }]);
    const all = h.fake.autocomplete('captions', { story: '' }, 'story', reader());
    await all.waitFor((e) => e.choices() !== undefined);
    expect(all.choices()!.map((c) => c.value)).toEqual([SECOND_STORY.id, KERRY]);
    const none = h.fake.autocomplete('caption', { number: 1, story: 'hockey' }, 'story', reader());
    await none.waitFor((e) => e.choices() !== undefined);
    expect(none.choices()).toEqual([]);
  });

  it('offers at most 25 choices however many stories there are', () => {
    const stories = Array.from({ length: 40 }, (_, i) => ({ id: `story-${i}`, title: `Talks in Paris, day ${i}`, date: '2014-03-30', units: [] }));
    const index = { stories } as unknown as CorpusIndex;
    const choices = storyChoices({ value: 'talks' }, { index: { current: () => index } } as never);
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.startsWith('Talks in Paris'))).toBe(true);
  });
});

describe('/ask across stories', () => {
  it('searches every story without the option, and each citation names its story', async () => {
    const x = await h.run('ask', { question: 'How high were the waves in Peniche?' }, reader());
    const text = content(x);
    expect(quotes(text)[0]).toBe('The harbour master in Peniche said waves of up to seven metres were expected until Tuesday.');
    expect(text).toContain(`— ¶2 · *${SECOND_STORY.title}* (2019-07-14)`);
  });

  it('searches only the chosen story with story:', async () => {
    const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?', story: SECOND_STORY.id }, reader());
    const text = content(x);
    expect(text).toContain("**The story doesn't say.**");
    for (const q of quotes(text)) expect(SECOND_STORY.text).toContain(q);
    const y = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?', story: KERRY }, reader());
    for (const q of quotes(content(y))) expect(kerry).toContain(q);
  });

  const NO_SUCH_STORY = `There is no story "no-such-story" in the index. The stories are: ${KERRY} (U.S. Secretary of State John Kerry and his Russian counterpart, Sergei Lavrov, discussed…), ${SECOND_STORY.id} (${SECOND_STORY.title}).`;
  /** The messages the channel is left with for `x`, and who sees each: only the asker (ephemeral) or everyone. */
  const shown = (x: InteractionExchange) => [...x.posted.values()].map((m) => ({ content: m.content, onlyAsker: Boolean(m.flags & 64) }));

  it('names the stories there are when story: is not one of them, to the asker only', async () => {
    const x = await h.run('ask', { question: 'Where?', story: 'no-such-story' }, reader());
    expect(shown(x)).toEqual([{ content: NO_SUCH_STORY, onlyAsker: true }]);
  });

  it('keeps that message to the asker also when the bot had already deferred publicly (a busy bot)', async () => {
    // Delivered 1.2 s after Discord created it: the bot defers at once ("thinking…", public, as /ask answers are).
    const x = await h.run('ask', { question: 'Where?', story: 'no-such-story' }, { ...reader(), createdMsAgo: 1200 });
    expect(x.responses[0]).toMatchObject({ kind: 'callback', type: 5 });
    expect(shown(x)).toEqual([{ content: NO_SUCH_STORY, onlyAsker: true }]);
  });
});

describe('/captions and /caption', () => {
  it('/captions story: lists that story only', async () => {
    const x = await h.run('captions', { story: SECOND_STORY.id }, reader());
    expect(content(x)).toBe(
      `**Photo captions** · *${SECOND_STORY.title}*\n\n**1.** REUTERS/Test Photographer · Peniche, Portugal · July 13, 2019\n> Fishing boats sit idle in the harbour of Peniche, Portugal, July 13, 2019. REUTERS/Test Photographer`,
    );
  });

  it('/caption number: shows one caption in full, of the first story by default', async () => {
    const x = await h.run('caption', { number: 3 }, reader());
    const text = content(x);
    expect(text.split('\n').slice(0, 2)).toEqual([
      '**Photo caption 3** · *U.S. Secretary of State John Kerry and his Russian counterpart, Sergei Lavrov, discussed…*',
      'REUTERS/Yannis Behrakis · Sevastopol, Crimea · March 30, 2014',
    ]);
    expect(kerry).toContain(quotes(text)[0]!);
    expect(quotes(text)[0]).toMatch(/^A local woman sits on a bench .* REUTERS\/Yannis Behrakis$/);
  });

  it('/caption past the last caption says which numbers exist', async () => {
    const x = await h.run('caption', { number: 2, story: SECOND_STORY.id }, reader());
    expect(content(x)).toBe(`"${SECOND_STORY.title}" has 1 photo caption; there is no caption 2.`);
  });
});

describe('/sources', () => {
  it('lists every story with date, source and counts, the model, and when and by whom the index was built', async () => {
    const before = content(await h.run('sources', {}, reader()));
    expect(before).toContain(`- **${SECOND_STORY.title}** · 2019-07-14 · Test desk · 3 paragraphs, 1 caption · \`${SECOND_STORY.id}\``);
    expect(before).toContain(`· 2014-03-30 · 14 paragraphs, 7 captions · \`${KERRY}\``);
    expect(before).toMatch(/Index: 35 sentences, model dateline\/glove-100d-sif \(100 dimensions\), built <t:\d+:f> automatically/);
    await fs.appendFile(path.join(h.config.seedsDir, `${SECOND_STORY.id}.txt`), '\nThe storm moved north on Monday.\n');
    const moderator = { userId: '430000000000000099', username: 'mod-ana', permissions: PERMISSIONS.manageGuild };
    await h.run('reindex', {}, moderator);
    const after = content(await h.run('sources', {}, reader()));
    expect(after).toContain(`**${SECOND_STORY.title}** · 2019-07-14 · Test desk · 4 paragraphs, 1 caption`);
    expect(after).toMatch(/built <t:\d+:f> by mod-ana \(430000000000000099\)\.$/);
  });
});

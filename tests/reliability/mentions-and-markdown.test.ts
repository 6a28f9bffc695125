import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotes, startHarness, unescape, type Harness } from '../discord/harness.js';
import { seedsFolder, seedText } from '../support/fixtures.js';
import { recordScenario } from '../support/reliability-record.js';

/** Mentions in questions and in the story never ping; markdown in a question cannot change the reply's layout. */
const NOTICE = [
  'Club notice',
  '',
  'The organisers pinged @everyone and @here in the club channel before the vote on Tuesday.',
  '',
  'The notice also tagged the <@&123456789012345678> role and the member <@234567890123456789> by name, in <#345678901234567890>.',
  '',
].join('\n');
const MENTIONS = ['@everyone', '@here', '<@&123456789012345678>', '<@234567890123456789>'];

let h: Harness;
/** Both stories' text: every quote must be in it. */
let stories: string;
beforeAll(async () => {
  h = await startHarness({ seedsDir: await seedsFolder({ 'club-notice.txt': NOTICE }), env: { ASK_COOLDOWN: 'off' } });
  stories = `${NOTICE}\n${await seedText()}`;
}, 30_000);
afterAll(() => h?.stop());

const contents = (x: { messages(): { data: { content?: unknown } }[] }) => x.messages().map((m) => String(m.data.content));

describe('mentions and markdown', () => {
  it('answers questions and quotes story text full of mentions with allowed_mentions.parse empty, showing the mentions literally', async ({ task }) => {
    const record = recordScenario(task, 'security-no-mass-mention', 'No mention ever pings');
    const questions = [
      'Who did the organisers ping before the vote?',
      'Which role and member did the notice tag?',
      '@everyone @here who did the organisers ping before the vote?',
      '<@&123456789012345678> <@234567890123456789> which role did the notice tag?',
    ];
    const exchanges = [];
    for (const [i, question] of questions.entries()) exchanges.push(await h.run('ask', { question }, { userId: `97000000000000000${i}` }));
    const messages = exchanges.flatMap((x) => x.messages());
    for (const m of messages) expect(m.data.allowed_mentions).toEqual({ parse: [] });
    const all = messages.map((m) => String(m.data.content)).join('\n');
    expect(all).not.toMatch(/(^|[^\\])<[@#]/);
    const shown = unescape(all);
    for (const mention of MENTIONS) expect(shown).toContain(mention);
    const quoted = exchanges.flatMap((x) => contents(x).flatMap(quotes));
    expect(quoted.some((q) => q.includes('@everyone'))).toBe(true);
    for (const q of quoted) expect(stories).toContain(q);
    record.counts.interactions = exchanges.length;
    record.counts.badInputs = questions.length + MENTIONS.length;
    Object.assign(record.figures, {
      'questions with mentions, and a story quoting @everyone, @here, a role and a user': questions.length,
      'messages sent': messages.length,
      'messages with allowed_mentions other than { parse: [] }': 0,
      'raw <@ or <# left unescaped': 0,
    });
  });

  it('keeps the reply layout whatever markdown, code fences or line breaks the question holds', async ({ task }) => {
    const record = recordScenario(task, 'security-markdown-layout', 'Markdown in questions cannot break the reply');
    const question = '```js\nconsole.log("hi")\n``` **bold** __under__ ~~strike~~ ||spoiler|| `tick`\n# heading\n> quote\n- item [link](https://example.com) -# small where did Kerry and Lavrov meet?';
    const x = await h.run('ask', { question }, { userId: '970000000000000009' });
    const [content] = contents(x);
    const lines = content!.split('\n');
    const folded = question.replace(/\s+/g, ' ').trim();
    expect(unescape(lines[0]!)).toBe(`**Q:** ${folded}`);
    expect(lines[0]).not.toMatch(/(^|[^\\])(```|\*\*bold|\|\||\[link\])/);
    expect(lines.slice(1).filter((l) => l && !l.startsWith('> ') && !l.startsWith('— ') && !l.startsWith('**The story'))).toEqual([]);
    const passages = quotes(content!);
    expect(passages.length).toBeGreaterThan(0);
    record.counts.interactions = 1;
    record.counts.badInputs = 1;
    Object.assign(record.figures, {
      'question': JSON.stringify(question),
      'first line of the reply (as Discord shows it)': unescape(lines[0]!),
      'lines of the reply outside the question, quotes and citations': 0,
    });
  });
});

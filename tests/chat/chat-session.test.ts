import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotContext, type BotContext } from '../../src/bot/context.js';
import { loadCommands } from '../../src/bot/load-commands.js';
import { runChat } from '../../src/chat/chat-session.js';
import { createContext } from '../../src/context.js';
import { bundledEmbedder, memoryLogger, seedText, testConfig } from '../support/fixtures.js';

/** `dateline chat` runs the bot's own commands through a terminal adapter: type lines in, read what Discord would show. */

let ctx: BotContext;
let story: string;

async function chat(...lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const done = runChat(ctx, await loadCommands(), { input, output });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text;
}

const quoted = (text: string) => text.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2));

beforeAll(async () => {
  const config = await testConfig();
  ctx = createBotContext(await createContext(config, memoryLogger().logger, { embedder: await bundledEmbedder() }), { cooldown: false });
  story = await seedText();
}, 30_000);
afterAll(() => ctx?.feedback.close());

describe('dateline chat', () => {
  it('answers /ask with verbatim block quotes, citations and the buttons, as Discord shows them', async () => {
    const out = await chat('/ask Where did Kerry and Lavrov meet?');
    expect(out).toMatch(/^Dateline is thinking…\nQ: Where did Kerry and Lavrov meet\?\n\n> /);
    for (const q of quoted(out)) expect(story).toContain(q);
    expect(out).toMatch(/^— ¶\d+ · U\.S\. Secretary of State John Kerry .*\(2014-03-30\)$/m);
    expect(out).toContain('[ More excerpts ] [ Full paragraph ] [ 👍 Helpful ] [ 👎 Not helpful ]\ntype more, full, +1, -1');
  });

  it('clicks the buttons of the last answer by typing more, full, +1, -1 and why <n>, recording the votes', async () => {
    const out = await chat("What is Philip Breedlove's job?", 'full', 'more', '+1', '-1', 'why 1');
    expect(out).toContain("\nMore excerpts for: What is Philip Breedlove's job?\n");
    expect(out).toContain('Thanks! Counted as helpful.');
    expect(out).toContain('Changed your vote to 👎. What went wrong? (optional)\nWhat went wrong? 1) Wrong passage  2) Missed the answer');
    expect(out).toContain('Thanks, noted: Wrong passage.');
    const paragraph = story.slice(story.indexOf('General Philip Breedlove'), story.indexOf('\n', story.indexOf('General Philip Breedlove')));
    expect(quoted(out)).toContain(paragraph);
    const mine = ctx.feedback.votes().filter((v) => v.question === "What is Philip Breedlove's job?");
    expect(mine).toMatchObject([{ vote: 'down', reason: 'wrong-passage', via: 'terminal' }]);
  });

  it('lists captions, shows one, lists sources, and reindexes as the terminal user', async () => {
    const out = await chat('/captions', '/caption 3', '/reindex', '/sources');
    expect(out).toContain('Photo captions · U.S. Secretary of State John Kerry');
    expect(out).toContain('Page 1 of 2 · next: `/captions page:2`');
    expect(out).toContain('Photo caption 3 · U.S. Secretary of State John Kerry');
    expect(out).toMatch(/Index rebuilt in \d+\.\d\d s with dateline\/glove-100d-sif\.\nStories: 1 → 1 · Sentences: 31 → 31\nOnly you can see this/);
    expect(out).toMatch(/Index: 31 sentences, model dateline\/glove-100d-sif \(100 dimensions\), built .* by \S+ \(terminal:\S+\)\./);
  });

  it('says what is wrong with a line, and stops at /quit', async () => {
    const out = await chat('/caption three', 'more', '/nope', '/quit', '/sources');
    expect(out.split('\n').filter(Boolean)).toEqual([
      'number must be a whole number; got "three".',
      'Nothing to click: the last reply has no "more".',
      'There is no /nope. Commands: /ask, /caption, /captions, /feedback, /reindex, /sources; /help, /quit.',
    ]);
  });
});

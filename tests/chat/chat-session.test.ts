import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import { loadCommands } from '../../src/app/load-commands.js';
import { chatReadline, runChat } from '../../src/chat/chat-session.js';
import { displayWidth, wrapText } from '../../src/chat/wrap.js';
import { chatAppContext, chatLines, quotedLines } from '../support/chat.js';
import { seedText } from '../support/fixtures.js';

/** `dateline chat` runs the bot's own commands through a terminal adapter: type lines in, read what Discord would show. */

let ctx: AppContext;
let story: string;

async function chat(...lines: string[]): Promise<string> {
  return chatWith({}, ...lines);
}

function chatWith(options: { width?: () => number }, ...lines: string[]): Promise<string> {
  return chatLines(ctx, lines, options);
}

/** A stand-in for a terminal: streams that say they are TTYs, keys typed one chunk at a time as a person would. */
function terminal(columns = 72) {
  const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns });
  let text = '';
  output.on('data', (d) => (text += d));
  return { input, output, text: () => text };
}

/** Resolves once `read()` matches `re` (the chat answers asynchronously). */
async function until(read: () => string, re: RegExp, count = 1): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((read().match(new RegExp(re.source, 'g')) ?? []).length >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${re} in:\n${read()}`);
}

const quoted = quotedLines;

beforeAll(async () => {
  ctx = await chatAppContext();
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
    const out = await chat('/captions', '/caption 3', '/reindex full:true', '/sources');
    expect(out).toContain('Photo captions · U.S. Secretary of State John Kerry');
    expect(out).toContain('Page 1 of 2 · next: `/captions page:2`');
    expect(out).toContain('Photo caption 3 · U.S. Secretary of State John Kerry');
    expect(out).toMatch(/Index rebuilt in \d+\.\d\d s with dateline\/glove-100d-sif\.\nStories added 0, changed 0, removed 0\.\nStories: 1 → 1 · Sentences: 31 → 31\nOnly you can see this/);
    expect(out).toMatch(/Index: 31 sentences, model dateline\/glove-100d-sif \(100 dimensions\), built .* by \S+ \(terminal:\S+\)\./);
  });

  it('says what is wrong with a line, and stops at /quit', async () => {
    const out = await chat('/caption three', 'more', '/nope', '/quit', '/sources');
    expect(out.split('\n').filter(Boolean)).toEqual([
      'number must be a whole number; got "three".',
      'Nothing to click: the last reply has no "more".',
      'There is no /nope. Commands: /ask, /caption, /captions, /feedback, /help, /reindex, /settings, /sources; help, quit.',
    ]);
  });

  it('ends at quit or exit, typed as words, instead of asking them as questions', async () => {
    for (const word of ['quit', 'exit', 'Quit', '/exit']) {
      const out = await chat(word, '/sources');
      expect(out).toBe('');
    }
  });

  it('answers help and /help with the bot\'s /help, then the words only the chat knows', async () => {
    for (const word of ['help', '/help', 'HELP']) {
      const out = await chat(word);
      expect(out).toContain('Dateline answers questions about the stories below');
      expect(out).toContain('`/captions` — List the story\'s photo captions');
      expect(out).toContain('- `¶12` — paragraph 12 of the story');
      expect(out).toContain('Stories loaded: 1 story');
      expect(out.indexOf('Only you can see this')).toBeLessThan(out.indexOf('In this chat you can also type:'));
      expect(out).toMatch(/^ {2}more {2,}The next best passages/m);
      expect(out).toMatch(/^ {2}prev, next {2,}The previous or next page of \/captions\.$/m);
      expect(out).toMatch(/^ {2}quit {2,}End the chat \(also exit, or Ctrl-D\)\.$/m);
      expect(out).not.toContain('Q: help');
    }
  });

  it('runs /help with its options like any command', async () => {
    const out = await chat('/help public:true');
    expect(out).toContain('Dateline answers questions about the stories below');
    expect(out).not.toContain('Only you can see this');
    expect(out).not.toContain('In this chat you can also type:');
  });

  it('turns /captions pages with next and prev, as ◀ ▶ do in Discord', async () => {
    const out = await chat('/captions', 'next', 'next', 'prev');
    expect(out).toContain('( ◀ Previous ) [ Next ▶ ]\ntype next');
    expect(out).toContain('[ ◀ Previous ] ( Next ▶ )\ntype prev');
    expect(out).toContain('Nothing to click: the last reply has no "next".');
    const pages = [...out.matchAll(/Page (\d) of 2/g)].map((m) => Number(m[1]));
    expect(pages).toEqual([1, 2, 1]);
  });

  it('pages onwards when more is typed again, and says when there are no more', async () => {
    const out = await chat('Where did Kerry and Lavrov meet?', 'more', 'more', 'more', 'more', 'more');
    const replies = out.split(/\n(?=More excerpts for:|No more excerpts)/).slice(1);
    expect(replies).toHaveLength(5);
    const pages = replies.slice(0, 3).map(quoted);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const answer = quoted(out.slice(0, out.indexOf('More excerpts for:')));
    const all = [...answer, ...pages.flat()];
    expect(new Set(all).size).toBe(all.length); // no passage twice
    expect(replies[3]).toMatch(/^No more excerpts: those were the 10 best passages for this question\.\nOnly you can see this/);
    expect(replies[4]).toMatch(/^No more excerpts/);
  });

  it("keeps the last answer's buttons clickable after a 👎 reason, as Discord does", async () => {
    const out = await chat('Where did Kerry and Lavrov meet?', '-1', 'why 2', 'more', 'full', '+1');
    expect(out).toContain('Thanks, noted: Missed the answer.');
    expect(out).not.toContain('Nothing to click');
    expect(out).toContain('More excerpts for: Where did Kerry and Lavrov meet?');
    expect(out).toContain('Changed your vote to 👍 helpful. Thanks!');
  });

  it('wraps replies at word boundaries to the width, keeping block quotes quoted', async () => {
    const width = 50;
    const out = await chatWith({ width: () => width }, '/caption 1');
    const lines = out.split('\n');
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(width);
    const quote = lines.filter((l) => l.startsWith('> '));
    expect(quote.length).toBeGreaterThan(3);
    // Every word whole, and the quote reads as the caption when joined.
    expect(quote.map((l) => l.slice(2)).join(' ')).toBe(story.match(/A delegate attends the Kurultai[^\n]*/)![0]);
  });

  it('runs readline in terminal mode when interactive, and as plain lines otherwise', () => {
    const t = terminal();
    const interactive = chatReadline({ input: t.input, output: t.output, interactive: true });
    const plain = chatReadline({ input: new PassThrough(), output: new PassThrough() });
    expect(interactive.terminal).toBe(true);
    expect(plain.terminal).toBe(false);
    interactive.close();
    plain.close();
  });

  it('edits lines and recalls them with ↑ in an interactive terminal, and Ctrl-D ends the chat', async () => {
    const t = terminal(60);
    const done = runChat(ctx, await loadCommands(), { input: t.input, output: t.output, interactive: true });
    await until(t.text, /dateline> /);
    expect(t.text()).toContain('Type a question, or a command as in Discord:');
    // "/caption 34", ← once, backspace: "/caption 4".
    t.input.write('/caption 34');
    t.input.write('\u001b[D');
    t.input.write('\u007f');
    t.input.write('\r');
    await until(t.text, /Photo caption 4 · /);
    // ↑ brings back the last line; Enter runs it again.
    t.input.write('\u001b[A');
    t.input.write('\r');
    await until(t.text, /Photo caption 4 · /, 2);
    expect(t.text()).not.toContain('^[[');
    expect(t.text()).not.toMatch(/Q: .*\[A/);
    // Wrapped to the terminal's 60 columns, quotes kept quoted.
    const quote = t.text().split('\n').filter((l) => l.startsWith('> '));
    expect(quote.length).toBeGreaterThan(2);
    expect(Math.max(...quote.map(displayWidth))).toBeLessThanOrEqual(60);
    t.input.write('\u0004'); // Ctrl-D
    await done;
  });
});

describe('wrapText', () => {
  it('breaks at spaces only, repeats the quote marker and indents list items', () => {
    expect(wrapText('> one two three four five six seven eight nine ten eleven', 24)).toBe('> one two three four\n> five six seven eight\n> nine ten eleven');
    expect(wrapText('1. REUTERS/Shamil Zhumatov · Bakhchisaray · March 29, 2014', 30)).toBe('1. REUTERS/Shamil Zhumatov ·\n   Bakhchisaray · March 29,\n   2014');
    expect(wrapText('short line', 30)).toBe('short line');
    expect(wrapText('  /caption   Show one photo caption in full, with photographer', 36)).toBe('  /caption   Show one photo caption\n             in full, with\n             photographer');
  });

  it('measures colour codes and emoji as they show', () => {
    const green = '\u001b[32m▌\u001b[39m ';
    const out = wrapText(`${green}alpha beta gamma delta epsilon zeta`, 22).split('\n');
    expect(out).toEqual([`${green}alpha beta gamma`, `${green}delta epsilon zeta`]);
    expect(displayWidth('[ 👍 Helpful ]')).toBe(14);
  });
});

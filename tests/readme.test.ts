import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotContext, type BotContext } from '../src/bot/context.js';
import { loadCommands } from '../src/bot/load-commands.js';
import { createChatSession, type ChatSession } from '../src/chat/chat-session.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createContext } from '../src/context.js';
import { bundledEmbedder, memoryLogger, testConfig } from './support/fixtures.js';

/** The README's "Commands, with examples" blocks, replayed in order through `dateline chat`'s session. */

const PROMPT = 'dateline> ';

/** Times and durations differ from run to run; everything else must match exactly. */
const normalise = (text: string) => text.replace(/built \d{1,2} \w{3} \d{4}, \d\d:\d\d/g, 'built <time>').replace(/in \d+\.\d\d s/g, 'in <n> s');

async function readmeExamples(): Promise<string[]> {
  const readme = await fs.readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.split('## Commands, with examples')[1]!.split('\n## ')[0]!;
  return [...section.matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

let ctx: BotContext;
let session: ChatSession;
let written = '';

beforeAll(async () => {
  const output = new Writable({
    write(chunk, _encoding, done) {
      written += chunk;
      done();
    },
  });
  ctx = createBotContext(await createContext(await testConfig(), memoryLogger().logger, { embedder: await bundledEmbedder() }), { cooldown: false });
  session = createChatSession(ctx, await loadCommands(), { output });
}, 30_000);
afterAll(() => ctx?.feedback.close());

describe('README examples', async () => {
  const examples = await readmeExamples();

  it('show every command a user can type', () => {
    const typed = examples.flatMap((e) => e.split('\n').filter((l) => l.startsWith(PROMPT)).map((l) => l.slice(PROMPT.length).split(' ')[0]));
    expect(new Set(typed)).toEqual(new Set(['/ask', 'more', 'full', '+1', '-1', 'why', '/captions', '/caption', '/sources', '/reindex', '/feedback']));
  });

  it.each(examples.map((e) => [e.split('\n')[0]!, e]))('%s gives the reply shown', async (_first, example) => {
    let actual = '';
    for (const line of example.split('\n').filter((l) => l.startsWith(PROMPT))) {
      written = '';
      await session.handle(line.slice(PROMPT.length));
      actual += `${line}\n${written}`;
    }
    expect(normalise(actual.trimEnd())).toBe(normalise(example));
  });
});

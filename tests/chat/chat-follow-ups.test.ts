import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/app/app-context.js';
import { parseAppConfig } from '../../src/app/config.js';
import { loadCommands } from '../../src/app/load-commands.js';
import { runChat } from '../../src/chat/chat-session.js';
import { createCoreContext } from '../../src/core-context.js';
import { bundledEmbedder, memoryLogger, seedText, testConfig } from '../support/fixtures.js';

/** `dateline chat` keeps the session's previous question, as a Discord channel keeps the asker's. */

let ctx: AppContext;
let story: string;

/** One chat session: the lines typed in order; resolves with everything it printed. */
async function session(...lines: string[]): Promise<string> {
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
  ctx = createAppContext(await createCoreContext(config, memoryLogger().logger, { embedder: await bundledEmbedder() }), parseAppConfig({}));
  story = await seedText();
}, 30_000);
afterAll(() => ctx?.feedback.close());

describe('follow-ups in dateline chat', () => {
  it('reads a follow-up with the previous question of the session and says so', async () => {
    const out = await session('/ask Who took the photo in Sevastopol?', '/ask and the Kurultai one?');
    const second = out.slice(out.lastIndexOf('Q: and the Kurultai one?'));
    expect(second).toMatch(/^Q: and the Kurultai one\?\nfollowing up on: “Who took the photo in Sevastopol\?”/);
    expect(quoted(second)[0]).toContain('Kurultai');
    for (const q of quoted(out)) expect(story).toContain(q);
  });

  it('starts each chat afresh: a new session has no previous question', async () => {
    await session('/ask Who is Catherine Ashton?');
    const out = await session('/ask what did her spokeswoman say?');
    expect(out).not.toContain('following up on');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import { chatAppContext, chatLines, quotedLines } from '../support/chat.js';
import { seedText } from '../support/fixtures.js';

/** `dateline chat` keeps the session's previous question, as a Discord channel keeps the asker's. */

let ctx: AppContext;
let story: string;

const session = (...lines: string[]) => chatLines(ctx, lines);

beforeAll(async () => {
  ctx = await chatAppContext();
  story = await seedText();
}, 30_000);
afterAll(() => ctx?.feedback.close());

describe('follow-ups in dateline chat', () => {
  it('reads a follow-up with the previous question of the session and says so', async () => {
    const out = await session('/ask Who took the photo in Sevastopol?', '/ask and the Kurultai one?');
    const second = out.slice(out.lastIndexOf('Q: and the Kurultai one?'));
    expect(second).toMatch(/^Q: and the Kurultai one\?\nfollowing up on: “Who took the photo in Sevastopol\?”/);
    expect(quotedLines(second)[0]).toContain('Kurultai');
    for (const q of quotedLines(out)) expect(story).toContain(q);
  });

  it('starts each chat afresh: a new session has no previous question', async () => {
    await session('/ask Who is Catherine Ashton?');
    const out = await session('/ask what did her spokeswoman say?');
    expect(out).not.toContain('following up on');
  });
});

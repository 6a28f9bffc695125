import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseControlId } from '../../src/app/answer-control-ids.js';
import { runAnswerControl, shownExcerpts } from '../../src/app/answer-controls.js';
import { createAppContext, type AppContext } from '../../src/app/app-context.js';
import { answerQuestion } from '../../src/app/ask-flow.js';
import { parseAppConfig } from '../../src/app/config.js';
import type { Conversation, Reply } from '../../src/app/conversation.js';
import { createCoreContext } from '../../src/core-context.js';
import type { AnswerRecord } from '../../src/feedback/feedback-store.js';
import { ask } from '../../src/queries.js';
import { quotes } from '../discord/harness.js';
import { bundledEmbedder, memoryLogger, seedsFolder, seedText, testConfig } from '../support/fixtures.js';

/** An answer carries what its buttons need (issue #14): the buttons answer from the stored record, old records from the index. */

const URL = 'https://example.com/2014/03/30/kerry-lavrov-paris';
const QUESTION = "What is Philip Breedlove's job?";
let ctx: AppContext;
let story: string;

function conversation(): { c: Conversation; replies: Reply[] } {
  const replies: Reply[] = [];
  const c: Conversation = {
    via: 'terminal',
    user: { id: 'reader', name: 'reader' },
    createdAt: Date.now(),
    guildId: 'terminal',
    place: { channelId: 'chat:test' },
    option: () => undefined,
    isModerator: () => true,
    ackDueInMs: () => 1500,
    inTime: (work) => work(),
    send: async (reply) => void replies.push(reply),
    fail: async (message) => void replies.push({ pages: [message] }),
  };
  return { c, replies };
}

/** Asks as `/ask` does and returns the reply and the stored answer behind its buttons. */
async function askQuestion(question: string): Promise<{ reply: Reply; record: AnswerRecord }> {
  const { c, replies } = conversation();
  await answerQuestion(c, ctx, question, { ephemeral: false });
  const id = parseControlId(replies[0]!.controls![0]![0]!.id)!.answerId;
  return { reply: replies[0]!, record: ctx.feedback.getAnswer(id)! };
}

async function click(record: AnswerRecord, action: 'more' | 'full'): Promise<Reply> {
  const { c, replies } = conversation();
  await runAnswerControl(c, { action, answerId: record.id }, { clearControls: async () => {}, replaceWith: async () => {} }, ctx);
  return replies[0]!;
}

/** The same answer as stored before excerpts carried their unit and URL. */
function storedWithoutUnits(record: AnswerRecord): AnswerRecord {
  const { id: _id, createdAt: _at, ...rest } = record;
  return ctx.feedback.saveAnswer({ ...rest, shown: record.shown.map(({ unit: _unit, url: _url, ...e }) => e) });
}

beforeAll(async () => {
  const seeds = await seedsFolder({ '2014-03-30-kerry-lavrov-paris.json': JSON.stringify({ url: URL }) });
  const core = await createCoreContext(await testConfig(seeds), memoryLogger().logger, { embedder: await bundledEmbedder() });
  ctx = createAppContext(core, parseAppConfig({}));
  await ctx.index.open();
  story = await seedText();
}, 30_000);
afterAll(() => ctx?.feedback.close());

describe('an answer and its buttons', () => {
  it("links the story's source URL under its quotes and stores the generation that answered", async () => {
    const { reply, record } = await askQuestion(QUESTION);
    expect(reply.pages[0]).toContain(` · <${URL}>`);
    expect(record.indexVersion).toBe(ctx.index.generation());
    expect(record.shown[0]!.unit!.text).toMatch(/^General Philip Breedlove, who is both NATO's Supreme Allied Commander Europe/);
  });

  it('"Full paragraph" shows the paragraph stored with the answer, without opening the index', async () => {
    const { record } = await askQuestion(QUESTION);
    const open = vi.spyOn(ctx.index, 'open');
    const reply = await click(record, 'full');
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
    const start = story.indexOf('General Philip Breedlove');
    expect(quotes(reply.pages[0]!)[0]).toBe(story.slice(start, story.indexOf('\n', start)));
    expect(reply.pages[0]).toContain('— ¶14 · ');
  });

  it('"Full paragraph" of an answer stored before excerpts carried their units finds the same paragraphs in the index', async () => {
    const { record } = await askQuestion(QUESTION);
    const old = storedWithoutUnits(record);
    expect(old.shown[0]!.unit).toBeUndefined();
    const open = vi.spyOn(ctx.index, 'open');
    const reply = await click(old, 'full');
    expect(open).toHaveBeenCalled();
    open.mockRestore();
    expect(reply).toEqual(await click(record, 'full'));
  });

  it('"More excerpts" quotes the passages ranked next, through the answer queue, for new and old answers alike', async () => {
    const { record } = await askQuestion(QUESTION);
    const next = shownExcerpts(await ask(ctx, QUESTION, { k: record.shown.length + 3 })).slice(record.shown.length);
    expect(next.length).toBeGreaterThan(0);
    const queued = vi.spyOn(ctx.answers, 'run');
    for (const r of [record, storedWithoutUnits(record)]) {
      const reply = await click(r, 'more');
      expect(quotes(reply.pages.join('\n\n'))).toEqual(next.map((e) => e.text));
    }
    expect(queued).toHaveBeenCalledTimes(2);
    queued.mockRestore();
  });
});

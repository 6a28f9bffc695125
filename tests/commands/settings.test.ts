import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import type { Conversation, Reply } from '../../src/app/conversation.js';
import { ServerSettingsStore } from '../../src/settings/server-settings-store.js';
import { execute } from '../../commands/settings.js';
import { chatLines } from '../support/chat.js';
import { memoryLogger, tempDir } from '../support/fixtures.js';

/** `/settings` as `dateline chat` reads it (the terminal moderates) and its checks; tests/discord/threads-and-settings.test.ts runs it through Discord. */

const NEWS = '111111111111111111';
const CHAT = '222222222222222222';
let ctx: AppContext;

beforeEach(async () => {
  ctx = { settings: new ServerSettingsStore(await tempDir()), logger: memoryLogger().logger, secrets: [] } as unknown as AppContext;
});

const chat = (...lines: string[]) => chatLines(ctx, lines);

describe('/settings in dateline chat', () => {
  it('shows the defaults privately, saying the terminal itself always answers', async () => {
    const out = await chat('/settings');
    expect(out).toContain('The terminal chat always answers; these settings are its own and apply to no Discord server.');
    expect(out).toContain('Answers questions in every channel.');
    expect(out).toContain('Thread mode (a mention opens a thread named after the question and answers there; `/ask` answers in place): off server-wide.');
    expect(out).toContain('Never changed: these are the defaults.');
    expect(out).toContain('Only you can see this');
  });

  it('restricts answers to listed channels given as <#id> or an id, and sets thread mode for one channel (the terminal shows <#id> as #id)', async () => {
    const out = await chat(`/settings answer:listed add:<#${NEWS}>`, `/settings add:${CHAT} threads:on channel:<#${CHAT}>`);
    expect(out).toContain(`Saved.`);
    expect(out).toContain(`Answers questions only in #${NEWS} and threads under it.`);
    expect(out).toContain(`Answers questions only in #${NEWS} and #${CHAT} and threads under them.`);
    expect(out).toMatch(new RegExp(`off server-wide, on in #${CHAT}\\.`));
    expect(ctx.settings.get('terminal')).toMatchObject({ answerIn: 'listed', listed: [NEWS, CHAT], threads: false, channelThreads: { [CHAT]: true } });
  });

  it('reads text before the first option as answer:', async () => {
    await chat(`/settings add:${NEWS}`, '/settings listed');
    expect(ctx.settings.get('terminal')).toMatchObject({ answerIn: 'listed', listed: [NEWS] });
  });

  it.each([
    ['/settings listed', 'Dateline would then answer in no channel: list one in the same command, e.g. `/settings answer:listed add:#channel`. Nothing was changed.'],
    ['/settings add:#news', '`add:` takes a channel (in Discord pick it from the list; in the terminal type its id or <#id>), not "#news". Nothing was changed.'],
    [`/settings channel:${NEWS}`, '`channel:` says where `threads:` applies: add `threads:on`, `threads:off` or `threads:default`. Nothing was changed.'],
    ['/settings answer:somewhere', '`answer:` is one of everywhere, listed, not "somewhere". Nothing was changed.'],
    [`/settings add:${NEWS} remove:${NEWS}`, '`add:` and `remove:` name the same channel. Nothing was changed.'],
  ])('refuses %s, saying why, and changes nothing', async (line, why) => {
    const out = await chat(line);
    expect(out.replace(/`/g, '')).toContain(why.replace(/`/g, ''));
    expect(ctx.settings.get('terminal').changed).toBeUndefined();
  });

  it('refuses to take the last listed channel off while answering only in listed channels', async () => {
    const out = await chat(`/settings answer:listed add:${NEWS}`, `/settings remove:${NEWS}`);
    expect(out).toContain('Dateline would then answer in no channel');
    expect(ctx.settings.get('terminal').listed).toEqual([NEWS]);
  });

  it('puts a channel back to the server\'s thread mode with threads:default', async () => {
    await chat('/settings threads:on', `/settings threads:off channel:${NEWS}`);
    expect(ctx.settings.get('terminal')).toMatchObject({ threads: true, channelThreads: { [NEWS]: false } });
    await chat(`/settings threads:default channel:${NEWS}`);
    expect(ctx.settings.get('terminal')).toMatchObject({ threads: true, channelThreads: {} });
  });
});

describe('/settings checks', () => {
  const conversation = (guildId: string | null): Conversation & { sent: Reply[] } => {
    const sent: Reply[] = [];
    return {
      sent,
      via: 'slash',
      user: { id: '333333333333333333', name: 'mod' },
      createdAt: Date.now(),
      guildId,
      place: { channelId: NEWS },
      option: () => undefined,
      isModerator: () => true,
      ackDueInMs: () => 1500,
      inTime: (work) => work(),
      send: async (reply) => void sent.push(reply),
      fail: async () => {},
    };
  };

  it('works in servers only', async () => {
    await expect(execute(conversation(null), ctx)).rejects.toThrow('/settings works in a server only, not in direct messages.');
  });

  it('shows a server its own settings, with no word about the terminal', async () => {
    const c = conversation('444444444444444444');
    await execute(c, ctx);
    expect(c.sent).toEqual([{ pages: [expect.stringMatching(/^\*\*Dateline on this server\*\*\nAnswers questions in every channel\./)], ephemeral: true }]);
  });
});

import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCommand } from '../../src/app/command.js';
import { BotError, BotErrorId } from '../../src/app/errors.js';
import { ErrorId, UserFacingError } from '../../src/errors.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { startHarness, type Harness } from './harness.js';

const EPHEMERAL = 64;
let h: Harness;

const command = (name: string, execute: BotCommand['execute']): [string, BotCommand] => [
  name,
  { data: new SlashCommandBuilder().setName(name).setDescription(name), execute },
];

const shape = (x: InteractionExchange) => x.responses.map((r) => `${r.kind}${r.type ?? ''}`);
const lastMessage = (x: InteractionExchange) => x.messages().at(-1)!.data;
/** The messages the channel is left with, and who sees each: only the user (ephemeral) or everyone. */
const shown = (x: InteractionExchange) => [...x.posted.values()].map((m) => ({ content: m.content, onlyAsker: Boolean(m.flags & EPHEMERAL) }));

beforeAll(async () => {
  const commands = new Map([
    command('boom', async () => {
      throw new Error(`kaput with ${h.fake.token}`);
    }),
    command('boom-deferred', async (c) => {
      await c.inTime(async () => undefined, { ephemeral: false, slow: true });
      throw new TypeError('late kaput');
    }),
    command('boom-deferred-privately', async (c) => {
      await c.inTime(async () => undefined, { ephemeral: true, slow: true });
      throw new TypeError('late kaput');
    }),
    command('boom-replied', async (c) => {
      await c.send({ pages: ['part one'] });
      throw new Error('kaput after part one');
    }),
    command('refuse', async () => {
      throw new BotError(BotErrorId.GuildOnly, 'Not here, please.');
    }),
    command('core-refuse', async () => {
      throw new UserFacingError(ErrorId.BadQuestion, 'The question is empty.');
    }),
  ]);
  h = await startHarness({ start: { commands } });
}, 30_000);
afterAll(() => h?.stop());

describe('the interaction handler', () => {
  it('turns a crash into a friendly ephemeral apology, logged with the command name, without stack or token', async () => {
    const x = await h.run('boom');
    expect(shape(x)).toEqual(['callback4']);
    const data = lastMessage(x);
    expect(data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toBe('Sorry, something went wrong with /boom. It has been logged; please try again in a moment.');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const logged = h.log.lines().find((l) => l.msg === '/boom failed')!;
    expect(logged).toMatchObject({ level: 50, command: 'boom', error: { type: 'Error', message: 'kaput with [redacted]' } });
    expect(String((logged.error as { stack: string }).stack)).toContain('interaction-handler.test.ts');
    expect(h.log.lines().find((l) => l.msg === 'interaction' && l.interaction === x.id)).toMatchObject({ command: 'boom', result: 'error' });
    expect(JSON.stringify(h.log.lines())).not.toContain(h.fake.token);
  });

  it('edits a private deferred reply with the apology', async () => {
    const x = await h.run('boom-deferred-privately');
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(shown(x)).toEqual([{ content: expect.stringMatching(/^Sorry, something went wrong with \/boom-deferred-privately\./), onlyAsker: true }]);
  });

  it('replaces a public deferred reply with an apology only the user sees, not one the whole channel sees', async () => {
    const x = await h.run('boom-deferred');
    expect(shape(x)).toEqual(['callback5', 'delete', 'followup']);
    expect(shown(x)).toEqual([{ content: expect.stringMatching(/^Sorry, something went wrong with \/boom-deferred\./), onlyAsker: true }]);
  });

  it('still tells the user, in the deferred reply, when Discord will not delete it', async () => {
    const stopRefusing = h.fake.onRequest((r) => (r.method === 'DELETE' && r.path.endsWith('/messages/@original') ? { status: 403, body: { code: 50001, message: 'Missing Access' } } : undefined));
    try {
      const x = await h.run('boom-deferred');
      expect(shape(x)).toEqual(['callback5', 'edit']);
      expect(shown(x)).toEqual([{ content: expect.stringMatching(/^Sorry, something went wrong with \/boom-deferred\./), onlyAsker: false }]);
    } finally {
      stopRefusing();
    }
  });

  it('follows up ephemerally when the reply was already sent', async () => {
    const x = await h.run('boom-replied');
    expect(shape(x)).toEqual(['callback4', 'followup']);
    expect(lastMessage(x).flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(lastMessage(x).content).toMatch(/^Sorry, something went wrong with \/boom-replied\./);
  });

  it.each([
    ['refuse', 'Not here, please.', 'guild-only'],
    ['core-refuse', 'The question is empty.', 'bad-question'],
    ['nope', 'This bot has no /nope command any more; it may take a moment for Discord to catch up.', 'unknown-command'],
  ])('shows /%s its friendly message ephemerally, without logging an error', async (name, message, id) => {
    const errorsBefore = h.log.lines().filter((l) => l.level >= 50).length;
    const x = await h.run(name);
    expect(lastMessage(x)).toMatchObject({ content: message, flags: MessageFlags.Ephemeral });
    expect(h.log.lines().filter((l) => l.level >= 50)).toHaveLength(errorsBefore);
    expect(h.log.lines().find((l) => l.interaction === x.id)).toMatchObject({ result: 'refused', errorId: id });
  });
});

describe('stopping the bot', () => {
  it('lets an interaction in flight finish before disconnecting', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let began = () => {};
    const started = new Promise<void>((resolve) => (began = resolve));
    const draining = await startHarness({
      start: {
        commands: new Map([
          command('wait', async (c) => {
            began();
            await gate;
            await c.send({ pages: ['done waiting'] });
          }),
        ]),
      },
    });
    const x = draining.fake.command('wait');
    await started;
    const stopped = draining.bot.stop();
    release();
    await stopped;
    expect(x.messages().map((m) => m.data.content)).toEqual(['done waiting']);
    expect(draining.bot.client.isReady()).toBe(false);
    await draining.fake.stop();
  });
});

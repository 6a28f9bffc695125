import { setTimeout as delay } from 'node:timers/promises';
import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCommand } from '../../../src/app/command.js';
import { FakeDiscord } from './index.js';
import { NO_IDENTIFY_WAIT, startHarness, type Harness } from '../../discord/harness.js';

/** The fake's own behaviour with the real discord.js client, which later reliability tests build on. */

const command = (name: string, execute: BotCommand['execute']): [string, BotCommand] => [name, { data: new SlashCommandBuilder().setName(name).setDescription(name), execute }];
let replies = 0;
const commands = new Map([
  command('ping', (c) => c.send({ pages: [`pong ${++replies}`] })),
  command('slow-ping', async (c) => {
    await delay(400);
    await c.send({ pages: ['too late'] });
  }),
]);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: { commands } });
}, 30_000);
afterAll(() => h?.stop());

describe('FakeDiscord', () => {
  it('refuses a callback after the deadline, as Discord refuses an expired interaction', async () => {
    h.fake.ackDeadlineMs = 200;
    const x = await h.run('slow-ping');
    h.fake.ackDeadlineMs = 3000;
    expect(x.expired).toBe(true);
    expect(x.messages()).toEqual([]);
    expect(h.log.lines().find((l) => l.msg === 'interaction' && l.interaction === x.id)).toMatchObject({ result: 'error' });
    expect(h.log.lines().find((l) => l.msg === '/slow-ping failed')).toMatchObject({ error: { message: 'Unknown interaction' } });
  });

  it('lets a hook inject a 429 and a 500; discord.js retries and the reply arrives', async () => {
    const faults = [FakeDiscord.rateLimited(0.05), { status: 500, body: { message: 'oops', code: 0 } }];
    const remove = h.fake.onRequest((r) => (r.path.endsWith('/callback') ? faults.shift() : undefined));
    const x = await h.run('ping');
    remove();
    expect(x.messages()).toHaveLength(1);
    expect(h.fake.requests.filter((r) => r.path === `/interactions/${x.id}/${x.payload.token}/callback`)).toHaveLength(3);
  });

  it.each([4000, 1006])('closes the gateway with %i; the client resumes and gets the interaction sent meanwhile', async (code) => {
    const resumes = h.log.lines().filter((l) => l.msg === 'Gateway session resumed').length;
    h.fake.closeGateway(code);
    const x = h.fake.command('ping');
    await h.handled(x);
    expect(x.messages()).toHaveLength(1);
    expect(h.log.lines().filter((l) => l.msg === 'Gateway session resumed')).toHaveLength(resumes + 1);
    expect(h.fake.identifies).toHaveLength(1);
  });
});

describe('FakeDiscord with two shards', () => {
  let sharded: Harness;
  beforeAll(async () => {
    sharded = await startHarness({ start: { commands, clientOptions: { ...NO_IDENTIFY_WAIT, shards: [0, 1], shardCount: 2 } } });
  }, 30_000);
  afterAll(() => sharded?.stop());

  it('identifies each shard and routes a guild interaction to its shard', async () => {
    expect(sharded.fake.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const x = await sharded.run('ping');
    expect(x.messages()).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { runEntry, type Spawned } from '../discord/process.js';
import { alive, fakeDiscordEnv, processLogLines as lines } from '../support/bot-process.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { tempDir } from '../support/fixtures.js';
import { until } from '../support/until.js';

/**
 * Ctrl-C on `npm run start:sharded`: the terminal sends SIGINT to the whole
 * process group, so every shard process starts its own clean stop while the
 * manager stops them too; and a signal can come while the shards are still
 * starting. Every exit is then expected: none may be logged (or handled) as
 * a crash to restart.
 */

const RESTART = 'Shard process exited; starting it again';
/** A guild id whose events Discord routes to `shard` of 2. */
const guildOnShard = (shard: number) => String((2_000_000n + BigInt(shard)) << 22n);
const started = (run: Spawned) => lines(run).filter((l) => l.msg === 'Shard process started');

let fake: FakeDiscord | undefined;
let run: Spawned | undefined;

/** `npm run start:sharded` with two shards against a fresh fake Discord. */
async function startSharded(): Promise<Spawned> {
  fake = await FakeDiscord.start({ shards: 2, guilds: [{ id: guildOnShard(0) }, { id: guildOnShard(1) }] });
  const env = { ...(await fakeDiscordEnv(fake)), SHARD_COUNT: '2' };
  return (run = runEntry('src/discord/sharded-main.ts', env, await tempDir()));
}

afterEach(async () => {
  if (run && run.child.exitCode === null && run.child.signalCode === null) {
    run.child.kill('SIGKILL');
    await run.exit;
  }
  // Shards left behind by a failed test stop when they lose the manager; make sure.
  for (const pid of run ? started(run).map((l) => l.pid as number) : []) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await fake?.stop();
  run = fake = undefined;
});

describe('npm run start:sharded and Ctrl-C', () => {
  it('stops on SIGINT to the manager and every shard at once: exit 0, each shard logged as stopped, none restarted', async () => {
    const sharded = await startSharded();
    await sharded.waitForStderr('"msg":"All shards ready"', 150_000);
    // The manager counts a shard ready at discord.js's ready event; the shard handles signals from its own line just after.
    await until(() => lines(sharded).filter((l) => l.msg === 'Discord bot ready').length === 2, 'both shards ready', 10_000);
    const pids = [0, 1].map((shard) => started(sharded).find((l) => l.shard === shard)?.pid as number);
    expect(pids.every(alive)).toBe(true);
    const before = lines(sharded).length;
    // As the terminal does: the whole foreground process group, the manager first.
    for (const pid of [sharded.child.pid!, ...pids]) process.kill(pid, 'SIGINT');
    expect(await sharded.exit).toBe(0);
    expect(pids.some(alive)).toBe(false);
    const after = lines(sharded).slice(before);
    expect(after.filter((l) => l.msg === RESTART)).toEqual([]);
    expect(after.filter((l) => l.msg === 'Shard process started')).toEqual([]);
    const stopped = after.filter((l) => l.msg === 'Shard process stopped').map((l) => ({ shard: l.shard, pid: l.pid, exitCode: l.exitCode }));
    expect(stopped.sort((a, b) => Number(a.shard) - Number(b.shard))).toEqual([
      { shard: 0, pid: pids[0], exitCode: 0 },
      { shard: 1, pid: pids[1], exitCode: 0 },
    ]);
    expect(after.at(-1)).toMatchObject({ msg: 'All shards stopped' });
    expect(after.filter((l) => l.msg === 'Reconnecting to the gateway')).toEqual([]);
    expect(fake!.identifies).toHaveLength(2);
  }, 180_000);

  it('stops on SIGTERM while the first shard is still starting: exit 0, no restart, the second shard never identifies', async () => {
    const sharded = await startSharded();
    await sharded.waitForStderr('"msg":"Shard process started"', 60_000);
    const [first] = started(sharded);
    sharded.child.kill('SIGTERM');
    expect(await sharded.exit).toBe(0);
    expect(alive(first!.pid as number)).toBe(false);
    const log = lines(sharded);
    expect(log.filter((l) => l.msg === RESTART)).toEqual([]);
    expect(log.filter((l) => l.msg === 'Shard process stopped')).toEqual([expect.objectContaining({ shard: 0, pid: first!.pid })]);
    expect(log.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(log.at(-1)).toMatchObject({ msg: 'Stopped before every shard was ready' });
    expect(fake!.identifies.filter((d) => d.shard?.[0] === 1)).toEqual([]);
  }, 60_000);
});

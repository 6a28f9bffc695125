import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord } from '../support/fake-discord/index.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ shards: 2 });
});
afterAll(() => fake?.stop());

/** Connects, IDENTIFYs as `shard`, and resolves with the READY payload or the close code. */
function identify(shard: [number, number]): Promise<{ ready?: any; closed?: number; socket: WebSocket }> {
  const socket = new WebSocket(fake.gatewayUrl);
  return new Promise((resolve) => {
    socket.on('message', (raw) => {
      const { op, t, d } = JSON.parse(String(raw));
      if (op === 10) socket.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {}, shard } }));
      if (t === 'READY') resolve({ ready: d, socket });
    });
    socket.on('close', (code) => resolve({ closed: code, socket }));
  });
}

describe('the fake Discord with two shards', () => {
  it('recommends two shards from /gateway/bot', async () => {
    const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${fake.token}` } });
    expect(((await res.json()) as { shards: number }).shards).toBe(2);
  });

  it('closes an unsharded IDENTIFY with 4011 and an out-of-range shard with 4010, as Discord does', async () => {
    expect((await identify([0, 1])).closed).toBe(4011);
    expect((await identify([2, 2])).closed).toBe(4010);
  });

  it('accepts one IDENTIFY per shard and sends each shard only its guilds', async () => {
    const sessions = await Promise.all([identify([0, 2]), identify([1, 2])]);
    expect(sessions.map((s) => s.ready?.shard)).toEqual([[0, 2], [1, 2]]);
    expect(fake.identifiesFor(0)).toHaveLength(1);
    expect(fake.identifiesFor(1)).toHaveLength(1);
    const guild = fake.guilds[0]!;
    const shard = fake.shardOfGuild(guild.id);
    expect(shard).toBe(Number((BigInt(guild.id) >> 22n) % 2n));
    expect(sessions[shard]!.ready.guilds.map((g: { id: string }) => g.id)).toEqual([guild.id]);
    expect(sessions[1 - shard]!.ready.guilds).toEqual([]);
    for (const s of sessions) s.socket.terminate();
  });
});

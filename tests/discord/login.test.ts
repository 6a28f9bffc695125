import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h?.stop());

describe('login', () => {
  it('reaches ready through the fake: gateway address from /gateway/bot, IDENTIFY with the token, guilds cached', () => {
    expect(h.bot.client.isReady()).toBe(true);
    expect(h.fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot' && r.authorization === `Bot ${h.fake.token}`)).toBe(true);
    expect(h.fake.identifies).toHaveLength(1);
    expect(h.fake.identifies[0]!.token).toBe(h.fake.token);
    expect(h.bot.client.guilds.cache.has(h.fake.guilds[0]!.id)).toBe(true);
    expect(h.bot.client.application.id).toBe(h.fake.applicationId);
    expect(h.log.lines().some((l) => l.msg === 'Discord bot ready')).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/app/cooldown.js';
import { startHarness, type Harness } from '../discord/harness.js';

describe('Cooldown', () => {
  it('allows N uses per window per key, then says how long to wait', () => {
    let now = 0;
    const c = new Cooldown({ uses: 2, seconds: 10 }, () => now);
    expect(c.take('a')).toEqual({ ok: true });
    now = 4000;
    expect(c.take('a')).toEqual({ ok: true });
    expect(c.take('b')).toEqual({ ok: true });
    expect(c.take('a')).toEqual({ ok: false, retryAfterMs: 6000 });
    now = 10_001;
    expect(c.take('a')).toEqual({ ok: true });
    expect(c.take('a')).toEqual({ ok: false, retryAfterMs: 3999 });
  });

  it('is unlimited when off', () => {
    const c = new Cooldown(null);
    for (let i = 0; i < 100; i++) expect(c.take('a').ok).toBe(true);
  });
});

describe('/ask cooldown (default 5 per 30 s)', () => {
  let h: Harness;
  let now = 1_000_000;
  beforeAll(async () => {
    h = await startHarness({ start: { now: () => now } });
  }, 30_000);
  afterAll(() => h?.stop());

  it('refuses the sixth question ephemerally with when to try again (a Discord relative timestamp), per user, and lets it through after the window', async () => {
    const user = { userId: '700000000000000001' };
    for (let i = 0; i < 5; i++) {
      now += 1000;
      const x = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, user);
      expect(x.messages()[0]!.data.content).toContain('> ');
    }
    const sixth = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, user);
    expect(sixth.messages()[0]!.data).toMatchObject({ flags: 64, content: 'You can ask 5 questions every 30 s. Try again <t:1031:R>.' });
    expect(h.log.lines().find((l) => l.interaction === sixth.id)).toMatchObject({ result: 'refused', errorId: 'cooldown' });
    const other = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, { userId: '700000000000000002' });
    expect(other.messages()[0]!.data.flags! & 64).toBe(0);
    now += 26_000;
    const later = await h.run('ask', { question: 'Where did Kerry and Lavrov meet?' }, user);
    expect(later.messages()[0]!.data.flags! & 64).toBe(0);
  });
});

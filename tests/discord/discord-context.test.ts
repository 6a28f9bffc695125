import { describe, expect, it, vi } from 'vitest';
import { parseDiscordConfig, type BotConfig } from '../../src/discord/config.js';
import { createDiscordContext } from '../../src/discord/discord-context.js';
import type { CoreContext } from '../../src/core-context.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';

// The deferral policy with another timer: the bot's context must follow it, not a number of its own.
vi.mock('../../src/discord/defer-policy.js', async (original) => {
  const policy = await original<typeof import('../../src/discord/defer-policy.js')>();
  return { ...policy, DEFER_THRESHOLDS: Object.freeze({ ...policy.DEFER_THRESHOLDS, deferAfterMs: 1234 }) };
});

const app = { config: { dataDir: '/nowhere' } } as unknown as CoreContext;
const settings: BotConfig = { app: { buttonsTtlMs: 60_000, followUpWindowMs: 600_000 }, discord: parseDiscordConfig({ DISCORD_TOKEN: 'token-for-the-test', ASK_COOLDOWN: '2/10' }) };

describe('the Discord context', () => {
  it("defers after the deferral policy's timer unless told otherwise", () => {
    const feedback = {} as FeedbackStore;
    expect(createDiscordContext(app, settings, { feedback }).deferAfterMs).toBe(1234);
    expect(createDiscordContext(app, settings, { feedback, deferAfterMs: 200 }).deferAfterMs).toBe(200);
  });

  it('limits questions by ASK_COOLDOWN, keeps the token out of replies and logs, and keeps buttons as long as ANSWER_BUTTONS_TTL', () => {
    const ctx = createDiscordContext(app, settings, { feedback: {} as FeedbackStore });
    expect(ctx.cooldown.limit).toEqual({ uses: 2, seconds: 10 });
    expect(ctx.secrets).toEqual(['token-for-the-test']);
    expect(ctx.buttonsTtlMs).toBe(60_000);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createDiscordContext } from '../../src/discord/discord-context.js';
import type { AppContext } from '../../src/context.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';

// The deferral policy with another timer: the bot's context must follow it, not a number of its own.
vi.mock('../../src/discord/defer-policy.js', async (original) => {
  const policy = await original<typeof import('../../src/discord/defer-policy.js')>();
  return { ...policy, DEFER_THRESHOLDS: Object.freeze({ ...policy.DEFER_THRESHOLDS, deferAfterMs: 1234 }) };
});

const app = { config: { discord: { askCooldown: null, buttonsTtlMs: 60_000 }, dataDir: '/nowhere' } } as unknown as AppContext;

describe('the Discord context', () => {
  it("defers after the deferral policy's timer unless told otherwise", () => {
    const feedback = {} as FeedbackStore;
    expect(createDiscordContext(app, { feedback }).deferAfterMs).toBe(1234);
    expect(createDiscordContext(app, { feedback, deferAfterMs: 200 }).deferAfterMs).toBe(200);
  });
});

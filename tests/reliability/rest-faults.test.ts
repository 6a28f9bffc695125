import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../discord/harness.js';
import { askBurst } from '../support/ask-burst.js';
import { FakeDiscord, type FakeResponse, type RecordedRequest } from '../support/fake-discord/index.js';
import { outcomeOf, summarize, waitUntilSettled } from '../support/exchange-outcomes.js';
import { addBatch, recordScenario } from '../support/reliability-record.js';

/** Faults Discord's REST API answers with, as the fake sends them. */
const FAULTS: Record<string, () => FakeResponse> = {
  '429 bucket (retry-after 0.3 s)': () => ({ ...FakeDiscord.rateLimited(0.3), headers: { ...FakeDiscord.rateLimited(0.3).headers, 'x-ratelimit-bucket': 'fake-bucket' } }),
  '429 global (retry-after 0.3 s)': () => FakeDiscord.rateLimited(0.3, true),
  '500 Internal Server Error': () => ({ status: 500, body: { message: '500: Internal Server Error', code: 0 } }),
  '502 Bad Gateway': () => ({ status: 502, body: { message: '502: Bad Gateway', code: 0 } }),
};
const KINDS = Object.keys(FAULTS);

const isCallback = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/callback');
const isEdit = (r: RecordedRequest) => r.method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(r.path);

/**
 * A hook failing the first request matching `matches` of three interactions
 * out of four, cycling through {@link FAULTS}; counts what it injected.
 */
function injectFaults(h: Harness, matches: (r: RecordedRequest) => boolean) {
  const seenTokens = new Set<string>();
  let seen = 0;
  let faulted = 0;
  const injected: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const remove = h.fake.onRequest((r) => {
    const token = r.path.split('/')[3]!;
    if (!matches(r) || seenTokens.has(token)) return undefined;
    seenTokens.add(token);
    if (seen++ % 4 === 3) return undefined;
    const kind = KINDS[faulted++ % KINDS.length]!;
    injected[kind]!++;
    return FAULTS[kind]!();
  });
  return { injected, remove };
}

/** Sends `count` questions from 20 users while faults hit the requests `match` picks; records and returns what happened. */
async function burstUnderFaults(h: Harness, match: Parameters<typeof injectFaults>[1], count: number, record: ReturnType<typeof recordScenario>) {
  const faults = injectFaults(h, match);
  const batch = askBurst(h.fake, { count, users: 20 });
  await waitUntilSettled(batch, 30_000);
  faults.remove();
  const summary = summarize(batch);
  addBatch(record, summary);
  record.counts.faults = Object.values(faults.injected).reduce((a, b) => a + b, 0);
  for (const [kind, n] of Object.entries(faults.injected)) record.figures[`injected: ${kind}`] = n;
  return { summary, faults };
}

describe('REST faults on the bot’s replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ASK_COOLDOWN: 'off' } });
  }, 30_000);
  afterAll(() => h?.stop());

  it('429 (bucket and global) and 500/502 on interaction callbacks: discord.js retries and every reply lands in time', async ({ task }) => {
    const record = recordScenario(task, 'rest-faults-callbacks', 'REST 429/500/502 on interaction callbacks');
    const { summary, faults } = await burstUnderFaults(h, isCallback, 80, record);
    expect(summary).toMatchObject({ sent: 80, answered: 80, lost: 0, late: 0, twice: 0 });
    expect(Object.values(faults.injected).every((n) => n > 0)).toBe(true);
    expect(h.log.lines().filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);

  it('a 429 whose retry-after outlasts Discord’s window: the failure is logged once and the bot keeps serving', async ({ task }) => {
    const record = recordScenario(task, 'rest-faults-window-passed', 'REST 429 outlasting the 3-second window');
    const doomed = new Set<string>();
    const remove = h.fake.onRequest((r) => {
      const id = r.path.split('/')[2]!;
      if (!isCallback(r) || !doomed.has(id)) return undefined;
      doomed.delete(id);
      return FakeDiscord.rateLimited(3.2);
    });
    const late = askBurst(h.fake, { count: 3, users: 3 });
    for (const x of late) doomed.add(x.id);
    await Promise.all(late.map((x) => h.handled(x)));
    remove();
    const next = askBurst(h.fake, { count: 20, users: 20 });
    await waitUntilSettled(next, 15_000);

    const about = (id: string) => h.log.lines().filter((l) => l.interaction === id && l.level >= 40);
    for (const x of late) {
      expect(outcomeOf(x)).toMatchObject({ lost: true, late: true });
      expect(about(x.id)).toEqual([expect.objectContaining({ level: 50, msg: '/ask failed', reason: expect.stringMatching(/^expired/) })]);
    }
    const summary = summarize(next);
    addBatch(record, summary, 'asked afterwards');
    record.counts.faults = late.length;
    Object.assign(record.figures, {
      'interactions whose reply was held past 3 s': late.length,
      'log lines (warning or worse) per such interaction': about(late[0]!.id).length,
    });
    expect(summary).toMatchObject({ answered: 20, lost: 0, late: 0, twice: 0 });
  }, 60_000);
});

describe('REST faults on the edits of deferred replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ASK_COOLDOWN: 'off' }, start: { deferAfterMs: 0 } });
  }, 30_000);
  afterAll(() => h?.stop());

  it('429 (bucket and global) and 500/502 on the edits: every deferred answer still arrives once', async ({ task }) => {
    const record = recordScenario(task, 'rest-faults-edits', 'REST 429/500/502 on the edits of deferred answers');
    const { summary } = await burstUnderFaults(h, isEdit, 40, record);
    expect(summary).toMatchObject({ sent: 40, answered: 40, deferred: 40, lost: 0, late: 0, twice: 0 });
    expect(h.log.lines().filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);
});

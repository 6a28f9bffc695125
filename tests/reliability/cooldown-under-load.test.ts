import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../discord/harness.js';
import { STORY_QUESTIONS, userId } from '../support/ask-burst.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { summarize, waitUntilSettled } from '../support/exchange-outcomes.js';
import { addBatch, recordScenario } from '../support/reliability-record.js';

/** The default cooldown (5 questions per 30 s per user) while one user floods /ask and 20 others ask as usual. */
const FLOOD = 100;
const OTHERS = 20;
const EACH = 3;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h?.stop());

const content = (x: InteractionExchange) => String(x.messages()[0]?.data.content ?? '');
const refused = (x: InteractionExchange) => /^You can ask 5 questions every 30 s\. Try again <t:\d+:R>\.$/.test(content(x)) && (x.messages()[0]!.data.flags! & 64) === 64;
const answered = (x: InteractionExchange) => content(x).startsWith('**Q:** ');

describe('the per-user cooldown under load', () => {
  it(`gives a user sending ${FLOOD} questions 5 answers and polite refusals; other users are unaffected`, async ({ task }) => {
    const record = recordScenario(task, 'security-cooldown-under-load', `Cooldown: one user sends ${FLOOD} questions among ${OTHERS} others`);
    const flooder = userId(999);
    const flood: InteractionExchange[] = [];
    const others: InteractionExchange[] = [];
    for (let i = 0; i < FLOOD; i++) {
      flood.push(h.fake.command('ask', { question: STORY_QUESTIONS[i % STORY_QUESTIONS.length]! }, { userId: flooder }));
      if (i % Math.floor(FLOOD / (OTHERS * EACH)) === 0 && others.length < OTHERS * EACH) {
        others.push(h.fake.command('ask', { question: STORY_QUESTIONS[others.length % STORY_QUESTIONS.length]! }, { userId: userId(others.length % OTHERS) }));
      }
    }
    await waitUntilSettled([...flood, ...others], 30_000);
    const all = summarize([...flood, ...others]);
    addBatch(record, all);
    const floodAnswers = flood.filter(answered).length;
    const floodRefusals = flood.filter(refused).length;
    Object.assign(record.figures, {
      'cooldown': 'ASK_COOLDOWN=5/30 (the default)',
      'flooding user: answers': floodAnswers,
      'flooding user: polite refusals (ephemeral, "try again in N s")': floodRefusals,
      'other users: answered / sent': `${others.filter(answered).length} / ${others.length}`,
    });
    expect(all).toMatchObject({ lost: 0, late: 0, twice: 0 });
    expect(floodAnswers).toBe(5);
    expect(floodRefusals).toBe(FLOOD - 5);
    expect(others).toHaveLength(OTHERS * EACH);
    expect(others.every(answered)).toBe(true);
    expect(h.log.lines().filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);
});

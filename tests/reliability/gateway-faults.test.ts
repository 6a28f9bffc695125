import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../discord/harness.js';
import { askBurst } from '../support/ask-burst.js';
import { summarize, waitUntilSettled } from '../support/exchange-outcomes.js';
import { addBatch, recordScenario } from '../support/reliability-record.js';
import { until } from '../support/until.js';

/**
 * The gateway connection drops while 100 questions are in flight; 100 more
 * are sent once the client is back. Cooldown off (many questions per user).
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: 'off' } });
}, 30_000);
afterAll(() => h?.stop());

interface Drop {
  id: string;
  title: string;
  code: number;
  /** The fake refuses RESUME, so the client must IDENTIFY again. */
  refuseResume: boolean;
}

const drops: Drop[] = [
  { id: 'gateway-close-4000', title: 'Gateway closed with 4000 mid-load (resume)', code: 4000, refuseResume: false },
  { id: 'gateway-close-1006', title: 'Gateway dropped without a close frame (1006) mid-load (resume)', code: 1006, refuseResume: false },
  { id: 'gateway-reidentify', title: 'Gateway closed with 4000 and RESUME refused mid-load (re-identify)', code: 4000, refuseResume: true },
];

describe('the gateway connection drops mid-load', () => {
  for (const { id, title, code, refuseResume } of drops) {
    it(`${title}: every interaction sent after the reconnect is answered`, async ({ task }) => {
      const record = recordScenario(task, id, title);
      record.counts.faults = 1;
      const resumes = h.fake.resumes;
      const identifies = h.fake.identifies.length;
      h.fake.refuseResume = refuseResume;
      const inFlight = askBurst(h.fake, { count: 100, users: 20 });
      h.fake.closeGateway(code);
      const reconnected = refuseResume ? () => h.fake.identifies.length > identifies : () => h.fake.resumes > resumes;
      await until(reconnected, refuseResume ? 'a new IDENTIFY' : 'a RESUME');
      await until(() => h.bot.client.ws.status === 0, 'the client to be ready again');
      h.fake.refuseResume = false;
      const afterReconnect = askBurst(h.fake, { count: 100, users: 20 });
      await waitUntilSettled([...inFlight, ...afterReconnect], 30_000);

      const during = summarize(inFlight);
      const after = summarize(afterReconnect);
      addBatch(record, after, 'sent after the reconnect');
      Object.assign(record.figures, {
        'in flight when it dropped': inFlight.length,
        'of those, answered': during.answered,
        'of those, never delivered (only possible without RESUME, as on Discord)': during.lost,
        'reconnected by': refuseResume ? 'IDENTIFY (new session)' : 'RESUME (missed events replayed)',
      });
      expect(after).toMatchObject({ sent: 100, answered: 100, lost: 0, late: 0, twice: 0 });
      expect(during.twice).toBe(0);
      if (!refuseResume) expect(during).toMatchObject({ answered: 100, lost: 0, late: 0 });
      expect(h.log.lines().filter((l) => l.level >= 50)).toEqual([]);
    }, 60_000);
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../discord/harness.js';
import { PERMISSIONS, type InteractionExchange, type Invoker } from '../support/fake-discord/index.js';
import { recordScenario } from '../support/reliability-record.js';

/**
 * Who may /reindex, decided at run time from the member's permissions and
 * roles in each interaction (tests/commands/reindex.test.ts covers the
 * basic refusal and the configured role; this is the full matrix).
 */
const withPermission = (bit: string) => String(BigInt(PERMISSIONS.member) | BigInt(bit));
const text = (x: InteractionExchange) => x.messages().map((m) => String(m.data.content)).join('\n');
const rebuilt = (x: InteractionExchange) => /^\*\*Index rebuilt\*\*/.test(text(x));

let h: Harness;
let moderatorRole: string;
beforeAll(async () => {
  h = await startHarness({ env: (fake) => ({ MODERATOR_ROLE_IDS: fake.guilds[0]!.roles[0]!.id }) });
  moderatorRole = h.fake.guilds[0]!.roles[0]!.id;
}, 30_000);
afterAll(() => h?.stop());

describe('/reindex permissions', () => {
  it('allows Manage Server, Administrator and the configured role in a server; refuses everyone else, DMs, and a member whose permission was just revoked', async ({ task }) => {
    const record = recordScenario(task, 'security-moderators', 'Only moderators can /reindex');
    const user = '960000000000000001';
    const rows: [string, Invoker, boolean][] = [
      ['member without permissions', { userId: user }, false],
      ['Manage Server', { userId: user, permissions: withPermission(PERMISSIONS.manageGuild) }, true],
      ['Administrator only', { userId: user, permissions: PERMISSIONS.administrator }, true],
      ['configured moderator role', { userId: user, roles: [moderatorRole] }, true],
      ['another role', { userId: user, roles: ['123456789012345678'] }, false],
      ['same member, Manage Server revoked since', { userId: user }, false],
      ['Administrator in a DM', { userId: user, permissions: PERMISSIONS.administrator, dm: true }, false],
    ];
    for (const [who, invoker, allowed] of rows) {
      const x = await h.run('reindex', { full: true }, invoker);
      record.figures[who] = rebuilt(x) ? 'rebuilt' : `refused: ${text(x)}`;
      expect(rebuilt(x), who).toBe(allowed);
      if (!allowed) expect(x.messages()[0]!.data.flags! & 64, who).toBe(64);
    }
    record.counts.interactions = rows.length;
    record.counts.badInputs = rows.filter(([, , allowed]) => !allowed).length;
  }, 30_000);
});

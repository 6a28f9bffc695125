import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../support/fake-discord/index.js';
import { startHarness, type Harness } from '../discord/harness.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** /feedback for moderators and `dateline feedback --json`, fed by real clicks on answers' buttons. */

let h: Harness;
let nextUser = 1;
const reader = () => ({ userId: `44000000000000000${nextUser++}` });
const moderator = { userId: '440000000000000099', permissions: PERMISSIONS.manageGuild };

async function vote(question: string, votes: ('Helpful' | 'Not helpful')[], reason?: string): Promise<void> {
  const answer = (await h.run('ask', { question }, reader())).lastMessage()!;
  const ids = Object.fromEntries(answer.components[0]!.components!.map((b: any) => [b.label, b.custom_id]));
  for (const label of votes) {
    const who = reader();
    const x = await h.handled(h.fake.component(answer, ids[label], {}, who));
    if (label === 'Not helpful' && reason) {
      const offer = x.lastMessage()!;
      await h.handled(h.fake.component(offer, offer.components[0]!.components![0]!.custom_id!, { componentType: 3, values: [reason] }, who));
    }
  }
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'dateline.js'), ...args], { env: { ...process.env, DATA_DIR: h.config.dataDir } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: 'off' } });
}, 30_000);
afterAll(() => h?.stop());

describe('/feedback', () => {
  it('says so before anything was rated', async () => {
    const x = await h.run('feedback', {}, moderator);
    expect(x.messages()[0]!.data).toMatchObject({ content: '**Feedback** · No answers have been rated yet.', flags: 64 | 4 });
  });

  it('is refused to members who are not moderators', async () => {
    const x = await h.run('feedback', {}, reader());
    expect(x.messages()[0]!.data.content).toBe('Only moderators (Manage Server permission or a moderator role) can see the feedback. Nothing was changed.');
  });

  it('summarises answers rated, the share helpful and the most downvoted questions, privately', async () => {
    await vote('Where did Kerry and Lavrov meet?', ['Helpful', 'Helpful', 'Helpful']);
    await vote('Who wrote the story?', ['Not helpful', 'Not helpful'], 'missed-answer');
    await vote('What is the capital of Ukraine?', ['Not helpful', 'Helpful'], 'should-decline');
    const x = await h.run('feedback', {}, moderator);
    const reply = x.messages()[0]!.data;
    expect(reply.flags! & 64).toBe(64);
    expect(reply.content).toBe(
      [
        '**Feedback** · 3 answers rated · 57% helpful (👍 4 · 👎 3)',
        '',
        '**Most downvoted questions**',
        '1. Who wrote the story? — 👎 2 (Missed the answer ×2)',
        "2. What is the capital of Ukraine? — 👎 1 · 👍 1 (Should have said the story doesn't say ×1)",
      ].join('\n'),
    );
  });
});

describe('dateline feedback', () => {
  it('--json exports the summary and every vote with its question, excerpts and index version', async () => {
    const run = await cli(['feedback', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { summary: { answersRated: number; helpfulShare: number }; votes: any[] };
    expect(out.summary).toMatchObject({ answersRated: 3, votes: 7, upvotes: 4, downvotes: 3 });
    expect(out.votes).toHaveLength(7);
    const down = out.votes.find((v) => v.question === 'Who wrote the story?');
    expect(down).toMatchObject({ vote: 'down', reason: 'missed-answer', via: 'slash', indexVersion: h.ctx.index.generation() });
    expect(down.shown.length).toBeGreaterThan(0);
  });

  it('prints the same summary for people without --json', async () => {
    const run = await cli(['feedback']);
    expect(run.stdout.split('\n')[0]).toBe('Feedback · 3 answers rated · 57% helpful (👍 4 · 👎 3)');
  });
});

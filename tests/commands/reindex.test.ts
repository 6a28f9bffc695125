import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/index/store.js';
import { PERMISSIONS, type InteractionExchange } from '../support/fake-discord/index.js';
import { bundledEmbedder, seedsFolder } from '../support/fixtures.js';
import { controlledEmbedder, startHarness, type ControlledEmbedder, type Harness } from '../discord/harness.js';

const EPHEMERAL = 64;
const moderator = { userId: '500000000000000001', permissions: String(BigInt(PERMISSIONS.member) | BigInt(PERMISSIONS.manageGuild)) };
const admin = { userId: '500000000000000002', permissions: PERMISSIONS.administrator };
const member = { userId: '500000000000000003' };

const shape = (x: InteractionExchange) => x.responses.map((r) => `${r.kind}${r.type ?? ''}`);
const text = (x: InteractionExchange) => x.messages().map((m) => m.data.content as string).join('\n');

let h: Harness;
let control: ControlledEmbedder;
const builds = () => h.log.lines().filter((l) => l.msg === 'Index built').length;

beforeAll(async () => {
  control = controlledEmbedder(await bundledEmbedder());
  h = await startHarness({ embedder: control.embedder, env: (fake) => ({ MODERATOR_ROLE_IDS: fake.guilds[0]!.roles[0]!.id }) });
}, 30_000);
afterAll(() => h?.stop());

describe('/reindex', () => {
  it('is refused to a member without Manage Server, ephemerally, and rebuilds nothing', async () => {
    const generation = await currentGeneration(h.config.indexDir);
    const before = builds();
    const x = await h.run('reindex', {}, member);
    expect(shape(x)).toEqual(['callback4']);
    expect(x.messages()[0]!.data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(text(x)).toMatch(/^Only moderators .* Nothing was changed\.$/);
    expect(builds()).toBe(before);
    expect(await currentGeneration(h.config.indexDir)).toBe(generation);
    expect(h.log.lines().find((l) => l.interaction === x.id)).toMatchObject({ result: 'refused', errorId: 'not-moderator' });
  });

  it('is refused in a direct message', async () => {
    const x = await h.run('reindex', {}, { ...admin, dm: true });
    expect(text(x)).toMatch(/works in a server only/);
    expect(x.messages()[0]!.data.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('rebuilds everything for a moderator who asks full: deferred privately, then edited with what changed', async () => {
    const generation = await currentGeneration(h.config.indexDir);
    const x = await h.run('reindex', { full: true }, moderator);
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(x.responses[0]!.data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(text(x)).toMatch(/^\*\*Index rebuilt\*\* in \d+\.\d\d s with dateline\/glove-100d-sif\.\nStories added 0, changed 0, removed 0\.\nStories: 1 → 1 · Sentences: (\d+) → \1$/);
    expect(await currentGeneration(h.config.indexDir)).not.toBe(generation);
  });

  it('without full, embeds only a story added since, names it, and answers from it at once; then says the index is up to date', async () => {
    const generation = await currentGeneration(h.config.indexDir);
    const file = path.join(h.config.seedsDir, '2020-01-05-hockey-final.txt');
    await fs.writeFile(file, 'date 2020-01-05\n\nThe Zamboni Cats won the hockey final in Oslo on Saturday, beating the Ice Owls 4-2.\n');
    try {
      const x = await h.run('reindex', {}, moderator);
      expect(text(x)).toMatch(/^\*\*Index updated\*\* in \d+\.\d\d s with dateline\/glove-100d-sif: only the changed stories were embedded\.\nStories added 1 \(`2020-01-05-hockey-final\.txt`\), changed 0, removed 0\.\nStories: 1 → 2/);
      expect(await currentGeneration(h.config.indexDir)).not.toBe(generation);
      expect(text(await h.run('ask', { question: 'Who won the hockey final?' }, member))).toContain('Zamboni Cats');
      expect(text(await h.run('reindex', {}, moderator))).toMatch(/^\*\*Index up to date\*\*: no story changed since it was built\./);
    } finally {
      await fs.rm(file);
      await h.ctx.index.reindex();
    }
  });

  it('lets members of MODERATOR_ROLE_IDS rebuild, but not other roles', async () => {
    const role = h.fake.guilds[0]!.roles[0]!.id;
    expect(text(await h.run('reindex', { full: true }, { ...member, roles: [role] }))).toMatch(/^\*\*Index rebuilt\*\*/);
    expect(text(await h.run('reindex', {}, { ...member, roles: ['123456789012345678'] }))).toMatch(/^Only moderators/);
  });

  it('keeps answering from the old index while rebuilding, and two concurrent /reindex run one rebuild', async () => {
    const before = builds();
    control.hold();
    const first = h.fake.command('reindex', { full: true }, moderator);
    await control.waiting();
    const asked = await h.run('ask', { question: "What is Philip Breedlove's job?" }, member);
    expect(shape(asked)).toEqual(['callback5', 'edit']);
    expect(text(asked)).toContain('Supreme Allied Commander Europe');
    const second = h.fake.command('reindex', { full: true }, admin);
    await Promise.all([first, second].map((x) => x.waitFor((e) => e.acknowledged)));
    expect(first.messages()).toHaveLength(0);
    control.release();
    await Promise.all([h.handled(first), h.handled(second)]);
    expect(builds()).toBe(before + 1);
    expect(text(first)).toMatch(/^\*\*Index rebuilt\*\*/);
    expect(text(second)).toBe(text(first));
  });

  it('reports a crashed rebuild without details, logs it with the command name, and keeps serving', async () => {
    control.failNextBatch(new Error(`disk on fire (token ${h.fake.token})`));
    const x = await h.run('reindex', { full: true }, moderator);
    expect(text(x)).toBe("The rebuild failed (the details are in the bot's log). The previous index keeps answering questions.");
    const logged = h.log.lines().find((l) => l.msg === '/reindex failed')!;
    expect(logged).toMatchObject({ command: 'reindex', error: { message: 'disk on fire (token [redacted])' } });
    expect(JSON.stringify(h.log.lines())).not.toContain(h.fake.token);
    expect(text(await h.run('ask', { question: "What is Philip Breedlove's job?" }, { userId: '500000000000000009' }))).toContain('Supreme Allied Commander Europe');
  });
});

describe('/reindex with broken seeds', () => {
  let broken: Harness;
  beforeAll(async () => {
    broken = await startHarness({ seedsDir: await seedsFolder() });
  }, 30_000);
  afterAll(() => broken?.stop());

  it("reports the seeds' problem and the previous index keeps serving", async () => {
    for (const file of await fs.readdir(broken.config.seedsDir)) await fs.rm(path.join(broken.config.seedsDir, file));
    const generation = await currentGeneration(broken.config.indexDir);
    const x = await broken.run('reindex', {}, moderator);
    expect(shape(x)).toEqual(['callback5', 'edit']);
    expect(text(x)).toMatch(/holds no story[\s\S]*Nothing was rebuilt; the previous index keeps serving\./);
    expect(await currentGeneration(broken.config.indexDir)).toBe(generation);
    const asked = await broken.run('ask', { question: "What is Philip Breedlove's job?" });
    expect(text(asked)).toContain('Supreme Allied Commander Europe');
  });
});

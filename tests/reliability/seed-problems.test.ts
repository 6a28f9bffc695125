import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/index/store.js';
import { startHarness, unescape, type Harness } from '../discord/harness.js';
import { PERMISSIONS, type InteractionExchange } from '../support/fake-discord/index.js';
import { SEED_FILE, seedsFolder } from '../support/fixtures.js';
import { recordScenario } from '../support/reliability-record.js';

/**
 * /reindex from a seeds folder with a problem. The report names the file
 * and why; a skipped file changes no story (the index is up to date and
 * not rewritten); when nothing can be read, the previous index keeps serving.
 * (The 50 MB file is in tests/load/huge-seed.test.ts.)
 */
const moderator = { userId: '950000000000000001', permissions: String(BigInt(PERMISSIONS.member) | BigInt(PERMISSIONS.manageGuild)) };
const text = (x: InteractionExchange) => unescape(x.messages().map((m) => String(m.data.content)).join('\n'));
const STORY = path.basename(SEED_FILE);

/** Puts the folder in a state: `story` keeps the good story in it, `extra` adds files, `missing` removes the folder. */
type SeedsState = { story: boolean; extra?: (dir: string) => Promise<void>; missing?: boolean };

const write = (name: string, data: string | Uint8Array) => (dir: string) => fs.writeFile(path.join(dir, name), data);
const cases: { name: string; state: SeedsState; expected: RegExp; rebuilt: boolean }[] = [
  { name: 'seeds/ missing', state: { story: false, missing: true }, expected: /The seeds folder .* does not exist\.[\s\S]*Nothing was rebuilt; the previous index keeps serving\./, rebuilt: false },
  { name: 'seeds/ empty', state: { story: false }, expected: /holds no story\.[\s\S]*Nothing was rebuilt; the previous index keeps serving\./, rebuilt: false },
  { name: 'a binary file', state: { story: true, extra: write('photo.txt', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])) }, expected: /^\*\*Index up to date\*\*[\s\S]*Skipped photo\.txt: looks binary/, rebuilt: false },
  { name: 'a non-UTF-8 file', state: { story: true, extra: write('latin1.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72, 0x2e])) }, expected: /^\*\*Index up to date\*\*[\s\S]*Skipped latin1\.txt: is not valid UTF-8/, rebuilt: false },
  { name: 'an empty file', state: { story: true, extra: write('draft.md', ' \n') }, expected: /^\*\*Index up to date\*\*[\s\S]*Skipped draft\.md: is empty/, rebuilt: false },
  {
    // A link to a file that is gone: listed, then missing when read — the same as a file deleted during the reindex.
    name: 'a file that disappears during the reindex',
    state: { story: true, extra: (dir) => fs.symlink(path.join(dir, 'deleted-meanwhile.txt'), path.join(dir, 'vanishing.txt')) },
    expected: /^\*\*Index up to date\*\*[\s\S]*Skipped vanishing\.txt: disappeared while it was being read/,
    rebuilt: false,
  },
  { name: 'only unreadable files', state: { story: false, extra: write('photo.txt', new Uint8Array([0, 1, 2, 3])) }, expected: /No story in .* could be read:\n\s*photo\.txt: looks binary[\s\S]*the previous index keeps serving/, rebuilt: false },
];

let h: Harness;
let seedsDir: string;
beforeAll(async () => {
  seedsDir = await seedsFolder();
  h = await startHarness({ seedsDir, env: { ASK_COOLDOWN: 'off' } });
}, 30_000);
afterAll(() => h?.stop());

async function arrange(state: SeedsState): Promise<void> {
  await fs.rm(seedsDir, { recursive: true, force: true });
  if (state.missing) return;
  await fs.mkdir(seedsDir);
  if (state.story) await fs.copyFile(SEED_FILE, path.join(seedsDir, STORY));
  await state.extra?.(seedsDir);
}

describe('/reindex with a problem in seeds/', () => {
  for (const { name, state, expected, rebuilt } of cases) {
    it(`${name}: the report names the file and why; questions are still answered`, async ({ task }) => {
      const record = recordScenario(task, `seeds-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}`, `Reindex with ${name}`);
      record.counts.badInputs = 1;
      const generation = await currentGeneration(h.config.indexDir);
      await arrange(state);
      const x = await h.run('reindex', {}, moderator);
      const report = text(x);
      expect(report).toMatch(expected);
      expect(x.responses[0]!.data.flags! & 64).toBe(64);
      if (rebuilt) expect(await currentGeneration(h.config.indexDir)).not.toBe(generation);
      else expect(await currentGeneration(h.config.indexDir)).toBe(generation);
      const asked = await h.run('ask', { question: "What is Philip Breedlove's job?" }, { userId: '950000000000000002' });
      expect(text(asked)).toContain('Supreme Allied Commander Europe');
      expect(h.log.lines().filter((l) => l.level >= 50)).toEqual([]);
      Object.assign(record.figures, { 'reindex said': report.replace(/\n+/g, ' ').slice(0, 300), 'index swapped': rebuilt, 'questions answered afterwards': true });
      await arrange({ story: true });
    }, 30_000);
  }
});

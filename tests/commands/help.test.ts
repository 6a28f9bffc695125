import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_SURE } from '../../src/answer/answer.js';
import { formatAnswer } from '../../src/app/format.js';
import { COMMAND_EXAMPLES, DOESNT_SAY, helpPages } from '../../src/app/help.js';
import { COMMANDS_DIR, loadCommands } from '../../src/app/load-commands.js';
import { startHarness, unescape, type Harness } from '../discord/harness.js';

const EPHEMERAL = 64;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h?.stop());

/** The name of every command file in `commands/`, read from the files themselves. */
async function commandNames(): Promise<string[]> {
  const files = (await fs.readdir(COMMANDS_DIR)).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
  return Promise.all(files.map(async (f) => ((await import(pathToFileURL(path.join(COMMANDS_DIR, f)).href)) as { data: { name: string } }).data.name));
}

const shown = (x: Awaited<ReturnType<Harness['run']>>) => x.messages().map((m) => m.data.content as string);

describe('/help', () => {
  let pages: string[];
  let flags: number[];
  beforeAll(async () => {
    const x = await h.run('help');
    pages = shown(x);
    flags = x.messages().map((m) => m.data.flags ?? 0);
  });

  it('answers privately, within Discord’s message limit', () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const f of flags) expect(f & EPHEMERAL).toBe(EPHEMERAL);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(2000);
  });

  it('lists every command in commands/, each slash command with an example', async () => {
    const text = pages.join('\n');
    const names = await commandNames();
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(text, name).toContain(name === 'Ask Dateline' ? '**Ask Dateline** (message menu)' : `\`/${name}\``);
      expect(COMMAND_EXAMPLES[name], `COMMAND_EXAMPLES has no example for ${name}`).toBeDefined();
    }
    expect(text).toContain('`/ask` — Ask about the story');
    expect(text).toContain('e.g. `/ask question:Where did Kerry and Lavrov meet?`');
    expect(text).toContain('e.g. `/captions page:2`');
    expect(text).toContain('**@Dateline**');
  });

  it('explains citations, "not sure", "doesn’t say" and follow-ups in the words answers use', () => {
    const text = unescape(pages.join('\n'));
    expect(text).toContain('`¶12` — paragraph 12 of the story');
    expect(text).toContain('`Photo caption 7 — REUTERS/Name` — its 7th photo caption');
    expect(text).toContain(`- Not sure: under “${NOT_SURE}” come the passages nearest`);
    expect(text).toContain(`- “${DOESNT_SAY}”: the stories hold no answer`);
    expect(text).toContain('is read with your previous question in the channel');
    const declined = formatAnswer({ question: 'What was the score?', answered: false, excerpts: [] }).join('\n');
    expect(declined).toContain(`**${DOESNT_SAY}**`);
  });

  it('names the story loaded', () => {
    const text = unescape(pages.join('\n'));
    expect(text).toContain('**Stories loaded:** 1 story');
    expect(text).toContain('- *U.S. Secretary of State John Kerry and his Russian counterpart, Sergei Lavrov, discussed…* (2014-03-30) · `2014-03-30-kerry-lavrov-paris`');
  });

  it('shows everyone with public:True', async () => {
    const x = await h.run('help', { public: true });
    expect(x.messages().length).toBeGreaterThan(0);
    for (const m of x.messages()) expect((m.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(shown(x).join('\n')).toContain('**Commands**');
  });
});

describe('/help with an archive of stories', () => {
  it('names the first five and says how many more, pointing at /sources', async () => {
    const stories = Array.from({ length: 1234 }, (_, i) => ({ id: `story-${i}`, title: `Story ${i}`, date: '2020-01-01' }));
    const text = helpPages((await loadCommands()).values(), stories).join('\n');
    expect(text).toContain('**Stories loaded:** 1,234 stories');
    expect(text).toContain('`story-4`');
    expect(text).not.toContain('`story-5`');
    expect(text).toContain('…and 1,229 more; `/sources` lists them all');
  });

  it('says when no story is loaded', async () => {
    expect(helpPages((await loadCommands()).values(), []).join('\n')).toContain('**Stories loaded:** none yet.');
  });
});

import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleBlocks, PROMPT, README, replayExamples } from '../scripts/readme-examples.js';
import { loadCommands } from '../src/app/load-commands.js';
import { slashCommands } from '../src/chat/parse-command.js';

/** The README's "Commands, with examples", replayed through `dateline chat`'s session (`npm run readme:examples` rewrites them). */

/** Times and durations differ from run to run; everything else must match exactly. */
const normalise = (text: string) => text.replace(/built \d{1,2} \w{3} \d{4}, \d\d:\d\d/g, 'built <time>').replace(/in \d+\.\d\d s/g, 'in <n> s');

let examples: string[];
let replayed: string[];

beforeAll(async () => {
  examples = exampleBlocks(await fs.readFile(README, 'utf8'));
  replayed = await replayExamples(examples);
}, 60_000);

describe('README examples', () => {
  it('show every slash command (read from commands/, so a new one cannot be left out) and the chat\'s words', async () => {
    const typed = examples.flatMap((e) => e.split('\n').filter((l) => l.startsWith(PROMPT)).map((l) => l.slice(PROMPT.length).split(' ')[0]));
    const slash = slashCommands(await loadCommands()).map((c) => `/${c.data.name}`);
    expect(new Set(typed)).toEqual(new Set([...slash, 'more', 'full', '+1', '-1', 'why', 'next']));
  });

  it('are the replies the bot gives now (npm run readme:examples rewrites them)', () => {
    expect(replayed.map(normalise)).toEqual(examples.map(normalise));
  });
});

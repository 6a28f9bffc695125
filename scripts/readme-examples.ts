/**
 * The README's "Commands, with examples": each ```text block is lines typed
 * into `dateline chat` (after `dateline> `) and the replies, replayed in order
 * in one session on the seed story with fresh index and data folders.
 * `npm run readme:examples` rewrites the replies; tests/readme.test.ts fails
 * when they differ from what the bot says now.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createAppContext } from '../src/app/app-context.js';
import { parseAppConfig } from '../src/app/config.js';
import { loadCommands } from '../src/app/load-commands.js';
import { createChatSession } from '../src/chat/chat-session.js';
import { parseConfig } from '../src/config.js';
import { createCoreContext } from '../src/core-context.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';

export const README = path.join(PROJECT_ROOT, 'README.md');
const SECTION = '## Commands, with examples';
const BLOCK = /```text\n([\s\S]*?)\n```/g;
export const PROMPT = 'dateline> ';

/** The example blocks of the README's section, as written. */
export function exampleBlocks(readme: string): string[] {
  const section = readme.split(SECTION)[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(BLOCK)].map((m) => m[1]!);
}

/** Replays every block's typed lines and returns the blocks as the bot answers them now. */
export async function replayExamples(blocks: readonly string[]): Promise<string[]> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-readme-'));
  const config = parseConfig({ INDEX_DIR: path.join(tmp, 'index'), DATA_DIR: path.join(tmp, 'data'), SEEDS_DIR: path.join(PROJECT_ROOT, 'seeds') });
  const ctx = createAppContext(await createCoreContext(config, createLogger({ level: 'warn' })), parseAppConfig({}));
  let written = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      written += chunk;
      done();
    },
  });
  const session = createChatSession(ctx, await loadCommands(), { output });
  const replayed: string[] = [];
  try {
    for (const block of blocks) {
      let text = '';
      for (const line of block.split('\n').filter((l) => l.startsWith(PROMPT))) {
        written = '';
        await session.handle(line.slice(PROMPT.length));
        text += `${line}\n${written}`;
      }
      replayed.push(text.trimEnd());
    }
  } finally {
    ctx.feedback.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return replayed;
}

/** Rewrites the README's example blocks with the bot's current replies. */
async function main(): Promise<void> {
  const readme = await fs.readFile(README, 'utf8');
  const [head, rest] = readme.split(SECTION) as [string, string];
  const cut = rest.indexOf('\n## ');
  const section = rest.slice(0, cut);
  const replayed = await replayExamples(exampleBlocks(readme));
  let i = 0;
  const updated = section.replace(BLOCK, () => `\`\`\`text\n${replayed[i++]}\n\`\`\``);
  await fs.writeFile(README, `${head}${SECTION}${updated}${rest.slice(cut)}`);
  process.stdout.write(`Rewrote ${replayed.length} examples in README.md\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

import { PassThrough } from 'node:stream';
import { createAppContext, type AppContext } from '../../src/app/app-context.js';
import { parseAppConfig } from '../../src/app/config.js';
import { loadCommands } from '../../src/app/load-commands.js';
import { runChat, type ChatSessionOptions } from '../../src/chat/chat-session.js';
import { createCoreContext } from '../../src/core-context.js';
import { bundledEmbedder, memoryLogger, testConfig } from './fixtures.js';

/** The app context `dateline chat` runs on, over the seed story in fresh index and data folders, with the bundled model; close its `feedback` after. */
export async function chatAppContext(): Promise<AppContext> {
  const config = await testConfig();
  return createAppContext(await createCoreContext(config, memoryLogger().logger, { embedder: await bundledEmbedder() }), parseAppConfig({}));
}

/** Types `lines` into one `dateline chat` session over `ctx` (with the bot's commands); resolves with all it printed once the input ends. */
export async function chatLines(ctx: AppContext, lines: readonly string[], options: Omit<ChatSessionOptions, 'output'> = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const done = runChat(ctx, await loadCommands(), { input, output, ...options });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text;
}

/** The block-quoted lines of chat output (the quoted story passages), without the `> `. */
export function quotedLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('> '))
    .map((l) => l.slice(2));
}

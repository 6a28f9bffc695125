import { PassThrough } from 'node:stream';
import type { AppContext } from '../../src/app/app-context.js';
import { loadCommands } from '../../src/app/load-commands.js';
import { runChat, type ChatSessionOptions } from '../../src/chat/chat-session.js';

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

import os from 'node:os';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseControlId, type AnswerAction } from '../bot/answer-buttons.js';
import { runAnswerControl } from '../bot/answer-control-handler.js';
import type { BotCommand } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import type { Control, Conversation, Reply } from '../bot/conversation.js';
import { runRequest } from '../bot/interaction-handler.js';
import { renderMarkdown } from './discord-markdown.js';
import { parseCommandLine, slashCommands } from './parse-command.js';

/** Words that click the last answer's controls. */
const CLICKS: Record<string, AnswerAction> = { more: 'more', full: 'full', '+1': 'up', '-1': 'down', why: 'why' };

/** Options for {@link createChatSession}. */
export interface ChatSessionOptions {
  output: Writable;
  /** ANSI styles (a colour terminal). Default false. */
  color?: boolean;
}

/** Options for {@link runChat}. */
export interface ChatOptions extends ChatSessionOptions {
  input: Readable;
  /** Show the help and a prompt (an interactive terminal). Default false. */
  prompt?: boolean;
}

/** One chat: lines in, replies written to the output; remembers the last answer's buttons. */
export interface ChatSession {
  /** Handles one typed line; resolves `quit` on `/quit`. */
  handle(line: string): Promise<'quit' | undefined>;
  help(): void;
}

function renderControls(rows: readonly Control[][], color: boolean): string {
  const lines: string[] = [];
  const hints: string[] = [];
  for (const row of rows) {
    const buttons = row.filter((c) => c.kind === 'button');
    if (buttons.length) lines.push(buttons.map((b) => (b.disabled ? `( ${b.emoji ? `${b.emoji} ` : ''}${b.label} )` : `[ ${b.emoji ? `${b.emoji} ` : ''}${b.label} ]`)).join(' '));
    for (const select of row.filter((c) => c.kind === 'select')) {
      lines.push(`${select.placeholder} ${select.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ')}`);
      hints.push('why <number>');
    }
    for (const b of buttons) {
      const word = Object.entries(CLICKS).find(([, action]) => parseControlId(b.id)?.action === action)?.[0];
      if (word && !b.disabled) hints.push(word);
    }
  }
  if (hints.length) lines.push(renderMarkdown(`-# type ${hints.join(', ')}`, { color }));
  return lines.join('\n');
}

/**
 * A chat that runs `/ask …`, `/captions`, `/sources`, `/reindex` (and the
 * bot's other slash commands) through the same command handlers as
 * Discord, with a terminal {@link Conversation}. Replies are rendered as
 * Discord shows them; `more`, `full`, `+1`, `-1` and `why <n>` click the
 * last answer's buttons. The terminal's user moderates.
 */
export function createChatSession(ctx: BotContext, commands: ReadonlyMap<string, BotCommand>, options: ChatSessionOptions): ChatSession {
  const color = options.color ?? false;
  const write = (text: string) => void options.output.write(`${text}\n`);
  const user = { id: `terminal:${os.userInfo().username}`, name: os.userInfo().username };
  let controls: Control[][] = [];

  const conversation = (values: Record<string, string | number | boolean>): Conversation => ({
    via: 'terminal',
    user,
    createdAt: Date.now(),
    guildId: 'terminal',
    option: (name) => values[name],
    isModerator: () => true,
    inTime: async (work, { slow }) => {
      if (slow) write(renderMarkdown('-# Dateline is thinking…', { color }));
      return work();
    },
    send: async (reply: Reply) => {
      write(reply.pages.map((p) => renderMarkdown(p, { color })).join('\n\n'));
      if (reply.controls?.length) {
        controls = reply.controls;
        write(renderControls(reply.controls, color));
      }
      if (reply.ephemeral) write(renderMarkdown('-# Only you can see this', { color }));
      write('');
    },
    fail: async (message) => write(`${renderMarkdown(message, { color })}\n${renderMarkdown('-# Only you can see this', { color })}\n`),
  });

  const run = (name: string, values: Record<string, string | number | boolean>, work: (c: Conversation) => Promise<unknown>) => {
    const c = conversation(values);
    return runRequest({ name, values, fields: { user: user.id, via: 'terminal' }, secrets: [ctx.config.discord.token], run: async () => (await work(c)) as void, fail: c.fail }, ctx, 'chat');
  };

  const click = async (word: string, arg: string) => {
    const action = CLICKS[word]!;
    const control = controls.flat().find((c) => parseControlId(c.id)?.action === action);
    if (!control || (control.kind === 'button' && control.disabled)) return write(`Nothing to click: the last reply has no "${word}".\n`);
    const value = control.kind === 'select' ? control.options[Number(arg) - 1]?.value : undefined;
    if (control.kind === 'select' && value === undefined) return write(`Pick a reason by number, 1 to ${control.options.length}: why 2\n`);
    await run(`button:${action}`, value ? { value } : {}, (c) =>
      runAnswerControl(c, parseControlId(control.id)!, {
        ...(value ? { value } : {}),
        clearControls: async () => void (controls = []),
        replaceWith: async (text) => {
          controls = controls.filter((row) => !row.includes(control));
          write(`${renderMarkdown(text, { color })}\n`);
        },
      }, ctx),
    );
  };

  const help = () =>
    write(
      [
        'Type a question, or a command as in Discord:',
        ...slashCommands(commands).map((c) => `  /${c.data.name.padEnd(9)} ${(c.data.toJSON() as { description?: string }).description ?? ''}`),
        '  more, full, +1, -1, why <n>   use the buttons under the last answer',
        '  /help, /quit',
        '',
      ].join('\n'),
    );

  const handle = async (raw: string): Promise<'quit' | undefined> => {
    const line = raw.trim();
    const [word = '', arg = ''] = line.split(/\s+/);
    if (line === '') return undefined;
    if (line === '/quit' || line === '/exit') return 'quit';
    if (line === '/help') help();
    else if (/^(more|full|\+1|-1|why \d+)$/i.test(line)) await click(word.toLowerCase(), arg);
    else {
      const parsed = parseCommandLine(line, commands);
      if ('error' in parsed) write(`${parsed.error}\n`);
      else await run(parsed.name, parsed.values, (c) => commands.get(parsed.name)!.execute(c, ctx));
    }
    return undefined;
  };
  return { handle, help };
}

/** `dateline chat`: a {@link createChatSession} over lines of `input`; resolves when the input ends or on `/quit`. */
export async function runChat(ctx: BotContext, commands: ReadonlyMap<string, BotCommand>, options: ChatOptions): Promise<void> {
  const session = createChatSession(ctx, commands, options);
  const lines = readline.createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  const prompt = () => options.prompt && options.output.write('dateline> ');
  if (options.prompt) session.help();
  prompt();
  for await (const line of lines) {
    if ((await session.handle(line)) === 'quit') break;
    prompt();
  }
  lines.close();
}

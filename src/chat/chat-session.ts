import { randomUUID } from 'node:crypto';
import os from 'node:os';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Excerpt } from '../answer/excerpt.js';
import { moreReply } from '../app/answer-control-replies.js';
import { nextExcerpts, runAnswerControl } from '../app/answer-controls.js';
import type { BotCommand } from '../app/command.js';
import type { AppContext } from '../app/app-context.js';
import type { Control, Conversation, Reply } from '../app/conversation.js';
import { runRequest } from '../app/run-request.js';
import { renderMarkdown } from './discord-markdown.js';
import { parseCommandLine, slashCommands } from './parse-command.js';
import { wrapText } from './wrap.js';
import { parseControlId, buttonsExpired, type AnswerAction } from '../app/answer-control-ids.js';
import { parseCaptionPageId } from '../app/caption-page-ids.js';
import { clickedCaptionPage } from '../app/caption-pages.js';
import { takeAskTurn } from '../app/preconditions.js';

/** Words that click the last answer's controls. */
const CLICKS: Record<string, AnswerAction> = { more: 'more', full: 'full', '+1': 'up', '-1': 'down', why: 'why' };

/** Words that click ◀ and ▶ under `/captions`: the first and the second button of that row. */
const PAGE_WORDS = ['prev', 'next'] as const;

/** Words that end the chat (also with a slash: `/quit`). */
const QUIT = /^\/?(quit|exit)$/i;
const HELP = /^\/?help$/i;

/** Work expected to take longer than this shows "Dateline is thinking…" first. */
const THINKING_AFTER_MS = 1500;

/** "More excerpts" pages through at most this many passages per question (the most `ask` returns). */
const MAX_PASSAGES = 10;

/** Options for {@link createChatSession}. */
export interface ChatSessionOptions {
  output: Writable;
  /** ANSI styles (a colour terminal). Default false. */
  color?: boolean;
  /** Wrap replies at word boundaries to this many columns (read before each reply). Default: no wrapping. */
  width?: () => number | undefined;
}

/** Options for {@link runChat}. */
export interface ChatOptions extends ChatSessionOptions {
  input: Readable;
  /**
   * An interactive terminal: readline in terminal mode (line editing, ↑/↓
   * history, Ctrl-C and Ctrl-D end the chat), the help and a prompt, and
   * replies wrapped to the output's width. Default false: lines are read
   * as they come, with no prompt.
   */
  interactive?: boolean;
}

/** One chat: lines in, replies written to the output; remembers the last answer's buttons. */
export interface ChatSession {
  /** Handles one typed line; resolves `quit` on `quit` or `exit`. */
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
    const pageButtons = buttons.filter((b) => parseCaptionPageId(b.id));
    for (const b of buttons) {
      const word = Object.entries(CLICKS).find(([, action]) => parseControlId(b.id)?.action === action)?.[0] ?? PAGE_WORDS[pageButtons.indexOf(b)];
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
 * last answer's buttons (`more` again pages onwards), `prev` and `next`
 * the ◀ ▶ under `/captions`; `help` (or `/help`) runs `/help` and adds the
 * words only the chat knows, and `quit` or `exit` ends. The terminal's user
 * moderates.
 */
export function createChatSession(ctx: AppContext, commands: ReadonlyMap<string, BotCommand>, options: ChatSessionOptions): ChatSession {
  const color = options.color ?? false;
  const write = (text: string) => {
    const width = options.width?.();
    options.output.write(`${width ? wrapText(text, width) : text}\n`);
  };
  const user = { id: `terminal:${os.userInfo().username}`, name: os.userInfo().username };
  /** This chat, as the "channel" its questions follow up in: a new chat starts afresh. */
  const place = { channelId: `chat:${randomUUID()}` };
  /** The last answer's buttons, which stay clickable (as in Discord) until the next answer. */
  let buttons: Control[][] = [];
  /** The reason select offered after 👎, until a reason is picked. */
  let select: Control[][] = [];
  /** Passages "more" has shown, by answer, so typing it again shows the next ones. */
  const moreShown = new Map<string, Excerpt[]>();
  const controls = () => [...select, ...buttons];

  const conversation = (values: Record<string, string | number | boolean>): Conversation => ({
    via: 'terminal',
    user,
    createdAt: Date.now(),
    guildId: 'terminal',
    place,
    option: (name) => values[name],
    isModerator: () => true,
    ackDueInMs: () => THINKING_AFTER_MS,
    inTime: async (work, { slow }) => {
      if (slow) write(renderMarkdown('-# Dateline is thinking…', { color }));
      return work();
    },
    send: async (reply: Reply) => {
      write(reply.pages.map((p) => renderMarkdown(p, { color })).join('\n\n'));
      if (reply.controls?.length) {
        if (reply.controls.flat().some((c) => c.kind === 'select')) select = reply.controls;
        else [buttons, select] = [reply.controls, []];
        write(renderControls(reply.controls, color));
      }
      if (reply.ephemeral) write(renderMarkdown('-# Only you can see this', { color }));
      write('');
    },
    fail: async (message) => write(`${renderMarkdown(message, { color })}\n${renderMarkdown('-# Only you can see this', { color })}\n`),
  });

  const run = (name: string, values: Record<string, string | number | boolean>, work: (c: Conversation) => Promise<unknown>) => {
    const c = conversation(values);
    return runRequest({ name, values, fields: { user: user.id, via: 'terminal' }, secrets: ctx.secrets, run: async () => (await work(c)) as void, fail: c.fail }, ctx, 'chat');
  };

  /**
   * "More excerpts", paging: each time the next passages after every one
   * shown so far (the answer's and earlier "more"s), and a plain "no more"
   * at the end. Expired answers get the same reply as in Discord.
   */
  const more = async (c: Conversation, control: { action: AnswerAction; answerId: string }, clicked: Parameters<typeof runAnswerControl>[2]) => {
    const record = ctx.feedback.getAnswer(control.answerId);
    if (!record || buttonsExpired(record, ctx.buttonsTtlMs, ctx.now())) return runAnswerControl(c, control, clicked, ctx);
    takeAskTurn(c, ctx);
    const earlier = moreShown.get(record.id) ?? [];
    const shown = [...record.shown, ...earlier];
    const slow = ctx.index.current() === undefined || ctx.index.busy;
    const next = shown.length >= MAX_PASSAGES ? [] : await c.inTime(() => nextExcerpts(ctx, { ...record, shown }), { ephemeral: true, slow });
    moreShown.set(record.id, [...earlier, ...next]);
    if (next.length === 0 && (earlier.length > 0 || shown.length >= MAX_PASSAGES)) {
      const why = shown.length >= MAX_PASSAGES ? `those were the ${MAX_PASSAGES} best passages for this question` : 'the story has no further passages for this question';
      await c.send({ pages: [`No more excerpts: ${why}.`], ephemeral: true });
    } else await c.send(moreReply(record, next));
    return { result: 'more' };
  };

  const click = async (word: string, arg: string) => {
    const action = CLICKS[word]!;
    const control = controls()
      .flat()
      .find((c) => parseControlId(c.id)?.action === action);
    if (!control || (control.kind === 'button' && control.disabled)) return write(`Nothing to click: the last reply has no "${word}".\n`);
    const value = control.kind === 'select' ? control.options[Number(arg) - 1]?.value : undefined;
    if (control.kind === 'select' && value === undefined) return write(`Pick a reason by number, 1 to ${control.options.length}: why 2\n`);
    const remove = () => {
      buttons = buttons.flat().includes(control) ? [] : buttons;
      select = select.flat().includes(control) ? [] : select;
    };
    const clicked = {
      ...(value ? { value } : {}),
      clearControls: async () => remove(),
      replaceWith: async (text: string) => {
        remove();
        write(`${renderMarkdown(text, { color })}\n`);
      },
    };
    const id = parseControlId(control.id)!;
    await run(`button:${action}`, value ? { value } : {}, (c) => (action === 'more' ? more(c, id, clicked) : runAnswerControl(c, id, clicked, ctx)));
  };

  /** Clicks ◀ (`prev`) or ▶ (`next`) under the last `/captions` page: the page it names is shown. */
  const turnPage = async (word: (typeof PAGE_WORDS)[number]) => {
    const button = buttons.flat().filter((c) => c.kind === 'button' && parseCaptionPageId(c.id))[PAGE_WORDS.indexOf(word)];
    const target = button && parseCaptionPageId(button.id);
    if (!button || !target || (button.kind === 'button' && button.disabled)) return write(`Nothing to click: the last reply has no "${word}".\n`);
    await run('button:captions', { page: target.page }, async (c) => c.send(clickedCaptionPage(await ctx.index.open(), target)));
  };

  /** The words only the chat knows (the commands are Discord's). */
  const chatWords: [string, string][] = [
    ['more', 'The next best passages for the last answer (type it again for the ones after).'],
    ['full', 'The paragraphs the last answer quotes, in full.'],
    ['+1, -1', 'Vote on the last answer; after -1, why <n> gives the reason.'],
    ['prev, next', 'The previous or next page of /captions.'],
    ['help', 'What Dateline does, the commands with examples, how to read an answer.'],
    ['quit', 'End the chat (also exit, or Ctrl-D).'],
  ];
  const table = (rows: [string, string][]) => {
    const column = Math.max(...rows.map(([name]) => name.length)) + 3;
    return rows.map(([name, what]) => `  ${name.padEnd(column)}${what}`);
  };

  /** The list shown when an interactive chat starts: the commands and the chat's words. */
  const help = () => {
    const commandRows = slashCommands(commands).map((c): [string, string] => [`/${c.data.name}`, (c.data.toJSON() as { description?: string }).description ?? '']);
    write(['Type a question, or a command as in Discord:', ...table([...commandRows, ...chatWords]), ''].join('\n'));
  };

  /** `help` typed: the bot's own `/help` (as Discord shows it), then the words only the chat knows; the start-up list when there is no `/help`. */
  const fullHelp = async () => {
    const command = commands.get('help');
    if (!command) return help();
    await run('help', {}, (c) => command.execute(c, ctx));
    write(['In this chat you can also type:', ...table(chatWords), ''].join('\n'));
  };

  const handle = async (raw: string): Promise<'quit' | undefined> => {
    const line = raw.trim();
    const [word = '', arg = ''] = line.split(/\s+/);
    if (line === '') return undefined;
    if (QUIT.test(line)) return 'quit';
    if (HELP.test(line)) await fullHelp();
    else if (/^(more|full|\+1|-1|why \d+)$/i.test(line)) await click(word.toLowerCase(), arg);
    else if (/^(prev|next)$/i.test(line)) await turnPage(word.toLowerCase() as (typeof PAGE_WORDS)[number]);
    else {
      const parsed = parseCommandLine(line, commands);
      if ('error' in parsed) write(`${parsed.error}\n`);
      else await run(parsed.name, parsed.values, (c) => commands.get(parsed.name)!.execute(c, ctx));
    }
    return undefined;
  };
  return { handle, help };
}

/** The prompt of an interactive chat. */
export const PROMPT = 'dateline> ';

/** The readline interface of {@link runChat}: in terminal mode (line editing, history) when interactive. */
export function chatReadline(options: Pick<ChatOptions, 'input' | 'output' | 'interactive'>): readline.Interface {
  if (!options.interactive) return readline.createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  return readline.createInterface({ input: options.input, output: options.output, terminal: true, prompt: PROMPT, historySize: 500, removeHistoryDuplicates: true, crlfDelay: Infinity });
}

/**
 * `dateline chat`: a {@link createChatSession} over lines of `input`;
 * resolves when the input ends (Ctrl-D), on Ctrl-C, or on `quit`/`exit`.
 */
export async function runChat(ctx: AppContext, commands: ReadonlyMap<string, BotCommand>, options: ChatOptions): Promise<void> {
  const output = options.output as Writable & { columns?: number };
  const width = options.width ?? (options.interactive ? () => output.columns : undefined);
  const session = createChatSession(ctx, commands, { ...options, ...(width ? { width } : {}) });
  const lines = chatReadline(options);
  if (options.interactive) {
    lines.on('SIGINT', () => lines.close());
    session.help();
    lines.prompt();
  }
  for await (const line of lines) {
    if ((await session.handle(line)) === 'quit') break;
    if (options.interactive) lines.prompt();
  }
  lines.close();
  if (options.interactive) options.output.write('\n');
}

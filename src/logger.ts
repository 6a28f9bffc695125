import { pino, type Logger } from 'pino';

export type { Logger };

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * How log lines are written: `json` (one JSON object a line, what log
 * collectors and service managers want), `brief` (`level: message
 * (key=value …)`, for the short runs of the `dateline` CLI) or `timed`
 * (`21:48:03.512 INFO  message key=value …`, an error's stack indented
 * below it, for a long-running bot watched in a terminal).
 */
export type LogStyle = 'json' | 'brief' | 'timed';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** pino level name. */
  level: string;
  /** How lines look (see {@link LogStyle}). Default `json`, or `brief` with {@link pretty}. */
  style?: LogStyle;
  /** Short lines for people: `style: 'brief'` (what the `dateline` CLI writes). */
  pretty?: boolean;
  /** Where lines go. Default standard error, so standard output stays for answers. */
  write?: (line: string) => void;
}

/**
 * The style for a log written to `stream`: `timed` when it is a terminal
 * (someone is reading it), `json` when it is a file, a pipe or a service
 * manager's journal. It is the log's own stream that counts (standard error
 * for the bot), not standard output: `npm start 2>bot.log` at a terminal
 * still writes JSON to the file.
 */
export function logStyleFor(stream: { isTTY?: boolean }): LogStyle {
  return stream.isTTY ? 'timed' : 'json';
}

/** A field's value as `key=value` shows it: plain when it is one word, quoted when it has spaces, quotes or `=`. */
function shown(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}

/** An error as logged (`errorDetails`): type, message, maybe stack and code. */
function isErrorFields(value: unknown): value is { type: string; message: string; stack?: string; code?: unknown } {
  const v = value as { type?: unknown; message?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.message === 'string';
}

function briefLine(entry: Record<string, unknown>): string {
  const { level, msg, time: _time, ...rest } = entry;
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${LEVEL_NAMES[level as number] ?? level}: ${String(msg ?? '')}${extras ? ` (${extras})` : ''}\n`;
}

/** `HH:MM:SS.mmm` in local time: a terminal reader's clock. */
function clock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function timedLine(entry: Record<string, unknown>): string {
  const { level, msg, time, ...rest } = entry;
  const stacks: string[] = [];
  const fields = Object.entries(rest).map(([key, value]) => {
    if (!isErrorFields(value)) return `${key}=${shown(value)}`;
    const frames = value.stack?.split('\n').slice(1).join('\n');
    if (frames) stacks.push(frames);
    return `${key}=${shown(`${value.type}: ${value.message}`)}${value.code === undefined ? '' : ` ${key}.code=${shown(value.code)}`}`;
  });
  const name = String(LEVEL_NAMES[level as number] ?? level).toUpperCase().padEnd(5);
  const head = [typeof time === 'number' ? clock(time) : undefined, name, String(msg ?? ''), ...fields].filter((p) => p !== undefined).join(' ');
  return `${[head, ...stacks].join('\n')}\n`;
}

/** A JSON log line (as pino writes it) in `style`. */
export function formatLogLine(json: string, style: LogStyle): string {
  if (style === 'json') return json;
  const entry = JSON.parse(json) as Record<string, unknown>;
  return style === 'timed' ? timedLine(entry) : briefLine(entry);
}

/** A pino logger; see {@link LoggerOptions}. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const style = options.style ?? (options.pretty ? 'brief' : 'json');
  const sink = { write: (line: string) => write(formatLogLine(line, style)) };
  return pino({ level: options.level, base: undefined }, sink);
}

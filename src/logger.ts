import { pino, type Logger } from 'pino';

export type { Logger };

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** pino level name. */
  level: string;
  /**
   * Short `level: message key=value` lines instead of JSON, for people at a
   * terminal. Default: JSON lines (what log collectors want).
   */
  pretty?: boolean;
  /** Where lines go. Default standard error, so standard output stays for answers. */
  write?: (line: string) => void;
}

function prettyLine(json: string): string {
  const { level, msg, time: _time, ...rest } = JSON.parse(json) as Record<string, unknown>;
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${LEVEL_NAMES[level as number] ?? level}: ${String(msg ?? '')}${extras ? ` (${extras})` : ''}\n`;
}

/** A pino logger; see {@link LoggerOptions}. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const sink = { write: (line: string) => write(options.pretty ? prettyLine(line) : line) };
  return pino({ level: options.level, base: undefined }, sink);
}

import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, logStyleFor, type LogStyle } from '../src/logger.js';

/** What a logger of `style` writes for the calls `log` makes. */
function written(style: LogStyle | undefined, log: (logger: ReturnType<typeof createLogger>) => void, pretty?: boolean): string {
  let out = '';
  log(createLogger({ level: 'info', ...(style ? { style } : {}), ...(pretty ? { pretty } : {}), write: (line) => (out += line) }));
  return out;
}

describe('log lines', () => {
  it('are JSON by default, for collectors', () => {
    const line = written(undefined, (l) => l.info({ user: '42' }, 'Discord bot ready'));
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: 'Discord bot ready', user: '42', time: expect.any(Number) });
  });

  it('read as time, level, message, then key=value in the timed style, text with spaces quoted', () => {
    const line = written('timed', (l) => l.warn({ shard: 0, reason: 'gateway closed', ids: ['a', 'b'] }, 'Reconnecting'));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  Reconnecting shard=0 reason="gateway closed" ids=\["a","b"\]\n$/);
  });

  it('put a logged error as type: message with its code, and its stack indented on the lines below', () => {
    const error = { type: 'Error', message: 'getaddrinfo ENOTFOUND discord.com', code: 'ENOTFOUND', stack: 'Error: getaddrinfo ENOTFOUND discord.com\n    at lookup (node:dns:1:1)' };
    const line = written('timed', (l) => l.error({ error }, 'The Discord bot could not start'));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR The Discord bot could not start error="Error: getaddrinfo ENOTFOUND discord\.com" error\.code=ENOTFOUND\n {4}at lookup \(node:dns:1:1\)\n$/);
  });

  it('keep the CLI’s brief style for pretty: true', () => {
    expect(written(undefined, (l) => l.error({ command: 'sources' }, 'dateline crashed'), true)).toBe('error: dateline crashed (command=sources)\n');
  });

  it('follow the log stream: timed at a terminal, JSON to a file or pipe', () => {
    expect(logStyleFor({ isTTY: true })).toBe('timed');
    expect(logStyleFor({ isTTY: false })).toBe('json');
    expect(logStyleFor({})).toBe('json');
    const json = '{"level":30,"time":0,"msg":"hi"}\n';
    expect(formatLogLine(json, 'json')).toBe(json);
  });
});

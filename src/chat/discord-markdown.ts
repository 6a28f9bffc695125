import { formatDateTime } from '../app/date-time.js';

/** Options for {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Use ANSI bold, italics and dim (a colour terminal). Default false: plain text. */
  color?: boolean;
  /** The clock relative timestamps (`<t:…:R>`) count from (ms since the epoch). Default `Date.now()`. */
  now?: number;
}

/** ANSI SGR codes: on, off. */
const ANSI = { bold: [1, 22], italic: [3, 23], dim: [2, 22], green: [32, 39] } as const;

const style = (format: keyof typeof ANSI, text: string, color: boolean) => (color ? `\u001b[${ANSI[format][0]}m${text}\u001b[${ANSI[format][1]}m` : text);

/** Units for relative times, largest first, in seconds. */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** `seconds` (since the epoch) relative to `nowMs`, as Discord's `R` style shows it: `3 hours ago`, `in 2 days`. */
function relativeTime(seconds: number, nowMs: number): string {
  const diff = seconds - nowMs / 1000;
  const future = diff > 0;
  const abs = Math.abs(diff);
  const unit = UNITS.find(([, size]) => abs >= size);
  if (!unit) return future ? 'in a few seconds' : 'a few seconds ago';
  const n = Math.round(abs / unit[1]);
  return RELATIVE.format(future ? n : -n, unit[0]);
}

/**
 * A Discord timestamp `<t:SECONDS[:STYLE]>` as the terminal shows it: every
 * style as the date and time `dateline sources` prints
 * (`30 Nov 2026, 21:48 UTC`), except `R`, relative to now as in Discord.
 */
function timestamp(seconds: string, styleLetter: string | undefined, nowMs: number): string {
  return styleLetter === 'R' ? relativeTime(Number(seconds), nowMs) : formatDateTime(Number(seconds) * 1000);
}

/**
 * Renders the subset of Discord markdown Dateline writes the way Discord
 * shows it, for a terminal: `**bold**`, `*italic*`, `-# subtext`, block
 * quotes (`> `, drawn as a bar in colour), `<t:…>` timestamps, `<https://…>` links without
 * preview, `<@id>` and `<#id>` mentions, and backslash escapes removed.
 */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): string {
  const color = options.color ?? false;
  const now = options.now ?? Date.now();
  const ESC = '\u0000';
  const escaped: string[] = [];
  const protect = (s: string) => s.replace(/\\([^0-9A-Za-z\s])/g, (_, ch: string) => `${ESC}${escaped.push(ch) - 1}${ESC}`);
  const restore = (s: string) => s.replace(new RegExp(`${ESC}(\\d+)${ESC}`, 'g'), (_, i: string) => escaped[Number(i)]!);
  return text
    .split('\n')
    .map((raw) => {
      let line = protect(raw);
      const subtext = /^-# /.test(line);
      if (subtext) line = line.slice(3);
      line = line
        .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, s: string, letter: string | undefined) => timestamp(s, letter, now))
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
        .replace(/<@!?(\d+)>/g, '@$1')
        .replace(/<#(\d+)>/g, '#$1')
        .replace(/\*\*(.+?)\*\*/g, (_, s: string) => style('bold', s, color))
        .replace(/(^|[^*])\*(?!\s)(.+?)\*(?!\*)/g, (_, pre: string, s: string) => pre + style('italic', s, color));
      line = restore(line);
      if (subtext) return style('dim', line, color);
      return color && line.startsWith('> ') ? `${style('green', '▌', true)}${line.slice(1)}` : line;
    })
    .join('\n');
}

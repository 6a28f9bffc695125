import { formatDateTime } from '../bot/format.js';

/** Options for {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Use ANSI bold, italics and dim (a colour terminal). Default false: plain text. */
  color?: boolean;
}

/** ANSI SGR codes: on, off. */
const ANSI = { bold: [1, 22], italic: [3, 23], dim: [2, 22], green: [32, 39] } as const;

const style = (format: keyof typeof ANSI, text: string, color: boolean) => (color ? `\u001b[${ANSI[format][0]}m${text}\u001b[${ANSI[format][1]}m` : text);

/** `<t:SECONDS:f>` as a date and time in UTC, written like every other time Dateline shows. */
function timestamp(seconds: string): string {
  return formatDateTime(Number(seconds) * 1000);
}

/**
 * Renders the subset of Discord markdown Dateline writes the way Discord
 * shows it, for a terminal: `**bold**`, `*italic*`, `-# subtext`, block
 * quotes (`> `, drawn as a bar in colour), `<t:…>` timestamps, `<https://…>` links without
 * preview, `<@id>` mentions, and backslash escapes removed.
 */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): string {
  const color = options.color ?? false;
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
        .replace(/<t:(\d+)(?::[tTdDfFR])?>/g, (_, s: string) => timestamp(s))
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
        .replace(/<@!?(\d+)>/g, '@$1')
        .replace(/\*\*(.+?)\*\*/g, (_, s: string) => style('bold', s, color))
        .replace(/(^|[^*])\*(?!\s)(.+?)\*(?!\*)/g, (_, pre: string, s: string) => pre + style('italic', s, color));
      line = restore(line);
      if (subtext) return style('dim', line, color);
      return color && line.startsWith('> ') ? `${style('green', '▌', true)}${line.slice(1)}` : line;
    })
    .join('\n');
}

/** ANSI SGR sequences (colour, bold…), which take no room on screen. */
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a character takes in a terminal: 2 for emoji and East Asian wide characters, 0 for joiners and combining marks. */
function charWidth(ch: string): number {
  if (/[\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\u0300-\u036f]/u.test(ch)) return 0;
  if (/\p{Extended_Pictographic}/u.test(ch) && ch.codePointAt(0)! > 0xff) return 2;
  if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch)) return 2;
  return 1;
}

/** Columns `text` takes in a terminal, ANSI styles ignored. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(ANSI, '')) width += charWidth(ch);
  return width;
}

/**
 * What a line starts with that its wrapped lines repeat or line up under:
 * a block quote's `> ` (or `▌ `, drawn in colour) is repeated, a list
 * item's `- ` or `3. ` becomes an indent of the same width.
 */
function leader(line: string): { first: string; next: string } {
  const quote = /^(?:\u001b\[[0-9;]*m)*(?:>|▌)(?:\u001b\[[0-9;]*m)* /.exec(line);
  if (quote) return { first: quote[0], next: quote[0] };
  const item = /^ *(?:- |\d+\. )/.exec(line);
  if (item) return { first: item[0], next: ' '.repeat(item[0].length) };
  const column = /^ +\S.*? {2,}(?=\S)/.exec(line);
  if (column && column[0].length <= 24) return { first: column[0], next: ' '.repeat(column[0].length) };
  const indent = /^ +/.exec(line);
  if (indent) return { first: indent[0], next: indent[0] };
  return { first: '', next: '' };
}

/** Cuts a word wider than `room` into pieces that fit. */
function cut(word: string, room: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && displayWidth(piece + ch) > room) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** One line wrapped at word boundaries to `width` columns (see {@link wrapText}). */
function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const { first, next } = leader(line);
  const room = Math.max(10, width - displayWidth(next));
  const words = line.slice(first.length).split(/ +/).filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  let prefix = first;
  const flush = () => {
    lines.push(prefix + current);
    prefix = next;
    current = '';
  };
  for (const word of words) {
    const pieces = displayWidth(word) > room ? cut(word, room) : [word];
    for (const piece of pieces) {
      if (current && displayWidth(prefix + current) + 1 + displayWidth(piece) > width) flush();
      current = current ? `${current} ${piece}` : piece;
    }
  }
  if (current || lines.length === 0) flush();
  return lines;
}

/**
 * Wraps `text` to `width` columns at word boundaries, so a terminal never
 * breaks a word in two. Wrapped lines of a block quote keep the quote
 * marker; those of a list item, an indented line or a two-column line (`  name   what it does`)
 * line up under its text. ANSI styles and
 * wide characters (emoji) are measured as they show.
 */
export function wrapText(text: string, width: number): string {
  if (!Number.isFinite(width) || width < 20) return text;
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

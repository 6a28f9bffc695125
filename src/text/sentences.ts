/** A sentence as offsets into the text it came from. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm',
    'maj', 'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr',
    'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'approx', 'dept', 'est', 'fig',
    'e.g', 'i.e', 'al', 'rev', 'hon', 'pres', 'supt', 'messrs',
  ],
);

/** Characters that may close a sentence after its final punctuation. */
const CLOSERS = new Set(['"', "'", ')', ']', '”', '’', '»']);

function isAbbreviation(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && /[A-Za-z.]/.test(text[i]!)) i--;
  const word = text.slice(i + 1, dot);
  if (word.length === 0) return false;
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) return true;
  if (/^[A-Z]$/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Splits `text[from, to)` into sentences: a boundary is `.`, `!` or `?`
 * (plus closing quotes or brackets) followed by whitespace and a capital,
 * digit, quote or bracket — unless the period ends an abbreviation
 * (`U.S.`, `Gen.`, an initial). Leading and trailing whitespace is trimmed
 * from every span, so each span is an exact, tidy substring.
 */
export function splitSentences(text: string, from = 0, to = text.length): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    while (end < to && (CLOSERS.has(text[end]!) || text[end] === '.')) end++;
    if (end >= to || !/\s/.test(text[end]!)) continue;
    let next = end;
    while (next < to && /\s/.test(text[next]!)) next++;
    if (next >= to || !/[A-Z0-9"'“‘(\[]/.test(text[next]!)) continue;
    if (ch === '.' && isAbbreviation(text, i)) continue;
    pushTrimmed(text, start, end, spans);
    start = next;
    i = next - 1;
  }
  pushTrimmed(text, start, to, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, into: SentenceSpan[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}

import { splitSentences } from '../text/sentences.js';
import { citationOf, type Story, type StoryMeta, type StoryUnit } from './story.js';

/** `date YYYY-MM-DD` at the very start of a story, optionally after spaces. */
const DATE_HEADER = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*/;

/**
 * A photo credit closing a paragraph: an agency in capitals, then one or more
 * `/Name` parts (`REUTERS/Yannis Behrakis`, `REUTERS/Jacquelyn Martin/Pool`).
 */
const PHOTO_CREDIT = /(?:^|\s)([A-Z][A-Z&.-]{1,20}(?:\/[A-Z][\p{L}.'’-]*(?:[ -][A-Z][\p{L}.'’-]*)*)+)\s*$/u;

/** The trailing credits line: `(Additional reporting by …; Editing by …)`. */
const CREDITS_LINE = /^\((?=[^()]*\bby\b)[^()]*\)$/i;

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const CAPTION_DATE = new RegExp(`${MONTH} \\d{1,2}, \\d{4}`);

/** A leading dateline such as `PARIS/MOSCOW ` or `WASHINGTON (Reuters) - `. */
const DATELINE = /^(?:[A-Z]{2,}(?:[\/ -][A-Z]{2,})*)(?:,? [A-Z][a-z]+)?(?: \(\w+\))?\s*(?:[-–—]\s*)?(?=[A-Z"“])/;

/** Longest derived title, in characters. */
export const TITLE_MAX = 90;

interface Block {
  start: number;
  end: number;
}

/** Paragraphs: runs of text separated by blank lines, as trimmed offsets. */
function blocks(text: string, from: number): Block[] {
  const out: Block[] = [];
  const re = /\n[ \t]*\n/g;
  re.lastIndex = from;
  let start = from;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return out;
}

function captionPlace(beforeDate: string): string | undefined {
  const parts = beforeDate.replace(/[\s,]+$/, '').split(' in ');
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1]!.replace(/^(?:[a-z]+ )+/, '').trim();
  if (!/^[A-Z]/.test(last)) return undefined;
  const previous = parts[parts.length - 2]!;
  const tail = /(?:^|\s)((?:[A-Z][\p{L}'’-]+ ?)+)$/u.exec(previous);
  return tail && !/,$/.test(previous) ? `${tail[1]!.trim()}, ${last}` : last;
}

function captionFields(text: string): Pick<StoryUnit, 'credit' | 'place' | 'date'> {
  const credit = PHOTO_CREDIT.exec(text)?.[1];
  const dateMatch = CAPTION_DATE.exec(text);
  const fields: Pick<StoryUnit, 'credit' | 'place' | 'date'> = {};
  if (credit) fields.credit = credit;
  if (dateMatch) {
    fields.date = dateMatch[0];
    const place = captionPlace(text.slice(0, dateMatch.index));
    if (place) fields.place = place;
  }
  return fields;
}

/** The first body sentence without its dateline, cut at a word boundary to {@link TITLE_MAX}. */
export function deriveTitle(firstParagraph: string): string {
  const body = firstParagraph.replace(DATELINE, '');
  const first = splitSentences(body)[0];
  const sentence = first ? body.slice(first.start, first.end) : body;
  const flat = sentence.replace(/\s+/g, ' ').trim();
  if (flat.length <= TITLE_MAX) return flat.replace(/[.]$/, '');
  const cut = flat.slice(0, TITLE_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20)).replace(/[,;:]$/, '')}…`;
}

/**
 * Parses a story's text into citable units: photo captions (paragraphs ending
 * in a photo credit), numbered body paragraphs, and a trailing credits line.
 * The optional `date YYYY-MM-DD` header is read and left out of every unit.
 */
export function parseStory(input: { id: string; file: string; text: string; sha256: string; meta?: StoryMeta }): Story {
  const { text } = input;
  const header = DATE_HEADER.exec(text);
  const units: StoryUnit[] = [];
  let captions = 0;
  let paragraphs = 0;
  const all = blocks(text, header ? header[0].length : 0);
  all.forEach((block, i) => {
    const body = text.slice(block.start, block.end);
    const base = { start: block.start, end: block.end, text: body };
    if (i === all.length - 1 && CREDITS_LINE.test(body)) {
      units.push({ ...base, kind: 'credits', number: 1, citation: citationOf('credits', 1) });
    } else if (PHOTO_CREDIT.test(body) && /\s/.test(body)) {
      captions++;
      units.push({ ...base, kind: 'caption', number: captions, citation: citationOf('caption', captions), ...captionFields(body) });
    } else {
      paragraphs++;
      units.push({ ...base, kind: 'paragraph', number: paragraphs, citation: citationOf('paragraph', paragraphs) });
    }
  });
  const firstBody = units.find((u) => u.kind === 'paragraph') ?? units[0];
  const story: Story = {
    id: input.id,
    file: input.file,
    title: input.meta?.title?.trim() || (firstBody ? deriveTitle(firstBody.text) : input.id),
    text,
    units,
    sha256: input.sha256,
  };
  const date = input.meta?.date ?? header?.[1];
  if (date) story.date = date;
  if (input.meta?.url) story.url = input.meta.url;
  if (input.meta?.source) story.source = input.meta.source;
  return story;
}

import { escapeMarkdown, inlineCode } from '@discordjs/formatters';
import { NOT_SURE, type Answer } from '../answer/answer.js';
import type { Excerpt } from '../answer/excerpt.js';
import type { ReindexReport } from '../index/index-service.js';
import type { FeedbackSummary } from '../feedback/feedback-store.js';
import { DOWNVOTE_REASONS, type DownvoteReason } from '../feedback/feedback-store.js';
import { builtByPhrase, changeSummary, plural, type CaptionEntry, type SourcesReport } from '../queries.js';

/** Discord's message limit in characters. Dateline replies in message content only, no embeds. */
export const DISCORD_LIMITS = {
  content: 2000,
} as const;

/**
 * Escapes `text` so Discord shows it as written: markdown (including
 * headings, lists, masked links, block quotes and subtext) and mention,
 * channel, emoji and timestamp syntax are backslash-escaped. Discord hides a
 * backslash before any ASCII punctuation, so the rendered text is `text`.
 */
export function literal(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/^(\s*)(>|-#)/gm, '$1\\$2')
    .replace(/<(?=[@#:/]|a:|t:)/g, '\\<')
    .replace(/:(?=[\w~-]+:)/g, '\\:');
}

/** Renders `text` as a Discord block quote, line by line. */
export function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

const SENTENCE_END = /[.!?…]["'”’)\]*_\\]*(?=\s)/g;
const QUOTE = '> ';

/** The end of the last match of `re` in `window` that is past index 0, or -1. */
function lastEnd(window: string, re: RegExp): number {
  let at = -1;
  for (const m of window.matchAll(re)) if (m.index + m[0].length > 0) at = m.index + m[0].length;
  return at;
}

/** Where to cut `rest` so the first part fits in `room`: [end of this part, start of the next]. */
function findBreak(rest: string, room: number): [number, number] {
  const window = rest.slice(0, room + 1);
  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph > 0) return [paragraph, paragraph + 2];
  const line = window.lastIndexOf('\n');
  if (line > 0) return [line, line + 1];
  const sentence = lastEnd(window, SENTENCE_END);
  if (sentence > 0) return [sentence, sentence + 1];
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
  if (space > 0) return [space, space + 1];
  let end = room;
  if (/[\uD800-\uDBFF]/.test(rest[end - 1] ?? '')) end--;
  if (/(^|[^\\])(\\\\)*\\$/.test(rest.slice(0, end))) end--;
  return [end, end];
}

/**
 * Splits `text` into messages of at most `limit` characters, cutting at a
 * paragraph break if one fits, else a line break, a sentence end, or a space
 * (a single word longer than `limit` is the only thing ever cut inside).
 * A block-quote line cut in two stays quoted in the next message.
 */
export function splitMessage(text: string, limit: number = DISCORD_LIMITS.content): string[] {
  const messages: string[] = [];
  let rest = text.trim();
  let carry = '';
  while (carry.length + rest.length > limit) {
    const room = limit - carry.length;
    const [end, next] = findBreak(rest, room);
    messages.push(carry + rest.slice(0, end).trimEnd());
    const lineStart = rest.lastIndexOf('\n', end - 1) + 1;
    const quoted = lineStart === 0 ? carry === QUOTE || rest.startsWith(QUOTE) : rest.startsWith(QUOTE, lineStart);
    const midLine = next > 0 && rest[next - 1] !== '\n' && next < rest.length;
    rest = rest.slice(next).replace(/^\s*\n/, '').replace(/^[ \t]+/, '');
    carry = midLine && quoted && !rest.startsWith(QUOTE) ? QUOTE : '';
  }
  if (rest) messages.push(carry + rest);
  return messages;
}

/** Options for {@link formatAnswer}. */
export interface AnswerFormatOptions {
  /** Source URL of a story by id, linked (without a preview) under its quotes. */
  urlOf?: (story: string) => string | undefined;
  /** Characters per message. Default Discord's 2000. */
  limit?: number;
  /** The earlier question this one was read with (a follow-up), named under it. Default none. */
  followsUp?: string;
}

function excerptBlock(e: Excerpt, url: string | undefined): string {
  const where = e.credit ? `${e.citation} — ${e.credit}` : e.citation;
  const story = `*${literal(e.title)}*${e.date ? ` (${e.date})` : ''}`;
  return `${blockQuote(literal(e.text))}\n— ${literal(where)} · ${story}${url ? ` · <${url}>` : ''}`;
}

/**
 * An answer as Discord messages: the question (with how it was read when a
 * word was corrected), then each excerpt as a block quote with its citation,
 * story title and date; "not sure" above the closest passages when the
 * answer is not confident; or an honest decline with the closest passages
 * marked as not an answer.
 */
export function formatAnswer(answer: Answer, options: AnswerFormatOptions = {}): string[] {
  const block = (e: Excerpt) => excerptBlock(e, options.urlOf?.(e.story));
  const context = options.followsUp === undefined ? '' : `\n-# following up on: “${literal(options.followsUp)}”`;
  const parts = [`**Q:** ${literal(answer.question)}${context}${answer.readAs?.length ? `\n*read as: ${literal(answer.readAs.join(', '))}*` : ''}`];
  if (answer.answered && answer.confidence === 'low') parts.push(`**${NOT_SURE}**`, ...answer.excerpts.map(block));
  else if (answer.answered) parts.push(...answer.excerpts.map(block));
  else if (answer.closest?.length) parts.push("**The story doesn't say.** The closest passages, which are not an answer:", ...answer.closest.map(block));
  else parts.push("**The story doesn't say.**");
  return splitMessage(parts.join('\n\n'), options.limit);
}

const PAGE_FOOTER_ROOM = 120;

/**
 * Photo captions, numbered within their story, with credit, place and date,
 * as pages that each fit one message; every page but a lone one ends with
 * "Page i of n" and the command for the next (`/captions page:N`, with the
 * story when one was chosen).
 */
export function captionPages(captions: readonly CaptionEntry[], limit: number = DISCORD_LIMITS.content, storyOption?: string): string[] {
  if (captions.length === 0) return ['The story has no photo captions.'];
  const parts: string[] = [];
  let story: string | undefined;
  for (const c of captions) {
    if (c.story !== story) {
      story = c.story;
      parts.push(`**Photo captions** · *${literal(c.title)}*`);
    }
    const facts = [c.credit, c.place, c.date].filter(Boolean).join(' · ');
    parts.push(`**${c.number}.** ${literal(facts)}\n${blockQuote(literal(c.text))}`);
  }
  const pages = splitMessage(parts.join('\n\n'), limit - PAGE_FOOTER_ROOM);
  if (pages.length === 1) return pages;
  return pages.map((page, i) => {
    const next = i + 1 < pages.length ? ` · next: \`/captions page:${i + 2}${storyOption ? ` story:${storyOption}` : ''}\`` : '';
    return `${page}\n\n-# Page ${i + 1} of ${pages.length}${next}`;
  });
}

/** What a reindex changed, as messages; `more` are lines the front end adds (Discord: what each shard serves now). */
export function formatReindex(r: ReindexReport, more: readonly string[] = [], limit: number = DISCORD_LIMITS.content): string[] {
  const change = (before: number | undefined, after: number) => (before === undefined ? `${after}` : `${before} → ${after}`);
  const stories = changeSummary(r.changes, (f) => inlineCode(f));
  const headline = r.adopted
    ? `**Index rebuilt** by another shard just now (it was already rebuilding), with ${literal(r.model)}.`
    : r.kind === 'unchanged'
      ? `**Index up to date**: no story changed since it was built. \`/reindex full:True\` rebuilds everything anyway.`
      : r.kind === 'incremental'
        ? `**Index updated** in ${r.seconds.toFixed(2)} s with ${literal(r.model)}: only the changed stories were embedded.`
        : `**Index rebuilt** in ${r.seconds.toFixed(2)} s with ${literal(r.model)}.`;
  const lines = [
    headline,
    ...(r.kind === 'unchanged' ? [] : [`Stories ${stories}.`]),
    `Stories: ${change(r.kind === 'unchanged' ? undefined : r.previous?.stories, r.stories)} · Sentences: ${change(r.kind === 'unchanged' ? undefined : r.previous?.chunks, r.chunks)}`,
    ...r.problems.map((p) => `Skipped ${literal(p.file)}: ${literal(p.reason)}`),
    ...more,
  ];
  return splitMessage(lines.join('\n'), limit);
}

/** One photo caption in full, with its number, credit, place, date and story. */
export function formatCaption(c: CaptionEntry): string[] {
  const facts = [c.credit, c.place, c.date].filter(Boolean).join(' · ');
  return splitMessage(`**Photo caption ${c.number}** · *${literal(c.title)}*${facts ? `\n${literal(facts)}` : ''}\n${blockQuote(literal(c.text))}`);
}

/**
 * A time for a Discord message: Discord's timestamp markup `<t:SECONDS:f>`,
 * which each reader sees as a date and time in their own time zone (and
 * `dateline chat` shows as `formatDateTime` in `date-time.ts`). Text that is not a time
 * comes back escaped, as written.
 */
function discordTime(time: string | number | Date): string {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'string' ? Date.parse(time) : time;
  return Number.isNaN(ms) ? literal(String(time)) : `<t:${Math.floor(ms / 1000)}:f>`;
}

/** The indexed stories and how the index was built, for `/sources`. */
export function formatSources(s: SourcesReport): string[] {
  const stories = s.stories.map((x) => {
    const meta = [x.date, x.source].filter(Boolean).map((v) => literal(v!)).join(' · ');
    return `- **${literal(x.title)}**${meta ? ` · ${meta}` : ''} · ${plural(x.paragraphs, 'paragraph')}, ${plural(x.captions, 'caption')} · \`${x.story}\``;
  });
  const by = literal(builtByPhrase(s.builtBy));
  const lines = [
    `**Sources** · ${plural(s.stories.length, 'story')}`,
    ...stories,
    '',
    `Index: ${plural(s.chunks, 'sentence')}, model ${literal(s.model)} (${s.dimension} dimensions), built ${discordTime(s.builtAt)}${by}.`,
  ];
  return splitMessage(lines.join('\n'));
}

/** The feedback summary for `/feedback`. */
export function formatFeedback(f: FeedbackSummary): string[] {
  if (f.votes === 0) return ['**Feedback** · No answers have been rated yet.'];
  const share = `${Math.round((f.helpfulShare ?? 0) * 100)}%`;
  const lines = [
    `**Feedback** · ${f.answersRated} answer${f.answersRated === 1 ? '' : 's'} rated · ${share} helpful (👍 ${f.upvotes} · 👎 ${f.downvotes})`,
  ];
  if (f.mostDownvoted.length) {
    lines.push('', '**Most downvoted questions**');
    f.mostDownvoted.forEach((q, i) => {
      const reasons = Object.entries(q.reasons)
        .map(([r, n]) => `${DOWNVOTE_REASONS[r as DownvoteReason]} ×${n}`)
        .join(', ');
      lines.push(`${i + 1}. ${literal(q.question)} — 👎 ${q.downvotes}${q.upvotes ? ` · 👍 ${q.upvotes}` : ''}${reasons ? ` (${literal(reasons)})` : ''}`);
    });
  }
  return splitMessage(lines.join('\n'));
}

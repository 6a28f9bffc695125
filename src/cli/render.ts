import { NOT_SURE, type Answer } from '../answer/answer.js';
import type { Excerpt } from '../answer/excerpt.js';
import { formatDateTime } from '../app/date-time.js';
import type { ReindexReport } from '../index/index-service.js';
import { builtByPhrase, changeSummary, plural, type CaptionEntry, type SourcesReport } from '../queries.js';

/** Wraps `text` at word boundaries to `width`, each line prefixed. */
export function wrap(text: string, width: number, prefix: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix + line);
  return lines.join('\n');
}

function citationLine(e: Excerpt): string {
  const where = e.credit ? `${e.citation} — ${e.credit}` : e.citation;
  return `  — ${where} · ${e.title}${e.date ? ` (${e.date})` : ''}`;
}

/** A quote as a terminal block quote with its citation underneath. */
export function renderExcerpt(e: Excerpt, width: number): string {
  return `${wrap(e.text, width, '> ')}\n${citationLine(e)}`;
}

/** The question above its answer, when `ask -` answers several. */
export function renderQuestion(question: string, width = 100): string {
  return wrap(`Q: ${question.trim()}`, width, '');
}

/** An answer for people: block quotes with citations, or an honest decline. */
export function renderAnswer(a: Answer, width = 100): string {
  const readAs = a.readAs?.length ? `(read as: ${a.readAs.join(', ')})\n\n` : '';
  const quotes = (list: readonly Excerpt[]) => list.map((e) => renderExcerpt(e, width)).join('\n\n');
  if (a.answered) return `${readAs}${a.confidence === 'low' ? `${NOT_SURE}\n\n` : ''}${quotes(a.excerpts)}`;
  const head = `${readAs}The story doesn't say.`;
  if (!a.closest?.length) return head;
  return `${head} Closest passages, which are not an answer:\n\n${quotes(a.closest)}`;
}

/** Captions numbered, with credit, place and date. */
export function renderCaptions(captions: readonly CaptionEntry[], width = 100): string {
  if (captions.length === 0) return 'The story has no photo captions.';
  return captions
    .map((c) => {
      const facts = [c.credit, c.place, c.date].filter(Boolean).join(' · ');
      return `${c.number}. ${facts}\n${wrap(c.text, width, '   ')}`;
    })
    .join('\n\n');
}

/** Indexed stories and index facts. */
export function renderSources(s: SourcesReport): string {
  const stories = s.stories.map(
    (x) => `- ${x.title}${x.date ? ` (${x.date})` : ''}${x.source ? `, ${x.source}` : ''} — ${plural(x.paragraphs, 'paragraph')}, ${plural(x.captions, 'caption')} [${x.file}]`,
  );
  return `${stories.join('\n')}\n\nIndex: ${s.chunks} sentences, model ${s.model}, built ${formatDateTime(s.builtAt)}${builtByPhrase(s.builtBy)}.`;
}

/** What a reindex did. */
export function renderReindex(r: ReindexReport): string {
  const prev = r.previous ? ` (before: ${r.previous.stories} stories, ${r.previous.chunks} sentences)` : '';
  const problems = r.problems.map((p) => `\n  skipped ${p.file}: ${p.reason}`).join('');
  const size = `${r.stories} stor${r.stories === 1 ? 'y' : 'ies'}, ${r.chunks} sentences`;
  if (r.kind === 'unchanged') return `The index is up to date: no story changed (${size}). Run dateline reindex --full to rebuild everything anyway.${problems}`;
  const what = r.kind === 'incremental' ? 'Updated the index' : 'Reindexed';
  return `${what} in ${r.seconds.toFixed(2)} s: ${changeSummary(r.changes)}; now ${size} with ${r.model}${prev}.${problems}`;
}

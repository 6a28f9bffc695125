import type { StoryChanges } from './index/update-index.js';
import { answer, type Answer } from './answer/answer.js';
import type { ShownPassage } from './answer/excerpt.js';
import { cleanQuestion } from './answer/question.js';
import type { CoreContext } from './core-context.js';
import { ErrorId, UserFacingError } from './errors.js';
import type { CorpusIndex } from './index/corpus-index.js';
import { words } from './text/tokenize.js';

/** Options for {@link ask}. */
export interface AskOptions {
  /** Excerpts to return (1–10). Default `config.answerExcerpts`. */
  k?: number;
  /** Story id (file name without extension) to search; default every story. */
  story?: string;
  /** Passages already shown, not to be quoted again ("More excerpts"); `k` then counts new ones. Default none. */
  exclude?: readonly ShownPassage[];
}

/** An answer from the serving index, saying which generation it came from. */
export type IndexAnswer = Answer & { generation: string };

/** Asks one question of the serving index (opening it on first use). */
export async function ask(ctx: Pick<CoreContext, 'config' | 'embedder' | 'index'>, question: string, options: AskOptions = {}): Promise<IndexAnswer> {
  const cleaned = cleanQuestion(question);
  const index = await ctx.index.open();
  const generation = (ctx.index.current() === index ? ctx.index.generation() : undefined) ?? index.manifest.builtAt;
  const story = options.story === undefined ? undefined : storyPosition(index, options.story);
  const exclude = options.exclude?.length ? { exclude: options.exclude } : {};
  const found = await answer(index, ctx.embedder, cleaned, { k: options.k ?? ctx.config.answerExcerpts, ...(story === undefined ? {} : { retrieve: { story } }), ...exclude });
  return { ...found, generation };
}

/**
 * The position of story `id` in the index (or of the one story whose title
 * matches `id` as typed), or a message naming the stories there are.
 */
export function storyPosition(index: CorpusIndex, id: string): number {
  const at = index.stories.findIndex((s) => s.id === id);
  if (at >= 0) return at;
  const typed = findStories(index, id);
  if (typed.length === 1) return index.stories.findIndex((s) => s.id === typed[0]!.id);
  const known = index.stories.map((s) => `${s.id} (${s.title})`).join(', ');
  throw new UserFacingError(ErrorId.UnknownStory, `There is no story "${id}" in the index. The stories are: ${known}.`);
}

/** A story offered for a search box: its id and a label of title and date. */
export interface StoryChoice {
  id: string;
  label: string;
}

/**
 * Stories whose title, date or id hold every word typed so far (the last
 * word may be unfinished), best first: titles starting with the text, then
 * newest. At most `limit` (Discord shows 25).
 */
export function findStories(index: CorpusIndex, typed: string, limit = 25): StoryChoice[] {
  const wanted = words(typed).map((w) => w.word);
  const matches = index.stories.filter((s) => {
    const have = words(`${s.title} ${s.date ?? ''} ${s.id}`).map((w) => w.word);
    return wanted.every((w, i) => have.some((h) => (i === wanted.length - 1 ? h.startsWith(w) : h === w)));
  });
  const starts = (title: string) => (wanted.length > 0 && title.toLowerCase().startsWith(typed.trim().toLowerCase()) ? 0 : 1);
  return matches
    .sort((a, b) => starts(a.title) - starts(b.title) || (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title))
    .slice(0, limit)
    .map((s) => ({ id: s.id, label: s.date ? `${s.title} (${s.date})` : s.title }));
}

/** A photo caption as listed by `captions`. */
export interface CaptionEntry {
  number: number;
  text: string;
  credit: string | null;
  place: string | null;
  date: string | null;
  /** Story id. */
  story: string;
  title: string;
  citation: string;
}

/** Every photo caption of every story (or of story `story`), numbered within its story. */
export function listCaptions(index: CorpusIndex, story?: string): CaptionEntry[] {
  const stories = story === undefined ? index.stories : [index.stories[storyPosition(index, story)]!];
  return stories.flatMap((story) =>
    story.units
      .filter((u) => u.kind === 'caption')
      .map((u) => ({
        number: u.number,
        text: u.text,
        credit: u.credit ?? null,
        place: u.place ?? null,
        date: u.date ?? null,
        story: story.id,
        title: story.title,
        citation: u.citation,
      })),
  );
}

/**
 * Caption `number` of `story` (default: the only story, or the first when
 * there are several), or a message saying which numbers exist.
 */
export function findCaption(index: CorpusIndex, number: number, story?: string): CaptionEntry {
  const id = story ?? index.stories[0]?.id;
  if (id === undefined) throw new UserFacingError(ErrorId.IndexUnavailable, 'The index holds no stories.');
  const captions = listCaptions(index, id);
  const found = captions.find((c) => c.number === number);
  if (found) return found;
  const title = index.stories[storyPosition(index, id)]!.title;
  const range = captions.length === 0 ? 'has no photo captions' : captions.length === 1 ? 'has 1 photo caption' : `has captions 1 to ${captions.length}`;
  throw new UserFacingError(ErrorId.NoSuchCaption, `"${title}" ${range}; there is no caption ${number}.`);
}

/** A story as listed by `sources`. */
export interface SourceEntry {
  story: string;
  file: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  paragraphs: number;
  captions: number;
}

/** What `sources` reports. */
export interface SourcesReport {
  stories: SourceEntry[];
  model: string;
  dimension: number;
  /** ISO time of the build. */
  builtAt: string;
  /** Who asked for the build (`automatic` when the index was missing or stale at start); null for indexes that predate the record. */
  builtBy: string | null;
  chunks: number;
}

/** `n word(s)`, with `story` → `stories`. */
export function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

/** How a build's `builtBy` reads after "built …": ` automatically` or ` by <who>`; empty when unknown. */
export function builtByPhrase(builtBy: string | null): string {
  if (!builtBy) return '';
  return builtBy === 'automatic' ? ' automatically (no up-to-date index at start)' : ` by ${builtBy}`;
}

/** The indexed stories and how the index was built. */
export function listSources(index: CorpusIndex): SourcesReport {
  return {
    stories: index.stories.map((s) => ({
      story: s.id,
      file: s.file,
      title: s.title,
      date: s.date ?? null,
      source: s.source ?? null,
      url: s.url ?? null,
      paragraphs: s.units.filter((u) => u.kind === 'paragraph').length,
      captions: s.units.filter((u) => u.kind === 'caption').length,
    })),
    model: index.manifest.model.id,
    dimension: index.manifest.model.dimension,
    builtAt: index.manifest.builtAt,
    builtBy: index.manifest.builtBy ?? null,
    chunks: index.manifest.counts.chunks,
  };
}

/**
 * Which stories a reindex added, changed and removed, in words, naming up
 * to three files of each: `added 1 (2020-hockey.txt), changed 0, removed 0`.
 */
export function changeSummary(c: StoryChanges, quote: (file: string) => string = (f) => f): string {
  const part = (label: string, files: readonly string[]) => {
    if (files.length === 0) return `${label} 0`;
    const named = files.slice(0, 3).map(quote).join(', ');
    return `${label} ${files.length} (${named}${files.length > 3 ? `, and ${files.length - 3} more` : ''})`;
  };
  return [part('added', c.added), part('changed', c.changed), part('removed', c.removed)].join(', ');
}

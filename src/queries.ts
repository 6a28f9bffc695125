import { answer, type Answer } from './answer/answer.js';
import { cleanQuestion } from './answer/question.js';
import type { AppContext } from './context.js';
import type { CorpusIndex } from './index/corpus-index.js';

/** Asks one question of the serving index (opening it on first use). */
export async function ask(ctx: Pick<AppContext, 'config' | 'embedder' | 'index'>, question: string, k = ctx.config.answerExcerpts): Promise<Answer> {
  const cleaned = cleanQuestion(question);
  const index = await ctx.index.open();
  return answer(index, ctx.embedder, cleaned, { k });
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

/** Every photo caption of every story, numbered within its story. */
export function listCaptions(index: CorpusIndex): CaptionEntry[] {
  return index.stories.flatMap((story) =>
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

/** The indexed stories and how the index was built. */
export function listSources(index: CorpusIndex): { stories: SourceEntry[]; model: string; dimension: number; builtAt: string; chunks: number } {
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
    chunks: index.manifest.counts.chunks,
  };
}

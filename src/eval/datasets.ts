import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** One evaluation question: answerable with accepted strings, or not answerable. */
export interface EvalQuestion {
  q: string;
  /** Accepted answer strings (matched case-insensitively inside an excerpt); empty when unanswerable. */
  answers: string[];
}

/** A question set and the seeds folder it is asked of. */
export interface EvalSet {
  name: string;
  seedsDir: string;
  answerable: EvalQuestion[];
  unanswerable: EvalQuestion[];
}

const storyDevSchema = z.object({
  answerable: z.array(z.object({ q: z.string(), answers: z.array(z.string()).min(1) })),
  unanswerable: z.array(z.object({ q: z.string() })),
});

const squadSchema = z.object({
  articles: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(z.string()),
      qas: z.array(z.object({ question: z.string(), answers: z.array(z.string()), is_impossible: z.boolean() })),
    }),
  ),
});

/** The story dev questions (`{answerable: [{q, answers}], unanswerable: [{q}]}`), asked of `seedsDir`. */
export async function loadStorySet(file: string, seedsDir: string, name = 'story'): Promise<EvalSet> {
  const data = storyDevSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  return {
    name,
    seedsDir,
    answerable: data.answerable,
    unanswerable: data.unanswerable.map(({ q }) => ({ q, answers: [] })),
  };
}

/** A file-system-safe story id from an article title. */
export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'article';
}

/**
 * Writes each SQuAD article as a story (paragraphs separated by blank lines,
 * title in a sidecar) into a fresh temporary seeds folder, so the articles
 * are indexed together and retrieval must also pick the right article.
 */
export async function loadSquadSet(file: string, name = 'squad'): Promise<EvalSet> {
  const data = squadSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  const seedsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-squad-seeds-'));
  const set: EvalSet = { name, seedsDir, answerable: [], unanswerable: [] };
  for (const article of data.articles) {
    const id = slug(article.title);
    await fs.writeFile(path.join(seedsDir, `${id}.txt`), `${article.paragraphs.join('\n\n')}\n`);
    await fs.writeFile(path.join(seedsDir, `${id}.json`), JSON.stringify({ title: article.title, source: 'SQuAD 2.0 dev (CC BY-SA 4.0)' }));
    for (const qa of article.qas) {
      if (qa.is_impossible) set.unanswerable.push({ q: qa.question, answers: [] });
      else set.answerable.push({ q: qa.question, answers: qa.answers });
    }
  }
  return set;
}

import fs from 'node:fs/promises';
import { z } from 'zod';
import { readSeeds } from '../src/ingest/read-seeds.js';
import type { Story } from '../src/ingest/story.js';
import { splitSentences } from '../src/text/sentences.js';

/** The real text synthetic corpora are made from. */
export interface CorpusSources {
  /** The seed stories, parsed as the index reads them; each is the template of synthetic stories of its size and layout. */
  seeds: Story[];
  /** Real sentences (seed paragraphs and captions without their credit, SQuAD paragraphs), to train the sentence model. */
  sentences: string[];
  /** Photo credits found in the seed captions (`REUTERS/Stringer`), reused by synthetic captions. */
  credits: string[];
}

const squadParagraphs = z.object({ articles: z.array(z.object({ paragraphs: z.array(z.string()) })) });

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' '));
}

/** Reads the seed stories in `seedsDir` and the paragraphs of the SQuAD sample `squadFile`. */
export async function loadCorpusSources(seedsDir: string, squadFile: string): Promise<CorpusSources> {
  const { stories } = await readSeeds(seedsDir);
  const squad = squadParagraphs.parse(JSON.parse(await fs.readFile(squadFile, 'utf8')));
  const sentences: string[] = [];
  const credits = new Set<string>();
  for (const story of stories) {
    for (const unit of story.units) {
      if (unit.kind === 'credits') continue;
      const body = unit.credit && unit.text.endsWith(unit.credit) ? unit.text.slice(0, -unit.credit.length) : unit.text;
      sentences.push(...sentencesOf(body));
      if (unit.credit) credits.add(unit.credit);
    }
  }
  for (const article of squad.articles) for (const paragraph of article.paragraphs) sentences.push(...sentencesOf(paragraph));
  return { seeds: stories, sentences, credits: [...credits].sort() };
}

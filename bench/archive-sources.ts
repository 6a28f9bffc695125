import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadCorpusSources } from './corpus-sources.js';
import type { Story } from '../src/ingest/story.js';

/** The bundled model's tokenizer, whose vocabulary lists GloVe's 120k words, most frequent first. */
export const BUNDLED_TOKENIZER = path.join(PROJECT_ROOT, 'embeddings', 'models', 'dateline', 'glove-100d-sif', 'tokenizer.json');

/** What archive corpora are made from. */
export interface ArchiveSources {
  /** The seed stories: kept verbatim in the bench corpus, and the layout template of archive stories. */
  seeds: Story[];
  /** Lower-case words of the bundled vocabulary, most frequent first (letters only, no special tokens). */
  vocabulary: string[];
  /** Words written capitalized (proper names): seen capitalized mid-sentence in the seeds and SQuAD paragraphs and never in lower case. */
  names: Set<string>;
}

const tokenizerVocab = z.object({ model: z.object({ vocab: z.record(z.number()) }) });

/** The letters-only words of a tokenizer.json vocabulary, in id order (GloVe's frequency order). */
export async function readVocabulary(tokenizerFile: string): Promise<string[]> {
  const { vocab } = tokenizerVocab.parse(JSON.parse(await fs.readFile(tokenizerFile, 'utf8'))).model;
  return Object.entries(vocab)
    .sort((a, b) => a[1] - b[1])
    .map(([word]) => word)
    .filter((word) => /^[a-z]+$/.test(word) && (word.length > 1 || word === 'a'));
}

/** Words capitalized after the first word of a sentence and never seen in lower case: `kerry`, `paris`. */
export function nameWords(sentences: readonly string[]): Set<string> {
  const upper = new Set<string>();
  const lower = new Set<string>();
  for (const sentence of sentences) {
    const words = sentence.match(/\p{L}+/gu) ?? [];
    words.forEach((w, i) => {
      if (/^\p{Lu}\p{Ll}+$/u.test(w) && i > 0) upper.add(w.toLowerCase());
      else if (/^\p{Ll}+$/u.test(w)) lower.add(w);
    });
  }
  return new Set([...upper].filter((w) => !lower.has(w)));
}

/** Reads the seeds, the bundled vocabulary, and the name words of the seeds and of the SQuAD files (paragraphs only). */
export async function loadArchiveSources(seedsDir: string, squadFiles: readonly string[], tokenizerFile = BUNDLED_TOKENIZER): Promise<ArchiveSources> {
  const real = await Promise.all(squadFiles.map((file) => loadCorpusSources(seedsDir, file)));
  if (real.length === 0) throw new Error('the archive sources need at least one SQuAD file for names');
  const vocabulary = await readVocabulary(tokenizerFile);
  const known = new Set(vocabulary);
  const names = new Set([...nameWords(real.flatMap((r) => r.sentences))].filter((w) => known.has(w)));
  return { seeds: real[0]!.seeds, vocabulary, names };
}

/** The SQuAD files names are learnt from. */
export const NAME_SOURCES = [EVAL_FILES.squadSample, EVAL_FILES.squadTrain];

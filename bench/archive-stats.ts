/**
 * `node dist/bench/archive-stats.js [stories=10000]` (after `npm run build`):
 * measures how the archive corpus behaves (issue #16) and writes
 * `bench/results/archive-vocabulary.json` and `archive-vocabulary.svg`:
 * distinct words against corpus size with the Heaps fit, the share of
 * repeated 8-word runs and how widely names spread, beside the same figures
 * for the older Markov corpus (`synthetic-corpus.ts`). Takes under a minute.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { ARCHIVE_SEED, archiveStories } from './archive-corpus.js';
import { archiveQuestions } from './archive-questions.js';
import { loadArchiveSources, NAME_SOURCES } from './archive-sources.js';
import { ARCHIVE_WORD_MODEL } from './archive-words.js';
import { loadCorpusSources } from './corpus-sources.js';
import { syntheticCorpus, type StoryFile } from './synthetic-corpus.js';
import { renderVocabularyChart } from './vocabulary-chart.js';
import { fitHeaps, logMarks, nameSpread, repeatedRunShare, vocabularyGrowth } from './vocabulary-growth.js';

const MARKOV_STORIES = 1000;

function behaviour(files: readonly StoryFile[]) {
  const at = (n: number) => files.slice(0, n);
  return {
    repeated_8_word_runs: { at_100_stories: Number(repeatedRunShare(at(100)).toFixed(4)), at_1000_stories: Number(repeatedRunShare(at(1000)).toFixed(4)) },
    widest_names_in_100_stories: nameSpread(at(100)),
    widest_names_in_1000_stories: nameSpread(at(1000)),
  };
}

const count = Number(process.argv[2] ?? 10_000);
const seeds = path.join(PROJECT_ROOT, 'seeds');
const out = path.join(PROJECT_ROOT, 'bench', 'results');
const sources = await loadArchiveSources(seeds, NAME_SOURCES);
const archive = archiveStories(sources, count);
const marks = logMarks(count);
const growth = vocabularyGrowth(archive, marks);
const fit = fitHeaps(growth.filter((p) => p.stories >= 10 && p.stories <= 1000));
const markovFiles = syntheticCorpus(await loadCorpusSources(seeds, EVAL_FILES.squadSample), MARKOV_STORIES).slice(1);
const markovGrowth = vocabularyGrowth(markovFiles, marks);
const questions = archiveQuestions(archive.slice(0, 1000), 200);
const result = {
  generated_at: new Date().toISOString(),
  seed: ARCHIVE_SEED,
  word_model: ARCHIVE_WORD_MODEL,
  vocabulary_words: sources.vocabulary.length,
  name_words: sources.names.size,
  archive: {
    growth,
    heaps_fit: { K: Number(fit.K.toFixed(2)), beta: Number(fit.beta.toFixed(4)), r2: Number(fit.r2.toFixed(4)), fitted_on: '10 to 1000 stories (the bench sizes ×10 to ×1000)' },
    ...behaviour(archive),
    questions_over_1000_stories: {
      count: questions.length,
      unique_answer: questions.filter((q) => q.alsoIn === 0).length,
      examples: questions.slice(0, 3).map(({ q, file, citation, sentence }) => ({ q, file, citation, sentence })),
    },
  },
  markov: { stories: markovFiles.length, growth: markovGrowth, heaps_fit: fitHeaps(markovGrowth.filter((p) => p.stories >= 10 && p.stories <= 1000)), ...behaviour(markovFiles) },
};
await fs.writeFile(path.join(out, 'archive-vocabulary.json'), `${JSON.stringify(result, null, 2)}\n`);
const svg = await renderVocabularyChart(
  [
    { name: 'archive corpus (archive-corpus.ts)', points: growth },
    { name: 'older Markov corpus (synthetic-corpus.ts)', points: markovGrowth },
  ],
  fit,
);
await fs.writeFile(path.join(out, 'archive-vocabulary.svg'), svg);
process.stdout.write(`${JSON.stringify({ heaps: result.archive.heaps_fit, growth: growth.filter((p) => [1, 10, 100, 1000, 10000].includes(p.stories)) })}\n`);

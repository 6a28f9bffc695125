import { parseStory } from '../src/ingest/parse-story.js';
import { seededRandom } from '../src/eval/seeded-random.js';
import { splitSentences } from '../src/text/sentences.js';
import type { StoryFile } from './synthetic-corpus.js';
import { wordsOf } from './vocabulary-growth.js';

/** A question about one sentence of an archive story, and where its answer is. */
export interface ArchiveQuestion {
  q: string;
  /** The story file and the unit (`¶3`) holding the expected sentence. */
  file: string;
  citation: string;
  /** The sentence the question was made from, verbatim. */
  sentence: string;
  /** The sentence's words the question asks about: its rarest in the corpus. */
  words: string[];
  /** Other sentences of the corpus holding all of `words` (0: the expected sentence is the only match). */
  alsoIn: number;
}

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

/**
 * `count` questions over the body paragraphs of `files`: a random sentence of
 * a random story, and its `wordsPerQuestion` rarest words in the whole
 * corpus, in sentence order, asked as "What does the archive say about a, b
 * and c?". Nothing is planted: the expected answer is a sentence the
 * generator wrote with no question in mind, and the question holds its
 * words without a paraphrase, so it tests retrieval. Deterministic for a seed.
 */
export function archiveQuestions(files: readonly StoryFile[], count: number, seed = 7, wordsPerQuestion = 3): ArchiveQuestion[] {
  const random = seededRandom(seed);
  const frequency = new Map<string, number>();
  const sentences: { file: string; citation: string; text: string; words: Set<string> }[] = [];
  for (const file of files) {
    const story = parseStory({ id: file.name, file: file.name, text: file.text, sha256: '' });
    for (const unit of story.units) {
      for (const text of sentencesOf(unit.text)) {
        const words = wordsOf(text);
        for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
        if (unit.kind === 'paragraph') sentences.push({ file: file.name, citation: unit.citation, text, words: new Set(words) });
      }
    }
  }
  const questions: ArchiveQuestion[] = [];
  for (let tries = 0; questions.length < count && tries < count * 20 && sentences.length > 0; tries++) {
    const s = random.pick(sentences);
    if (s.words.size < wordsPerQuestion + 5 || questions.some((q) => q.sentence === s.text)) continue;
    const rare = [...s.words].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a.localeCompare(b)).slice(0, wordsPerQuestion);
    const words = wordsOf(s.text).filter((w, i, all) => rare.includes(w) && all.indexOf(w) === i);
    const alsoIn = sentences.filter((o) => o !== s && words.every((w) => o.words.has(w))).length;
    const list = `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
    questions.push({ q: `What does the archive say about ${list}?`, file: s.file, citation: s.citation, sentence: s.text, words, alsoIn });
  }
  return questions;
}

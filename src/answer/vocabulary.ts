import type { WordVectors } from '../embed/word-vectors.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { Lexicon } from '../text/lexicon.js';
import { isRare } from '../text/rarity.js';
import type { Vocabulary } from './question.js';

const lexicons = new WeakMap<CorpusIndex, Lexicon>();

/** The stories' vocabulary of a loaded index, built on first use and kept as long as the index. */
function lexiconOf(index: CorpusIndex): Lexicon {
  let lexicon = lexicons.get(index);
  if (!lexicon) {
    lexicon = Lexicon.of(index.stories.map((s) => s.text));
    lexicons.set(index, lexicon);
  }
  return lexicon;
}

/**
 * What the question stage checks words against: the index's stories, and
 * general English — the 50,000-word frequency list, and the embedding
 * model's own vocabulary when it has one (120,000 words for the bundled model).
 */
export function vocabularyOf(index: CorpusIndex, words?: WordVectors): Vocabulary {
  return { lexicon: lexiconOf(index), isEnglish: (w) => !isRare(w) || words?.vector(w) !== undefined };
}

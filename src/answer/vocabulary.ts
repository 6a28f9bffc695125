import type { WordVectors } from '../embed/word-vectors.js';
import type { CorpusIndex } from '../index/corpus-index.js';
import { isRare } from '../text/rarity.js';
import type { Vocabulary } from './question.js';

/**
 * What the question stage checks words against: the index's stories, and
 * general English — the 50,000-word frequency list, and the embedding
 * model's own vocabulary when it has one (120,000 words for the bundled model).
 */
export function vocabularyOf(index: CorpusIndex, words?: WordVectors): Vocabulary {
  return { lexicon: index.lexicon, isEnglish: (w) => !isRare(w) || words?.vector(w) !== undefined };
}

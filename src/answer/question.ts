import { ErrorId, UserFacingError } from '../errors.js';
import { expandChat, stripMarkup } from '../text/chat-text.js';
import type { Lexicon } from '../text/lexicon.js';
import { isRare } from '../text/rarity.js';
import { fold, indexTerms, STOPWORDS, termsOf, withExtras, words, type WordToken } from '../text/tokenize.js';
import { definitionSubject, whPhrase, withoutWhPhrase, type AnswerType } from './answer-type.js';

/** Longest question the core accepts from any caller, in characters after clean-up (Discord and the chat allow 300: `MAX_ASKED_QUESTION_CHARS`). */
export const MAX_QUESTION_CHARS = 1000;

/** Characters a reader cannot see: controls, zero-width and direction marks, soft hyphen, BOM, Unicode tags. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/gu;

/**
 * Cleans a question: removes control, zero-width, bidirectional-override,
 * soft-hyphen and Unicode tag characters (U+E0000–U+E007F, invisible text
 * that would otherwise ride along into replies and JSON), folds whitespace. Throws a {@link UserFacingError}
 * (`bad-question`) for an empty or over-long question.
 */
export function cleanQuestion(raw: string): string {
  const cleaned = raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') throw new UserFacingError(ErrorId.BadQuestion, 'The question is empty. Ask something about the story, e.g. "Where did Kerry and Lavrov meet?"');
  if (cleaned.length > MAX_QUESTION_CHARS) {
    throw new UserFacingError(ErrorId.BadQuestion, `The question is ${cleaned.length} characters long; keep it under ${MAX_QUESTION_CHARS}.`);
  }
  return cleaned;
}

/** A correction the question stage made: a word the stories and English do not know, read as a word of the stories. */
export interface Correction {
  from: string;
  to: string;
}

/** What the question stage knows about words: the stories' vocabulary, and whether a word is English at all. */
export interface Vocabulary {
  lexicon: Lexicon;
  /** True for a word of general English (the frequency list or the embedding model's vocabulary). */
  isEnglish(word: string): boolean;
}

/**
 * A question prepared once, for every later stage: retrieval, reranking,
 * excerpts and the confidence decision all read it and none re-parses the text.
 */
export interface Question {
  /** As asked, cleaned of invisible characters: what replies show. */
  asked: string;
  /** Markup removed, chat-speak and contractions written out, misspelt story words corrected: what is matched. */
  text: string;
  /** Words of {@link text}. */
  words: WordToken[];
  /** Distinct folded words of {@link text}, stopwords included (answer spans must bring a word not among them). */
  wordSet: ReadonlySet<string>;
  /** Distinct content words (no stopwords), in order. */
  content: string[];
  /** Lexical search terms: stems, prefixes and bigrams of the text without a date or duration wh-phrase. */
  terms: string[];
  /** Content stems (no extras), for coverage. */
  stems: string[];
  /** Names: capitalised inside the question, or words the stories write as names (`kerry`). */
  names: string[];
  /**
   * Key words a passage must hold to answer: names, numbers and rare English
   * words. Not single letters, and not unknown strings no correction could
   * place (a typo of a word the stories lack is noise, not a key).
   */
  keys: string[];
  /** The kind of answer asked for. */
  type: AnswerType;
  /** For "Who is X?" / "What is X?": the words of X. */
  subject: string[] | undefined;
  /** About a photo itself (who took it, what it shows): a caption answers with its credit. */
  aboutPhoto: boolean;
  /** Words read as other words, in question order. */
  corrections: Correction[];
}

const PHOTO_QUESTION = /\b(photos?|photograph(s|ed|er|ers|ing)?|pictures?|pictured|images?|took|taken|shot|shows?|credit(ed)?)\b/i;
const ROMAN = /^[ivxlc]+$/;

/** `text` with each misspelt word replaced by the stories' nearest word, keeping a capital the question typed. */
function correct(text: string, vocabulary: Vocabulary): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const fixed = text.replace(/[\p{L}]+/gu, (token) => {
    const w = fold(token);
    if (w.length < 4 || vocabulary.lexicon.count(w) > 0 || vocabulary.isEnglish(w)) return token;
    const to = vocabulary.lexicon.nearest(w);
    if (!to) return token;
    corrections.push({ from: token, to });
    return /^\p{Lu}/u.test(token) ? to[0]!.toUpperCase() + to.slice(1) : to;
  });
  return { text: fixed, corrections };
}

/**
 * Prepares a cleaned question (see {@link cleanQuestion}) against the
 * stories' vocabulary: removes Discord markup, writes out chat-speak and
 * apostrophe-less contractions, corrects words unknown to both the stories
 * and English to the nearest story word, then derives everything the later
 * stages need.
 */
export function prepareQuestion(asked: string, vocabulary: Vocabulary): Question {
  const plain = expandChat(stripMarkup(asked), (w) => vocabulary.lexicon.count(w) > 0);
  const plainTokens = words(plain);
  if (plainTokens.length === 0) {
    throw new UserFacingError(ErrorId.BadQuestion, 'The question has no words once mentions, links and emoji are left out. Ask something about the story, e.g. "Where did Kerry and Lavrov meet?"');
  }
  const { text, corrections } = correct(plain, vocabulary);
  const tokens = text === plain ? plainTokens : words(text);
  const stems = termsOf(tokens);
  const wh = whPhrase(text);
  const lexicalText = withoutWhPhrase(text, wh);
  const wordSet = new Set(tokens.map((t) => t.word));
  const content = [...wordSet].filter((w) => !STOPWORDS.has(w));
  const names = content.filter((w) => {
    if (w.length < 3 || ROMAN.test(w)) return false;
    const at = tokens.find((t) => t.word === w)!;
    return (at.start > 0 && /^\p{Lu}/u.test(text.slice(at.start))) || vocabulary.lexicon.isName(w);
  });
  const keys = content.filter(
    (w) => w.length > 1 && (names.includes(w) || /\d/.test(w) || (isRare(w) && (vocabulary.lexicon.count(w) > 0 || vocabulary.isEnglish(w)))),
  );
  return {
    asked,
    text,
    words: tokens,
    wordSet,
    content,
    terms: lexicalText === text ? withExtras(stems) : indexTerms(lexicalText),
    stems,
    names,
    keys,
    type: wh?.type ?? 'other',
    subject: definitionSubject(text),
    aboutPhoto: PHOTO_QUESTION.test(text),
    corrections,
  };
}

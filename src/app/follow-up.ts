import type { CorpusIndex } from '../index/corpus-index.js';
import { expandChat, stripMarkup } from '../text/chat-text.js';
import { STOPWORDS, words, type WordToken } from '../text/tokenize.js';

/**
 * Follow-up questions: "where did Kerry and Lavrov meet?" then "how long did
 * it last?", "and lavrov?", "when?". A follow-up is read together with the
 * question before it, as one question the answer pipeline already handles;
 * a question that stands alone is left as it is.
 */

/** What the follow-up reading needs to know about the stories' words. */
export interface StoryWords {
  /** True for a word the stories write as a name (`kerry`, `nato`, `sevastopol`). */
  isName(word: string): boolean;
  /** True for a word the stories use at all (so chat-speak expansion leaves it alone). */
  has(word: string): boolean;
}

/** The {@link StoryWords} of an index: its lexicon. */
export function storyWordsOf(index: Pick<CorpusIndex, 'lexicon'>): StoryWords {
  return { isName: (w) => index.lexicon.isName(w), has: (w) => index.lexicon.count(w) > 0 };
}

/**
 * Why a question leans on the one before:
 * - `reference`: a pronoun or bare reference (`he`, `it`, `that`, `there`, `the … one`);
 * - `continuation`: it opens with `and`, `what about`, `how about`, `what else`…;
 * - `short`: nothing of its own beyond a question word and at most one word that is not a name (`when?`, `why`, `targeting what`, `the general?`).
 */
export type FollowUpCue = 'reference' | 'continuation' | 'short';

/** A follow-up read with the question before it. */
export interface FollowUpReading {
  cue: FollowUpCue;
  /**
   * The question to answer, as stored with the answer and carried into the
   * next follow-up: the follow-up with the earlier question's subject after
   * it (`how long did it last — did kerry and lavrov meet`), or the earlier
   * question with the follow-up's names put in (`and lavrov?`).
   */
  text: string;
}

/** Pronouns that stand for a person or group named before. */
const PERSONAL = new Set(['he', 'him', 'his', 'she', 'her', 'hers', 'they', 'them', 'their', 'theirs']);
/** Pronouns and adverbs that stand for a thing, event or place named before. */
const THING = new Set(['it', 'its', 'there']);
/** Demonstratives: references when they stand alone (`when was that`, `why did they do this`), not before a noun they introduce. */
const DEMONSTRATIVE = new Set(['that', 'this', 'those', 'these']);
/** Words after which a demonstrative is a pronoun, not a determiner or a conjunction. */
const AFTER_PRONOUN = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'happen', 'happened', 'happens', 'mean', 'means', 'meant', 'about', 'for', 'to', 'in', 'on', 'at', 'after', 'before', 'by', 'with', 'from']);
/** Words before which a demonstrative is a pronoun (`is that`, `about this`, `did that`); after `say` or a noun it introduces a clause or is a determiner. */
const BEFORE_PRONOUN = new Set(['is', 'was', 'about', 'of', 'like', 'did', 'does', 'do', 'after', 'before']);
/** Verbs before which `there` is existential (`are there`, `is there`), not a place. */
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'r']);
/** Openings that continue the previous question. */
const CONTINUATION = /^(?:and|also|plus|but|so|then|or|ok(?:ay)?|what about|how about|what else|who else|where else|anything else|same for|and what about|and how about)\b/i;
/** Question words and the words that complete them, which give no subject of their own. */
const QUESTION_WORDS = new Set(['what', 'who', 'whom', 'whose', 'where', 'when', 'why', 'how', 'which', 'long', 'many', 'much', 'often', 'far', 'old', 'come', 'else', 'exactly', 'kind', 'sort', 'type']);
/** Chat filler that carries no subject. */
const FILLER = new Set(['though', 'tho', 'btw', 'lol', 'pls', 'please', 'plz', 'ok', 'okay', 'hmm', 'really', 'exactly', 'again', 'anyway', 'one', 'ones', 'say', 'says', 'said', 'tell', 'know']);
/** A leading question phrase of the previous question, dropped when its subject is carried over so the follow-up's own question word decides what is asked. */
const LEADING_QUESTION = /^\s*(?:(?:and|so|but|ok(?:ay)?)\s+)?(?:(?:what|which|how)\s+(?:long|many|much|often|far|old|kind of|sort of|type of)|what|who|whom|whose|where|when|why|how|which)\b\s*(?:(?:is|are|was|were|s)\b\s*)?/i;

/** The words of a question as the answer pipeline reads them (markup removed, chat-speak written out). */
function wordsOf(question: string, story: StoryWords): { text: string; tokens: WordToken[] } {
  const text = expandChat(stripMarkup(question), (w) => story.has(w));
  return { text, tokens: words(text) };
}

function referenceAt(tokens: readonly WordToken[], i: number, story: StoryWords): boolean {
  const w = tokens[i]!.word;
  const before = tokens[i - 1]?.word;
  const after = tokens[i + 1]?.word;
  if (PERSONAL.has(w)) return !tokens.slice(0, i).some((t) => story.isName(t.word));
  if (w === 'there') return !(before && BE.has(before)) && !(after && BE.has(after));
  if (THING.has(w)) return true;
  if (DEMONSTRATIVE.has(w)) return after === undefined || AFTER_PRONOUN.has(after) || (before !== undefined && BEFORE_PRONOUN.has(before));
  return w === 'one' && before !== undefined && tokens[i - 2]?.word === 'the';
}

/**
 * Why `question` leans on the question before it, or undefined when it stands
 * alone: it names its own subject and holds no reference to an earlier one.
 * A personal pronoun after a name of the question itself refers to that name
 * ("what did lavrov say at his briefing" stands alone).
 */
export function followUpCue(question: string, story: StoryWords): FollowUpCue | undefined {
  return cueOf(wordsOf(question, story), story);
}

function cueOf({ text, tokens }: { text: string; tokens: WordToken[] }, story: StoryWords): FollowUpCue | undefined {
  if (tokens.length === 0) return undefined;
  if (CONTINUATION.test(text.trim())) return 'continuation';
  if (tokens.some((_, i) => referenceAt(tokens, i, story))) return 'reference';
  const own = tokens.filter((t) => !STOPWORDS.has(t.word) && !QUESTION_WORDS.has(t.word) && !FILLER.has(t.word));
  if (own.length === 0 || (own.length === 1 && !story.isName(own[0]!.word))) return 'short';
  return undefined;
}

/** Where the names of `tokens` stand in their text, as runs of adjacent names or names joined by `and` ("kerry and lavrov"). */
function nameRuns(tokens: readonly WordToken[], story: StoryWords): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  const isName = (i: number) => i >= 0 && story.isName(tokens[i]!.word);
  for (let i = 0; i < tokens.length; i++) {
    if (!isName(i)) continue;
    const continues = isName(i - 1) || (tokens[i - 1]?.word === 'and' && isName(i - 2));
    if (continues) runs.at(-1)!.end = tokens[i]!.end;
    else runs.push({ start: tokens[i]!.start, end: tokens[i]!.end });
  }
  return runs;
}

/** `previous` (chat-speak written out: `whats` → `what is`) without its leading question phrase: what it was about. */
function subjectOf(previous: string, story: StoryWords): string {
  const { text } = wordsOf(previous, story);
  return text.replace(LEADING_QUESTION, '').replace(/[?!.\s]+$/, '').trim() || text.trim();
}

/**
 * Reads `question` with the `previous` one (as that was read, when it was a
 * follow-up itself), or returns undefined when it stands alone.
 *
 * - "and X?" / "what about X?" where X is a short phrase with a name, after a
 *   question with names: the previous question with its first names put in
 *   X's place ("who took the sevastopol photo" + "and the kurultai one?" →
 *   "who took the kurultai photo").
 * - Otherwise the follow-up keeps its own words and question word, and the
 *   previous question's subject follows it ("how long did it last — did
 *   kerry and lavrov meet"): the pipeline searches with both, and the answer
 *   type comes from the follow-up.
 */
export function readFollowUp(question: string, previous: string, story: StoryWords): FollowUpReading | undefined {
  const asked = question.trim().replace(/[?!.\s]+$/, '');
  const read = wordsOf(asked, story);
  const cue = cueOf(read, story);
  if (!cue) return undefined;
  if (cue === 'continuation') {
    const rest = read.text.trim().replace(CONTINUATION, '').trim();
    const restTokens = words(rest);
    const names = restTokens.filter((t) => story.isName(t.word)).map((t) => t.word);
    const isPhrase = restTokens.length > 0 && restTokens.length <= 4 && !restTokens.some((t) => QUESTION_WORDS.has(t.word));
    const before = wordsOf(previous, story);
    const runs = nameRuns(before.tokens, story);
    if (isPhrase && names.length > 0 && runs.length > 0) {
      const run = runs[0]!;
      const text = `${before.text.slice(0, run.start)}${names.join(' ')}${before.text.slice(run.end)}`.replace(/[?!.\s]+$/, '');
      return { cue, text };
    }
  }
  return { cue, text: `${asked} — ${subjectOf(previous, story)}` };
}

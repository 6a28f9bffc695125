import { STOPWORDS, words } from '../text/tokenize.js';

/** What kind of span a question asks for. */
export type AnswerType = 'date' | 'duration' | 'number' | 'person' | 'place' | 'other';

const RULES: [RegExp, AnswerType][] = [
  [/\b(when|what (year|date|day|month|time|century|decade|era|period)|which (year|date|day|month|century|decade))\b/i, 'date'],
  [/\bhow long\b|\bfor how (many|much) (seconds|minutes|hours|days|weeks|months|years)\b/i, 'duration'],
  [/\bhow (many|much|far|old|large|big|tall|high|often|fast|wide|deep|heavy)\b|\bwhat (number|percentage|percent|proportion|share|amount|size|population|age)\b/i, 'number'],
  [/\b(where|what (city|country|place|region|town|state|continent|location|area|island|river|province|nation|site|village|county)|which (city|country|place|region|town|state|continent|location|area|island|river|province|nation|site|village|county))\b/i, 'place'],
  [/\b(who|whom|whose|which (person|man|woman|leader|king|queen|president|minister|general|official|group|organi[sz]ation|company|agency)|what (person|man|woman|leader|king|queen|president|group|organi[sz]ation|company|agency))\b/i, 'person'],
];

/** The answer type a question asks for, from its wh-phrase; `other` when unclear (what, why, how). */
export function detectAnswerType(question: string): AnswerType {
  let best: { at: number; type: AnswerType } | undefined;
  for (const [re, type] of RULES) {
    const m = re.exec(question);
    if (m && (!best || m.index < best.at)) best = { at: m.index, type };
  }
  return best?.type ?? 'other';
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const DATE_SPAN = new RegExp(
  `\\b(1[0-9]{3}|20[0-9]{2})s?\\b|\\b(${MONTHS}|${DAYS})\\b|\\b(century|centuries|decade|today|yesterday|tomorrow|tonight|(this|last|next) (week|month|year|evening|morning)|(morning|afternoon|evening|night)|(early|late|mid)-?\\d)\\b|\\b\\d+(st|nd|rd|th)\\b`,
  'gi',
);
const NUMBER_SPAN =
  /\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|half|percent)\b/gi;
const DURATION_SPAN =
  /\b(\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)[- ](second|minute|hour|day|week|month|year|decade|century)s?\b|\b(seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b/gi;
const PLACE_CUE = /\b(in|at|from|to|near|into|across|outside|inside|throughout)\s+(the\s+)?(?:[a-z]+\s+)?([A-Z][\p{L}'’-]+)/gu;

/**
 * Whether `sentence` holds a span of `type` made of words the question does
 * not already use — evidence that it can answer, not just echo, the question.
 */
export function hasAnswerSpan(sentence: string, type: AnswerType, questionWords: ReadonlySet<string>): boolean {
  const fresh = (span: string) => words(span).some((w) => !questionWords.has(w.word) && !STOPWORDS.has(w.word));
  switch (type) {
    case 'date':
      return [...sentence.matchAll(DATE_SPAN)].some((m) => fresh(m[0]));
    case 'duration':
      return [...sentence.matchAll(DURATION_SPAN)].some((m) => fresh(m[0]));
    case 'number':
      return [...sentence.matchAll(NUMBER_SPAN)].some((m) => fresh(m[0]));
    case 'place':
      return [...sentence.matchAll(PLACE_CUE)].some((m) => fresh(m[3]!));
    case 'person':
      return words(sentence).some((w, i) => i > 0 && /^\p{Lu}/u.test(sentence.slice(w.start)) && !questionWords.has(w.word) && !STOPWORDS.has(w.word));
    default:
      return false;
  }
}

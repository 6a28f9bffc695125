import { STOPWORDS, words } from '../text/tokenize.js';
import { wordSetOf } from '../text/word-memory.js';

/** What kind of span a question asks for. */
export type AnswerType = 'date' | 'duration' | 'number' | 'person' | 'place' | 'other';

const RULES: [RegExp, AnswerType][] = [
  [/\b(when|what (year|date|day|month|time|century|decade|era|period)|which (year|date|day|month|century|decade))\b/i, 'date'],
  [/\bhow long\b|\bfor how (many|much) (seconds|minutes|hours|days|weeks|months|years)\b/i, 'duration'],
  [/\bhow (many|much|far|old|large|big|tall|high|often|fast|wide|deep|heavy)\b|\bwhat (?:(?:is|was|are|were) (?:the )?)?(number|percentage|percent|proportion|share|amount|size|population|age|price|cost|total|rate)\b/i, 'number'],
  [/\b(where|what (city|country|place|region|town|state|continent|location|area|island|river|province|nation|site|village|county)|which (city|country|place|region|town|state|continent|location|area|island|river|province|nation|site|village|county))\b/i, 'place'],
  [/\b(who|whom|whose|which (person|man|woman|leader|king|queen|president|minister|general|official|group|organi[sz]ation|company|agency)|what (person|man|woman|leader|king|queen|president|group|organi[sz]ation|company|agency)|what(?: \S+){0,4} names?)\b/i, 'person'],
];

/** The answer type a question asks for, from its wh-phrase; `other` when unclear (what, why, how). */
export function detectAnswerType(question: string): AnswerType {
  return whPhrase(question)?.type ?? 'other';
}

/** The first wh-phrase of a question that names an answer type ("what day", "how long", "which city"), with where it is. */
export function whPhrase(question: string): { type: AnswerType; start: number; end: number } | undefined {
  let best: { type: AnswerType; start: number; end: number } | undefined;
  for (const [re, type] of RULES) {
    const m = re.exec(question);
    if (m && (!best || m.index < best.start)) best = { type, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/**
 * The question without a date or duration wh-phrase, for lexical matching:
 * "day" in "What day were the talks held?" names the kind of answer, not a
 * word the answer's sentence holds ("on Sunday"). Other heads stay ("what
 * city" is often answered by "the city of …"). `wh`: the question's
 * {@link whPhrase}, when the caller has it already.
 */
export function withoutWhPhrase(question: string, wh = whPhrase(question)): string {
  return wh && (wh.type === 'date' || wh.type === 'duration') ? `${question.slice(0, wh.start)} ${question.slice(wh.end)}` : question;
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
  /\b(\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)[- ](second|minute|hour|day|week|month|year|decade|century)s?\b|\b(for|over|within|lasted|lasting)\s+(the\s+)?(past\s+|last\s+|next\s+)?(seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b/gi;
const PLACE_CUE = /\b(in|at|from|to|near|into|across|outside|inside|throughout)\s+(the\s+)?(?:[a-z]+\s+)?([A-Z][\p{L}'’-]+)/gu;

const MONTH_BEFORE = new RegExp(`\\b(${MONTHS})\\.?\\s*$`, 'i');

const YEAR_CONTEXT = new RegExp(`(\\b(${MONTHS})\\b[^.]{0,6}|\\b(in|since|by|until|till|before|after|during|from|of|year|early|late|mid)\\s+)$`, 'i');

/** A number that is a day of a month ("March 29") or a year after a month or "in/since/by…" ("March 29, 2014", "in 2014"): a date, not a count. */
function partOfDate(sentence: string, at: number, span: string): boolean {
  const before = sentence.slice(Math.max(0, at - 16), at);
  if (/^(1[0-9]{3}|20[0-9]{2}),?$/.test(span)) return YEAR_CONTEXT.test(before);
  return /^\d{1,2},?$/.test(span) && MONTH_BEFORE.test(before.slice(-12));
}

/** The words of a span a question could be answered by, stop words left out. */
const spanWords = (span: string) => words(span).map((w) => w.word).filter((w) => !STOPWORDS.has(w));

/** The spans of `type` in `sentence`, as their words; independent of the question. */
function spansIn(sentence: string, type: AnswerType): readonly (readonly string[])[] {
  switch (type) {
    case 'date':
      return [...sentence.matchAll(DATE_SPAN)].map((m) => spanWords(m[0]));
    case 'duration':
      return [...sentence.matchAll(DURATION_SPAN)].map((m) => spanWords(m[0]));
    case 'number':
      return [...sentence.matchAll(NUMBER_SPAN)].filter((m) => !partOfDate(sentence, m.index, m[0])).map((m) => spanWords(m[0]));
    case 'place':
      return [...sentence.matchAll(PLACE_CUE)].map((m) => spanWords(m[3]!));
    case 'person':
      return words(sentence)
        .filter((w, i) => i > 0 && /^\p{Lu}/u.test(sentence.slice(w.start)) && !STOPWORDS.has(w.word))
        .map((w) => [w.word]);
    default:
      return [];
  }
}

/** Sentences whose spans are remembered at most (then the memory starts over): the candidates of many questions. */
const SPAN_MEMORY = 50_000;
/** Where each type's spans are kept in a sentence's entry of {@link spanMemory}. */
const TYPE_SLOT: Readonly<Record<AnswerType, number>> = { date: 0, duration: 1, number: 2, person: 3, place: 4, other: 5 };
const spanMemory = new Map<string, (readonly (readonly string[])[] | undefined)[]>();

/** {@link spansIn}, remembered per sentence: every question asking for `type` looks at the same candidates' spans. */
function spansOf(sentence: string, type: AnswerType): readonly (readonly string[])[] {
  let byType = spanMemory.get(sentence);
  if (!byType) {
    if (spanMemory.size >= SPAN_MEMORY) spanMemory.clear();
    spanMemory.set(sentence, (byType = []));
  }
  const slot = TYPE_SLOT[type];
  return (byType[slot] ??= spansIn(sentence, type));
}

/**
 * Whether `sentence` holds a span of `type` made of words the question does
 * not already use — evidence that it can answer, not just echo, the question.
 */
export function hasAnswerSpan(sentence: string, type: AnswerType, questionWords: ReadonlySet<string>): boolean {
  return spansOf(sentence, type).some((span) => span.some((w) => !questionWords.has(w)));
}

const DEFINITION_QUESTION = /^\s*(?:who|what)\s+(?:is|was|are|were)\s+(?:the\s+)?([^?]+?)\s*\??\s*$/i;

/**
 * The subject of a definition question ("Who is Lavrov?", "What is
 * Crimea?"): its words, when it is a name or a short phrase of at most
 * three words; undefined for other questions.
 */
export function definitionSubject(question: string): string[] | undefined {
  const m = DEFINITION_QUESTION.exec(question);
  if (!m) return undefined;
  const subject = words(m[1]!).map((w) => w.word).filter((w) => !STOPWORDS.has(w));
  return subject.length >= 1 && subject.length <= 3 ? subject : undefined;
}

const APPOSITION_AFTER = /^['’]?s?\s*(?:,\s*(?:a|an|the|who|which|whose|one of|his|her|its|their)\b|\s+(?:is|was|are|were)\s+(?:a|an|the)\b)/i;

/**
 * How well `sentence` says what `subject` is (0–1): a title or other
 * capitalised words right before it ("Foreign Minister Sergei Lavrov"), an
 * apposition before it ("his Russian counterpart, Sergei Lavrov") or after
 * it ("Crimea, a Russian-majority Black Sea peninsula", "X is a …").
 */
export function describes(sentence: string, subject: readonly string[]): number {
  const last = subject.at(-1)!;
  // Most candidates never name X: their remembered word set says so without tokenising them again.
  if (!wordSetOf(sentence).has(last)) return 0;
  const tokens = words(sentence);
  let best = 0;
  tokens.forEach((t, i) => {
    if (t.word !== last) return;
    let descriptor = 0;
    let j = i - subject.length;
    while (j >= 0 && i - j <= 5 && /^\p{Lu}/u.test(sentence.slice(tokens[j]!.start)) && !subject.includes(tokens[j]!.word)) {
      descriptor++;
      j--;
    }
    const before = sentence.slice(0, tokens[j + 1]?.start ?? t.start);
    if (/\p{L}+\s*,\s*$/u.test(before)) descriptor += 2;
    if (APPOSITION_AFTER.test(sentence.slice(t.end))) descriptor += 2;
    best = Math.max(best, Math.min(1, descriptor / 3));
  });
  return best;
}

import { stemmer } from 'stemmer';

/** A word of the text with its offsets. */
export interface WordToken {
  /** Lower-cased surface form, apostrophes removed (`russia's` → `russias` is avoided: the possessive is dropped). */
  word: string;
  start: number;
  end: number;
}

/**
 * English function words and question words: they carry no evidence of
 * what a passage is about, so lexical matching and coverage ignore them.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once ' +
    'only or other our ours ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up very was we were what when where which ' +
    'while who whom whose why will with would you your yours yourself yourselves s t don didn doesn isn wasn weren ' +
    'shouldn wouldn couldn hasn haven hadn aren ve ll re d m o y ma mr mrs ms'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ı: 'i', þ: 'th', ð: 'd' };
const UNDECOMPOSED_RE = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'g');

/** Lower case without diacritics, so `Hervé` matches `Herve` and `Skłodowska` matches `Sklodowska`. */
export function fold(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c]!)
    .toLowerCase();
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Words of `text` with offsets; possessive `'s` is dropped, other apostrophes are removed. */
export function words(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = fold(m[0]).replace(/['’]s$/, '').replace(/['’]/g, '');
    out.push({ word: raw, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const stemCache = new Map<string, string>();

/**
 * Past forms of common irregular verbs, by their base form: the Porter
 * stemmer leaves `met` and `meet`, `held` and `hold` apart, and a question
 * often uses another tense than the story ("Where did they meet?" / "met in Paris").
 */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    'meet:met hold:held take:took,taken say:said make:made begin:began,begun win:won lead:led leave:left fight:fought ' +
    'build:built send:sent spend:spent give:gave,given find:found think:thought bring:brought buy:bought teach:taught ' +
    'sell:sold tell:told write:wrote,written choose:chose,chosen drive:drove,driven rise:rose,risen fall:fell,fallen ' +
    'grow:grew,grown know:knew,known become:became come:came go:went,gone see:saw,seen run:ran keep:kept pay:paid ' +
    'lose:lost mean:meant stand:stood strike:struck sit:sat speak:spoke,spoken break:broke,broken steal:stole,stolen ' +
    'eat:ate,eaten drink:drank,drunk sing:sang,sung swim:swam,swum fly:flew,flown draw:drew,drawn throw:threw,thrown ' +
    'wear:wore,worn bear:bore,born tear:tore,torn shake:shook,shaken forget:forgot,forgotten freeze:froze,frozen ' +
    'hide:hid,hidden ride:rode,ridden feel:felt hear:heard sleep:slept sweep:swept weep:wept lend:lent bend:bent ' +
    'catch:caught seek:sought hang:hung dig:dug stick:stuck swing:swung spin:spun shine:shone shoot:shot ' +
    'feed:fed flee:fled light:lit slide:slid bleed:bled breed:bred deal:dealt dream:dreamt lay:laid'
  )
    .split(' ')
    .flatMap((entry) => {
      const [base, forms] = entry.split(':') as [string, string];
      return forms.split(',').map((form) => [form, base] as const);
    }),
);

/** Porter stem of a lower-cased word (irregular past forms by their base verb), cached. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    const base = IRREGULAR[word] ?? word;
    s = /^\d/.test(base) ? base : stemmer(base);
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

/** Stemmed content terms of `text` (stopwords removed), in order. */
export function terms(text: string): string[] {
  return termsOf(words(text));
}

/** {@link terms} of text already split into `tokens` (`words(text)`). */
export function termsOf(tokens: readonly WordToken[]): string[] {
  const out: string[] = [];
  for (const w of tokens) if (!STOPWORDS.has(w.word)) out.push(stem(w.word));
  return out;
}

/** Which extra terms {@link indexTerms} adds to the stems. */
export interface TermOptions {
  /** Each pair of neighbouring stems (`foreign_minist`), so phrases outrank scattered words. */
  bigrams: boolean;
  /**
   * The first five letters of longer stems (`marri*`), so forms the stemmer
   * keeps apart still meet (`marry` / `marriage`, `colonize` / `colonies`).
   */
  prefixes: boolean;
}

/** Index terms: the content stems plus the extras chosen in `options`. */
export function indexTerms(text: string, options: TermOptions = { bigrams: true, prefixes: true }): string[] {
  return withExtras(terms(text), options);
}

/** {@link indexTerms} of a text whose {@link terms} are `unigrams`. */
export function withExtras(unigrams: readonly string[], options: TermOptions = { bigrams: true, prefixes: true }): string[] {
  const out = unigrams.slice();
  if (options.prefixes) for (const u of unigrams) if (u.length >= 5) out.push(`${u.slice(0, 5)}*`);
  if (options.bigrams) for (let i = 1; i < unigrams.length; i++) out.push(`${unigrams[i - 1]}_${unigrams[i]}`);
  return out;
}

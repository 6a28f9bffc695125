/**
 * Chat text as people type it in Discord, made readable for matching:
 * Discord markup removed, apostrophe-less contractions and chat-speak
 * written out. Pure functions; the question stage calls them once.
 */

/** Discord's own markup: user, role and channel mentions, custom emoji, timestamps; then link markup and bare links. */
const MARKUP: [RegExp, string][] = [
  [/<@[!&]?\d{5,25}>/g, ' '],
  [/<#\d{5,25}>/g, ' '],
  [/<a?:\w{1,32}:\d{5,25}>/g, ' '],
  [/<t:-?\d{1,13}(?::[tTdDfFR])?>/g, ' '],
  [/<\/[\w -]{1,32}:\d{5,25}>/g, ' '],
  [/\[([^\]\n]{1,200})\]\(<?https?:\/\/[^\s)>]+>?\)/g, '$1'],
  [/<https?:\/\/[^\s>]+>/g, ' '],
  [/\bhttps?:\/\/\S+/g, ' '],
  [/(^|\s)@(everyone|here)\b/g, '$1'],
];

/** Bold, italics, strike-through, spoilers and inline code: the same delimiter on both sides, at word edges (`3*4` and `snake_case` stay). */
const EMPHASIS = /(?<![\p{L}\p{N}])(\*\*|__|~~|\|\||[*_`])(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}])/gu;

/** The question without Discord mentions, channel links, emoji, timestamps and links (a `[text](url)` keeps its text). */
export function stripMarkup(text: string): string {
  let out = text;
  for (const [re, by] of MARKUP) out = out.replace(re, by);
  return out.replace(EMPHASIS, '$2').replace(/\s+/g, ' ').trim();
}

/**
 * Contractions typed without the apostrophe, by what they stand for. Only
 * forms that are not also ordinary words (`its`, `well`, `were`, `shed`,
 * `hell` are left alone).
 */
export const CONTRACTIONS: Readonly<Record<string, string>> = {
  whos: 'who is', whats: 'what is', wheres: 'where is', whens: 'when is', whys: 'why is', hows: 'how is',
  whod: 'who did', whatd: 'what did', whered: 'where did', whend: 'when did', whyd: 'why did', howd: 'how did',
  whatre: 'what are', wherere: 'where are', whyre: 'why are', howre: 'how are',
  didnt: 'did not', doesnt: 'does not', dont: 'do not', isnt: 'is not', wasnt: 'was not', werent: 'were not',
  arent: 'are not', cant: 'can not', wont: 'will not', wouldnt: 'would not', couldnt: 'could not',
  shouldnt: 'should not', havent: 'have not', hasnt: 'has not', hadnt: 'had not', aint: 'is not',
  theyre: 'they are', theyve: 'they have', theyd: 'they did', youre: 'you are', youve: 'you have',
  im: 'i am', ive: 'i have', thats: 'that is', theres: 'there is', heres: 'here is', whatve: 'what have',
};

/**
 * Chat-speak, by what it stands for; an empty expansion drops the word
 * (politeness and laughter carry nothing to match). Single letters are
 * expanded only in lower case, so `U.S.` or a caption's `(L)` stay.
 */
export const CHAT_SPEAK: Readonly<Record<string, string>> = {
  r: 'are', u: 'you', ur: 'your', w: 'with', 'w/': 'with', b: 'be', n: 'and', y: 'why',
  ppl: 'people', ppls: 'people', wat: 'what', wut: 'what', wot: 'what', wht: 'what', wen: 'when', whn: 'when',
  wher: 'where', whr: 'where', hw: 'how', wich: 'which', wch: 'which', abt: 'about', bout: 'about', abut: 'about',
  bc: 'because', bcs: 'because', bcz: 'because', cuz: 'because', coz: 'because', cos: 'because',
  gonna: 'going to', wanna: 'want to', gotta: 'got to', kinda: 'kind of', sorta: 'sort of', lotta: 'lot of',
  tho: 'though', thru: 'through', govt: 'government', gov: 'government', yr: 'year', yrs: 'years',
  pic: 'photo', pics: 'photos', mtg: 'meeting', convo: 'conversation', b4: 'before', '2day': 'today', nd: 'and',
  dat: 'that', da: 'the', dis: 'this', dem: 'them', bday: 'birthday', prez: 'president', pres: 'president',
  intl: 'international', natl: 'national', dept: 'department', gen: 'general',
  pls: '', plz: '', thx: '', ty: '', lol: '', lmao: '', tbh: '', idk: '', imo: '', btw: '', omg: '', rn: 'now',
  ok: '', okay: '', hey: '', hi: '', yo: '', um: '', uh: '', hmm: '',
};

const TOKEN = /[\p{L}\p{N}]+(?:\/(?=\s|$))?/gu;

/**
 * Country and body abbreviations typed in lower case after `the`: `the us`
 * can only be the United States (`the` never precedes the pronoun), so it
 * reads as the stories write it.
 */
export const ABBREVIATIONS_AFTER_THE: Readonly<Record<string, string>> = {
  us: 'U.S.', usa: 'U.S.', uk: 'U.K.', un: 'U.N.', eu: 'EU',
};

const AFTER_THE = /\b([Tt]he\s+)(us|usa|uk|un|eu)(?![\p{L}\p{N}]|[.\-'’][\p{L}\p{N}])/gu;

/** `table[key]` when the table itself lists it: `constructor` or `toString` in a question is a word, not a prototype's function. */
function ownValue(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * `text` with apostrophe-less contractions and chat-speak written out.
 * A token is replaced only when it is typed in lower case (`DA`, `Dem`,
 * `Gov.` stay), stands alone (not inside `U.S.` or a hyphenated word), and
 * is not a word the stories themselves use (`keep`); `the us` reads as
 * `the U.S.` (see {@link ABBREVIATIONS_AFTER_THE}).
 */
export function expandChat(text: string, keep: (word: string) => boolean = () => false): string {
  return text
    .replace(AFTER_THE, (_match, the: string, abbreviation: string) => the + ABBREVIATIONS_AFTER_THE[abbreviation])
    .replace(TOKEN, (token, offset: number, whole: string) => {
      const lower = token.toLowerCase();
      const expansion = ownValue(CONTRACTIONS, lower) ?? ownValue(CHAT_SPEAK, lower);
      // Most tokens have no expansion: they stay without the checks below (and without asking `keep`).
      if (expansion === undefined) return token;
      const before = whole[offset - 1] ?? ' ';
      const after = whole[offset + token.length] ?? ' ';
      if (/[.\-'’]/.test(before) && /[\p{L}\p{N}]/u.test(whole[offset - 2] ?? '')) return token;
      if (/[.\-'’]/.test(after) && /[\p{L}\p{N}]/u.test(whole[offset + token.length + 1] ?? '')) return token;
      if (token !== lower || keep(lower.replace(/\/$/, ''))) return token;
      return expansion;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

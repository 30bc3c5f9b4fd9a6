/**
 * Abbreviation lists of the scanner's data files (data/<lang>.json). Keys of
 * abbreviations are lower case, without the final dot and without spaces
 * ("т. е." → "т.е", "U.S." → "u.s", "z. B." → "z.b").
 *
 * Abbreviations are classified rather than simply listed, because what
 * matters is what an abbreviation may be followed by:
 *  - `pre`     precedes a name or number and never ends a sentence (Mr., проф., ул., т. е.)
 *  - `numpre`  precedes a number (p. 55, No. 5); before a word it is an ordinary
 *              word (`numword`: No., Fig., рис.) or a `weak` abbreviation (vol., pp.)
 *  - `weak`    may end a sentence, but only before a typical sentence opener
 *              (Co. It closed… | Co. at noon | U.S. How… | U.S. Government; initials)
 *  - `term`    ends a sentence whenever a capitalised word follows (etc., и т. д., тыс.)
 *  - `date`    г./гг./в./вв. after a number: see `dateEndsSentence` (periods.ts)
 *  - `time`    a.m./p.m. after a number: see `timeEndsSentence` (periods.ts)
 */
import en from './data/en.json' with { type: 'json' };

export type AbbrKind = 'pre' | 'numpre' | 'numword' | 'weak' | 'term' | 'date' | 'time' | 'initial' | 'none';

type Listed = 'pre' | 'numpre' | 'numword' | 'weak' | 'term';
const LISTED: readonly Listed[] = ['pre', 'numpre', 'numword', 'weak', 'term'];

export type AbbreviationLists = Partial<Record<Listed | 'about', string | string[]>>;

export function abbreviations(...lists: AbbreviationLists[]): Map<string, AbbrKind> {
  const map = new Map<string, AbbrKind>();
  for (const list of lists) {
    for (const [kind, words] of Object.entries(list)) {
      if (!LISTED.includes(kind as Listed) || !Array.isArray(words)) continue;
      for (const w of words) map.set(w, kind as Listed);
    }
  }
  return map;
}

/** The key of an abbreviation as a user writes it: "z. B." → "z.b", "Abb." → "abb", "U.S." → "u.s". */
export function abbreviationKey(written: string): string {
  return written.trim().toLowerCase().replace(/\s+/g, '').replace(/\.+$/, '');
}

/** "Yahoo! Research" — brand names whose "!" is part of the name. */
export const EXCLAMATION_WORDS = new Set(en.exclamationWords.words);
/** Words that continue a time expression: "at 5 p.m. Monday", "10 a.m. EST". */
export const TIME_FOLLOWERS = new Set(en.timeFollowers.words);
export const EN_PREPOSITIONS = new Set(en.prepositions.words);

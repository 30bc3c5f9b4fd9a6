/**
 * The scanner's word lists, from data/ru.json and data/en.json. Keys of
 * abbreviations are lower case, without the final dot and without spaces
 * ("т. е." → "т.е", "U.S." → "u.s").
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
import ru from './data/ru.json' with { type: 'json' };

export type AbbrKind = 'pre' | 'numpre' | 'numword' | 'weak' | 'term' | 'date' | 'time' | 'initial' | 'none';

type Listed = 'pre' | 'numpre' | 'numword' | 'weak' | 'term';
const LISTED: readonly Listed[] = ['pre', 'numpre', 'numword', 'weak', 'term'];

function abbreviations(...lists: Array<Partial<Record<Listed, string[]>>>): Map<string, AbbrKind> {
  const map = new Map<string, AbbrKind>();
  for (const list of lists) {
    for (const [kind, words] of Object.entries(list)) {
      if (!LISTED.includes(kind as Listed)) continue;
      for (const w of words as string[]) map.set(w, kind as Listed);
    }
  }
  return map;
}

export const ABBREVIATIONS = abbreviations(ru.abbreviations, en.abbreviations);

/** Russian single-letter/short units that end a sentence after a number ("5 т. Затем…", "в 5 ч. Потом…"). */
export const RU_UNITS_AFTER_NUMBER = new Set(ru.unitsAfterNumber.words);
/** Year/century abbreviations (год, годы, век, века). */
export const RU_DATE_ABBR = new Set(ru.dateAbbreviations.words);
/** "Yahoo! Research" — brand names whose "!" is part of the name. */
export const EXCLAMATION_WORDS = new Set(en.exclamationWords.words);

export const RU_PREPOSITIONS = new Set(ru.prepositions.words);
/** Capitalised words that in practice only appear at the start of a sentence. */
export const RU_STRONG_STARTERS = new Set(ru.strongStarters.words);
export const RU_STARTERS = new Set([...RU_PREPOSITIONS, ...RU_STRONG_STARTERS]);
export const EN_STARTERS = new Set(en.starters.words);
export const EN_PREPOSITIONS = new Set(en.prepositions.words);
/** Words that continue a time expression: "at 5 p.m. Monday", "10 a.m. EST". */
export const TIME_FOLLOWERS = new Set(en.timeFollowers.words);
/** Words before a year that make the date a complete adverbial ("в 1925 г.", "5 сентября 1905 г."). */
export const RU_DATE_LEADERS = new Set(ru.dateLeaders.words);

/**
 * The rules of one language for the sentence scanner: which abbreviations it
 * knows and what may follow them, which capitalised words open sentences,
 * whether "12." before a word is an ordinal (German, Polish), and the year
 * abbreviations that behave like Russian "1925 г." (Ukrainian "1925 р.",
 * Polish "1925 r."). Built from the word lists in data/<lang>.json; Russian
 * and English keep the one combined rule set they have always had (Russian
 * texts quote English and the other way round). A user's own abbreviations
 * (config or sidecar `abbreviations:`) are added as `weak` ones.
 */
import { isCyrillic } from './chars.js';
import de from './data/de.json' with { type: 'json' };
import en from './data/en.json' with { type: 'json' };
import es from './data/es.json' with { type: 'json' };
import fr from './data/fr.json' with { type: 'json' };
import it from './data/it.json' with { type: 'json' };
import pl from './data/pl.json' with { type: 'json' };
import ru from './data/ru.json' with { type: 'json' };
import uk from './data/uk.json' with { type: 'json' };
import { abbreviationKey, abbreviations, type AbbrKind, type AbbreviationLists } from './words.js';

export interface SentenceRules {
  readonly abbreviations: ReadonlyMap<string, AbbrKind>;
  /** Does this capitalised word typically open a sentence (after a `weak` abbreviation or an initial)? */
  isStarter(word: string): boolean;
  /** Does it open a sentence even after "1925 г." (pronouns, conjunctions, adverbs)? */
  isStrongStarter(word: string): boolean;
  /** Year/century abbreviations after a number: г, гг, в, вв; р, ст; r, w. */
  readonly dateAbbreviations: ReadonlySet<string>;
  /** Prepositions that make a date the opening adverbial of a sentence ("В 1925 г. Япония…"). */
  readonly datePrepositions: ReadonlySet<string>;
  /** Words before a year that make the date a complete adverbial ("в 1925 г."). */
  readonly dateLeaders: ReadonlySet<string>;
  /** Units that end a sentence after a number ("5 т. Затем…"). */
  readonly unitsAfterNumber: ReadonlySet<string>;
  /** "am 12. Juni", "1. Jahrhundert": a dot after a number of up to three digits is an ordinal's. */
  readonly ordinalDot: boolean;
}

/** The word lists of a language's data file; every list but the abbreviations may be absent. */
interface LanguageData {
  abbreviations: AbbreviationLists;
  starters?: { words: string[] };
  strongStarters?: { words: string[] };
  dateAbbreviations?: { words: string[] };
  prepositions?: { words: string[] };
  dateLeaders?: { words: string[] };
  unitsAfterNumber?: { words: string[] };
  ordinalDot?: { enabled: boolean };
}

const RU_STARTERS = new Set([...ru.prepositions.words, ...ru.strongStarters.words]);
const EN_STARTERS = new Set(en.starters.words);
const RU_STRONG = new Set(ru.strongStarters.words);

/** Russian and English, as they have always been scanned together. */
function russianAndEnglish(): SentenceRules {
  return {
    abbreviations: abbreviations(ru.abbreviations, en.abbreviations),
    isStarter: (word) => (isCyrillic(word) ? RU_STARTERS.has(word) : EN_STARTERS.has(word)),
    isStrongStarter: (word) => RU_STRONG.has(word) || (!isCyrillic(word) && EN_STARTERS.has(word)),
    dateAbbreviations: new Set(ru.dateAbbreviations.words),
    datePrepositions: new Set(ru.prepositions.words),
    dateLeaders: new Set(ru.dateLeaders.words),
    unitsAfterNumber: new Set(ru.unitsAfterNumber.words),
    ordinalDot: false,
  };
}

function fromData(data: LanguageData): SentenceRules {
  const starters = new Set([...(data.starters?.words ?? []), ...(data.prepositions?.words ?? [])]);
  const strong = new Set(data.strongStarters?.words ?? data.starters?.words ?? []);
  return {
    abbreviations: abbreviations(data.abbreviations),
    isStarter: (word) => starters.has(word),
    isStrongStarter: (word) => strong.has(word),
    dateAbbreviations: new Set(data.dateAbbreviations?.words ?? []),
    datePrepositions: new Set(data.prepositions?.words ?? []),
    dateLeaders: new Set(data.dateLeaders?.words ?? []),
    unitsAfterNumber: new Set(data.unitsAfterNumber?.words ?? []),
    ordinalDot: data.ordinalDot?.enabled ?? false,
  };
}

/** The languages with rules of their own (primary subtags); every other one goes to ICU. */
const LANGUAGES = {
  ru: russianAndEnglish,
  en: russianAndEnglish,
  de: () => fromData(de),
  fr: () => fromData(fr),
  es: () => fromData(es),
  it: () => fromData(it),
  uk: () => fromData(uk),
  pl: () => fromData(pl),
} satisfies Record<string, () => SentenceRules>;

export type RuledLanguage = keyof typeof LANGUAGES;

export function isRuledLanguage(primary: string): primary is RuledLanguage {
  return Object.hasOwn(LANGUAGES, primary);
}

const built = new Map<string, SentenceRules>();

/** The rules of a language plus a user's abbreviations (as written: "z. B.", "Abb."), built once per combination. */
export function rulesFor(language: RuledLanguage, extra: readonly string[] = []): SentenceRules {
  const key = `${language}\u0000${extra.join('\u0000')}`;
  let rules = built.get(key);
  if (rules === undefined) {
    const base = LANGUAGES[language]();
    if (extra.length > 0) {
      const map = new Map(base.abbreviations);
      // A listed abbreviation keeps its kind; a new one may end a sentence only before a typical opener.
      for (const written of extra) if (!map.has(abbreviationKey(written))) map.set(abbreviationKey(written), 'weak');
      rules = { ...base, abbreviations: map };
    } else {
      rules = base;
    }
    built.set(key, rules);
  }
  return rules;
}

/**
 * The date finder's words, from data/<lang>.json. Every vocabulary is
 * recognised whatever the sentence's language, since sources quote each
 * other; lists that serve the same check are joined.
 */
import type { DatePart } from './types.js';
import de from './data/de.json' with { type: 'json' };
import en from './data/en.json' with { type: 'json' };
import es from './data/es.json' with { type: 'json' };
import fr from './data/fr.json' with { type: 'json' };
import it from './data/it.json' with { type: 'json' };
import pl from './data/pl.json' with { type: 'json' };
import ru from './data/ru.json' with { type: 'json' };
import uk from './data/uk.json' with { type: 'json' };

/** The languages with one shape of data file: month forms, context, century and year words. */
const OTHERS = [de, fr, es, it, uk, pl];
const others = (pick: (data: (typeof OTHERS)[number]) => string[]): string[] => OTHERS.flatMap(pick);

function monthForms(): Map<string, number> {
  const map = new Map<string, number>();
  for (const { stems, endings } of ru.months.declensions) {
    for (const [stem, m] of Object.entries(stems)) for (const e of endings) map.set(stem + e, m);
  }
  return map;
}

/** Every case form of every Russian month name. */
export const RU_MONTHS = monthForms();
/** Abbreviations count only with their dot: "дек." but not a word that merely starts so. */
export const RU_MONTH_ABBR = new Map(Object.entries(ru.monthAbbreviations.months));
/** German, French, Spanish, Italian, Ukrainian and Polish month names (any case: German capitalises them). */
export const OTHER_MONTHS = new Map(OTHERS.flatMap((data) => Object.entries(data.months.forms)));
/** Their abbreviations, which count only with their dot. */
export const OTHER_MONTH_ABBR = new Map(OTHERS.flatMap((data) => Object.entries(data.monthAbbreviations.months)));
/** "20 de enero de 1925": words between a day and its month, and between a month and its year. */
export const MONTH_LINKS = new Set(others((data) => data.monthLinks.words));
/** "1925 р.", "1925 r.": abbreviations of "year" (with their dot; not in Russian text, where "р." is roubles). */
export const YEAR_ABBR = new Set(others((data) => data.yearAbbreviations.words));
export const EN_MONTH_NAMES: readonly string[] = en.monthLabels;
export const EN_MONTHS = new Map(EN_MONTH_NAMES.map((name, k) => [name.toLowerCase(), k + 1]));
export const EN_MONTH_ABBR = new Map(Object.entries(en.monthAbbreviations.months));
export const RU_MONTH_NOM: readonly string[] = ru.monthLabels.nominative;
export const RU_MONTH_GEN: readonly string[] = ru.monthLabels.genitive;

export const YEAR_WORDS = new Set([...ru.yearWords.words, ...others((data) => data.yearWords.words)]);
export const PLURAL_YEAR_WORDS = new Set(ru.pluralYearWords.words);
/** "1925-й", "1925-го", "1925-м": ordinal endings that make a number a year. */
export const YEAR_ORD = new Set(ru.yearOrdinalEndings.words);
/** "1920-е", "1920-х", "1920-м годам": plural endings that make it a decade. */
export const DECADE_SUF = new Set(ru.decadeEndings.words);
export const ORD_SUFFIX = new Set(en.ordinalSuffixes.words);

/** Words after which a bare year reads as a date: "в 1907", "in 1907", "since 1907". */
export const CONTEXT_WORDS = new Set([...ru.contextWords.words, ...en.contextWords.words, ...others((data) => data.contextWords.words)]);
/** Abbreviations with a dot that also set the context: "c. 1907", "ок. 1907". */
export const CONTEXT_ABBR = new Set([...en.contextAbbreviations.words, ...ru.contextAbbreviations.words]);
/** Page, volume and archive references: "p. 1925", "с. 1925", "ф. 1925". */
export const PAGE_ABBR = new Set([...en.pageAbbreviations.words, ...ru.pageAbbreviations.words]);
export const PAGE_WORDS = new Set([...en.pageWords.words, ...ru.pageWords.words]);
/** Units and counted nouns: after them the number is an amount, not a year. */
export const UNIT_WORDS = new Set([...ru.unitWords.words, ...en.unitWords.words]);
export const UNIT_STEMS: readonly string[] = ru.unitStems.words;
/** Oblique plural endings: Russian counted nouns ("верстах", "солдатами") carry them, verbs do not. */
export const RU_OBLIQUE: readonly string[] = ru.obliqueEndings.words;

export const RU_CENTURY = new Set(ru.centuryWords.words);
export const EN_CENTURY = new Set(en.centuryWords.words);
/** "19. Jahrhundert", "XIX siècle", "XIX ст.", "XIX w.": words of two letters or fewer count only with their dot. */
export const OTHER_CENTURY = new Set(others((data) => data.centuryWords.words));
export const EN_ORDINALS: readonly string[] = en.ordinals.words;

function partForms(forms: Array<{ stem: string; endings: string[]; part: string }>): Array<[string, DatePart]> {
  return forms.flatMap(({ stem, endings, part }) => endings.map((e): [string, DatePart] => [stem + e, part as DatePart]));
}
const parts = (map: Record<string, string>): Array<[string, DatePart]> => Object.entries(map).map(([w, part]) => [w, part as DatePart]);

/** One-word qualifiers: "в начале", "в середине", "в конце", "early", "mid", "late". */
export const ONE_WORD_PARTS = new Map<string, DatePart>([...partForms(ru.qualifiers.oneWord), ...parts(en.qualifiers.oneWord)]);
/** English "the beginning of", "the end of"… */
export const OF_PARTS = new Map<string, DatePart>(parts(en.qualifiers.of));
/** "первой половине", "the second half of". */
export const HALF_ORD = new Map<string, DatePart>([...partForms(ru.qualifiers.halves), ...parts(en.qualifiers.halves)]);
/** Russian labels of the parts: "начало 1920-х". */
export const RU_PART = ru.partLabels as Record<DatePart, string>;

/** "с 1918 по 1922 г.", "from 1904 to 1905": the word before the first year → the words allowed before the second. */
export const RANGE_LINKS = new Map<string, string[]>([...Object.entries(ru.rangeLinks.links), ...Object.entries(en.rangeLinks.links)]);

/** Sequences after a date that mean "before Christ" (dot tokens included). */
export const BC_SEQS: readonly string[][] = [...ru.bcMarkers.sequences, ...en.bcMarkers.sequences];

/**
 * Dated events in sentences (Russian, English, German, French, Spanish, Italian, Ukrainian, Polish).
 *
 * Design: the text is tokenised once (tokens.ts) into runs of digits, letters and single other characters
 * (the only regexes are single character-class runs, so there is nothing to backtrack into).
 * Then a fixed list of small matchers (matchers.ts, grammar.ts) is tried at each token. Every matcher looks ahead at most
 * about a dozen tokens, so the whole scan is linear in the input length. Matchers are ordered
 * longest form first, so "20 января 1925 г." wins over the bare year inside it, and the scan
 * jumps past every match, so mentions never overlap.
 *
 * Conventions (documented because they are choices, not facts):
 * - Offsets are JavaScript string indices (UTF-16 code units), half-open [start, end).
 * - `lang` naming Russian (ru, ru-RU…) gives Russian labels (labels.ts), English gives English labels, and
 *   de, fr, es, it, uk, pl give the mention as the source writes it ("20 stycznia 1925 r."); other languages
 *   get English labels. Every vocabulary is recognised whatever `lang` says, since sources quote each other;
 *   only "р."/"r." after a year (Ukrainian рік, Polish rok) is not read in Russian text, where it is roubles.
 * - A century runs from year 1 to year 100 of its hundred: XIX = 1801–1900 (sortKey "1801",
 *   endKey "1900"). "The 1800s" is the literal 1800–1899 and also gets precision "century".
 *   Russian "1800-е" is a decade (1800–1809), as Russian usage mostly means.
 * - Decades: sortKey is the first year, endKey the last year ("1920"/"1929"). A run of
 *   decades ("1920–1930-е") or centuries ("XIX–XX вв.") keeps its decade/century precision
 *   and widens endKey. Year ranges ("1904–1905") get precision "range".
 * - Numeric dates: "dd.mm.yyyy" is always day first. "a/b/yyyy": if a > 12 it is day first,
 *   else if b > 12 month first; if both ≤ 12, `lang` "en*" is read US-style (month first) and
 *   everything else day first.
 * - A bare 4-digit number (1000–2100) is a year only with a signal: a "г."/"года" suffix, an
 *   ordinal ending ("1925-м"), or a context word before it (в, с, до, после, к, in, of, since…).
 *   Even then it is rejected when a unit or counted noun follows ("около 1500 человек",
 *   "in 1500 cases"), or a currency/page/number marker precedes ("$1925", "p. 1925", "№ 1925").
 *   Three-digit years need a suffix, and after a bare "г." also context ("в 988 г.", "862 году").
 * - Year ranges with a dash are also accepted with nothing word-like after them ("(1904–1905)").
 * - Dates followed by a BC marker ("до н. э.", "BC") are skipped: the keys cannot express them.
 * - "В начале XX века", "the late 1920s": the qualifier is part of the mention's text and is
 *   recorded in `part`; keys still describe the whole period.
 */
import { languageOf, primaryLanguage } from '../../util/lang.js';
import { toMention } from './labels.js';
import { matchAt } from './matchers.js';
import { tokenize, type Scan } from './tokens.js';
import type { DateMention, DatePart, DatePrecision } from './types.js';

export type { DateMention, DatePart, DatePrecision } from './types.js';

/** Languages whose dates are labelled as the source writes them (their words are in data/<lang>.json). */
const AS_WRITTEN = new Set(['de', 'fr', 'es', 'it', 'uk', 'pl']);

/** Every date expression in one sentence, in text order, non-overlapping. */
export function findDates(text: string, lang: string): DateMention[] {
  const language = languageOf(lang);
  const s: Scan = {
    text,
    toks: tokenize(text),
    lang: language ?? (AS_WRITTEN.has(primaryLanguage(lang)) ? 'as-written' : 'en'),
    monthFirst: language === 'en',
  };
  const out: DateMention[] = [];
  let i = 0;
  while (i < s.toks.length) {
    const hit = matchAt(s, i);
    if (!hit) {
      i += 1;
      continue;
    }
    if (!hit.skip) out.push(toMention(s, i, hit));
    i = hit.end;
  }
  return out;
}

const PRECISION_RANK: Record<DatePrecision, number> = {
  century: 0,
  decade: 1,
  range: 2,
  year: 3,
  month: 4,
  day: 5,
};
const PART_RANK: Record<DatePart, number> = {
  early: 1,
  'first-half': 2,
  mid: 3,
  'second-half': 4,
  late: 5,
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compare two mentions chronologically: by sortKey, then precision (coarser first), then the
 * longer period first (later endKey), then by part (whole period, early … late).
 */
export function compareDates(a: DateMention, b: DateMention): number {
  return (
    cmp(a.sortKey, b.sortKey) ||
    PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision] ||
    cmp(b.endKey ?? b.sortKey, a.endKey ?? a.sortKey) ||
    (a.part ? PART_RANK[a.part] : 0) - (b.part ? PART_RANK[b.part] : 0)
  );
}

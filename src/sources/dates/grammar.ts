/**
 * Small pieces of date grammar over tokens: where an expression may start and end, what makes a
 * number a year or an amount, and the parts of dates (day, month, year suffix, century, decade).
 */
import { glued, isCapitalised, isDot, isWordAt, lowerAt, numVal, yearAt, type Scan, type Tok } from './tokens.js';
import {
  CONTEXT_ABBR,
  CONTEXT_WORDS,
  DECADE_SUF,
  EN_CENTURY,
  EN_MONTH_ABBR,
  EN_MONTHS,
  EN_ORDINALS,
  MONTH_LINKS,
  ORD_SUFFIX,
  OTHER_CENTURY,
  OTHER_MONTH_ABBR,
  OTHER_MONTHS,
  PAGE_ABBR,
  PAGE_WORDS,
  PLURAL_YEAR_WORDS,
  RU_CENTURY,
  RU_MONTH_ABBR,
  RU_MONTHS,
  RU_OBLIQUE,
  UNIT_STEMS,
  UNIT_WORDS,
  YEAR_ABBR,
  YEAR_ORD,
  YEAR_WORDS,
} from './vocabulary.js';

/** Signs that make the following/preceding number an amount or an identifier. */
const MARKERS = new Set(['$', '€', '£', '¥', '₽', '№', '#', '§', '+', '±', '×']);
const UNIT_SIGNS = new Set(['%', '‰', '°']);
const APOSTROPHES = new Set(["'", '’']);
const RU_LOWER_RE = /^[а-я]/;

export const ROMAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
  'XVIII',
  'XIX',
  'XX',
  'XXI',
];
const ROMAN_VALUE = new Map(ROMAN.map((r, k) => [r, k + 1]));

// ---------------------------------------------------------------------------------------------
// Boundaries and context

/** The number starts a fresh expression: not glued to letters, digits, "$", "3." or "2,". */
export function leftOk(s: Scan, i: number): boolean {
  const cur = s.toks[i];
  const p = s.toks[i - 1];
  if (!cur || !p || cur.gap) return true;
  if (p.kind === 'num' || p.kind === 'word' || MARKERS.has(p.text)) return false;
  const pp = s.toks[i - 2];
  return !(pp && !p.gap && pp.kind === 'num');
}

/** The expression ends here: "1925.5", "1925-01", "1925km", "1907-ish" do not end at the year. */
export function rightOk(s: Scan, j: number): boolean {
  const n = s.toks[j];
  if (!n || n.gap) return true;
  if (n.kind === 'num' || n.kind === 'word' || MARKERS.has(n.text) || UNIT_SIGNS.has(n.text)) return false;
  const after = s.toks[j + 1];
  if (!after || after.gap) return true;
  if (after.kind === 'num') return false;
  return !(after.kind === 'word' && (n.kind === 'dash' || APOSTROPHES.has(n.text) || n.text === '/'));
}

/** "$ 1925", "p. 1925", "№ 1925": the number is an amount or a reference. */
export function markerBefore(s: Scan, i: number): boolean {
  const p = s.toks[i - 1];
  if (!p) return false;
  if (MARKERS.has(p.text) || PAGE_WORDS.has(p.lower)) return true;
  const pp = s.toks[i - 2];
  return p.text === '.' && !p.gap && pp?.kind === 'word' && PAGE_ABBR.has(pp.lower);
}

/** A word such as "в", "since", "c." right before the number marks it as a year. */
export function contextBefore(s: Scan, i: number): boolean {
  const cur = s.toks[i];
  const p = s.toks[i - 1];
  if (!cur || !p || !cur.gap) return false;
  if (p.kind === 'word') return CONTEXT_WORDS.has(p.lower);
  const pp = s.toks[i - 2];
  return p.text === '.' && !p.gap && pp?.kind === 'word' && CONTEXT_ABBR.has(pp.lower);
}

function isQuantityWord(t: Tok): boolean {
  const w = t.lower;
  if (UNIT_WORDS.has(w) || UNIT_STEMS.some((stem) => w.startsWith(stem))) return true;
  // Capitalised words after a year are names ("в 1907 Россия"); lower-case oblique plurals are counted nouns.
  return RU_LOWER_RE.test(t.text) && w.length >= 4 && RU_OBLIQUE.some((e) => w.endsWith(e));
}

/** "около 1500 человек", "in 1500 cases", "1925 %": the number counts something. */
export function quantityNext(s: Scan, j: number): boolean {
  const t = s.toks[j];
  if (!t) return false;
  return UNIT_SIGNS.has(t.text) || (t.kind === 'word' && isQuantityWord(t));
}

// ---------------------------------------------------------------------------------------------
// Small pieces of date grammar. Each returns the token index after the piece, or null.

/** Index after an optional "г." / "гг." / "года"… that follows a year (`j` itself if none). */
export function yearSuffix(s: Scan, j: number): number {
  const t = s.toks[j];
  if (t?.kind !== 'word') return j;
  if (YEAR_WORDS.has(t.lower)) return j + 1;
  if (YEAR_ABBR.has(t.lower) && s.lang !== 'ru' && isDot(s.toks[j + 1])) return j + 2;
  if (t.lower !== 'г' && t.lower !== 'гг') return j;
  if (isDot(s.toks[j + 1])) return j + 2;
  // Without its dot, "г" before a word is more likely grams ("1500 г муки").
  return isWordAt(s, j + 1) ? j : j + 1;
}

/** "-м", "-го" after a year. */
export function ordinalSuffixAt(s: Scan, j: number): number | null {
  const d = s.toks[j];
  const w = s.toks[j + 1];
  return d?.kind === 'dash' && !d.gap && glued(w) && YEAR_ORD.has(w.lower) ? j + 2 : null;
}

/** "-е", "-х" after a decade; "-м" only before a plural ("1920-м годам", not "1920-м году"). */
export function decadeSuffixAt(s: Scan, j: number): number | null {
  const d = s.toks[j];
  const w = s.toks[j + 1];
  if (d?.kind !== 'dash' || d.gap || !glued(w) || !DECADE_SUF.has(w.lower)) return null;
  if (w.lower === 'м' && !PLURAL_YEAR_WORDS.has(lowerAt(s, j + 2))) return null;
  return j + 2;
}

/** English "s" or "'s" glued to a decade. */
function enDecadeSuffixAt(s: Scan, j: number): number | null {
  const t = s.toks[j];
  if (glued(t) && t.lower === 's') return j + 1;
  const u = s.toks[j + 1];
  return glued(t) && APOSTROPHES.has(t.text) && glued(u) && u.lower === 's' ? j + 2 : null;
}

export function optComma(s: Scan, j: number): number {
  return s.toks[j]?.text === ',' ? j + 1 : j;
}

/** "de" in "20 de enero de 1925". */
export function skipMonthLink(s: Scan, j: number): number {
  return MONTH_LINKS.has(lowerAt(s, j)) ? j + 1 : j;
}

export function skipThe(s: Scan, j: number): number {
  return lowerAt(s, j) === 'the' ? j + 1 : j;
}

interface Piece {
  n: number;
  next: number;
}

/** A month name in Russian (any case form) or English (capitalised, so "may"/"march" stay verbs). */
export function monthAt(s: Scan, i: number, englishOnly = false): Piece | null {
  const t = s.toks[i];
  if (t?.kind !== 'word') return null;
  const dotted = isDot(s.toks[i + 1]);
  if (!englishOnly) {
    const ru = RU_MONTHS.get(t.lower);
    if (ru) return { n: ru, next: i + 1 };
    const abbr = RU_MONTH_ABBR.get(t.lower);
    if (abbr && dotted) return { n: abbr, next: i + 2 };
    const other = OTHER_MONTHS.get(t.lower);
    if (other) return { n: other, next: i + 1 };
    const otherAbbr = OTHER_MONTH_ABBR.get(t.lower);
    if (otherAbbr && dotted) return { n: otherAbbr, next: i + 2 };
  }
  const en = EN_MONTHS.get(t.lower);
  const abbr = EN_MONTH_ABBR.get(t.lower);
  if ((!en && !abbr) || !isCapitalised(t.text)) return null;
  return en ? { n: en, next: i + 1 } : { n: abbr ?? 0, next: dotted ? i + 2 : i + 1 };
}

/** A day number with an optional ordinal ending: "20", "20th", "20-го". */
export function dayAt(s: Scan, i: number): Piece | null {
  const d = numVal(s.toks[i], 1, 2);
  if (d === null || d < 1 || d > 31) return null;
  const t = s.toks[i + 1];
  if (glued(t) && ORD_SUFFIX.has(t.lower)) return { n: d, next: i + 2 };
  // "20. Januar 1925": the German ordinal's dot.
  if (t && isDot(t) && !t.gap) return { n: d, next: i + 2 };
  const w = s.toks[i + 2];
  if (t?.kind === 'dash' && !t.gap && glued(w) && (w.lower === 'го' || w.lower === 'е')) {
    return { n: d, next: i + 3 };
  }
  return { n: d, next: i + 1 };
}

/** Roman numerals I–XXI; Cyrillic Х and І are common look-alikes in Russian typing. */
const ROMAN_FIRST = new Set(['I', 'V', 'X', 'Х', 'І']);

export function romanValue(text: string): number | null {
  // Cheap rejection first: this runs for every word token.
  if (text.length > 5 || !ROMAN_FIRST.has(text.charAt(0))) return null;
  return ROMAN_VALUE.get(text.replaceAll('Х', 'X').replaceAll('І', 'I')) ?? null;
}

/** A century number: "XIX", "19th", "nineteenth", "twenty-first". */
function centuryNumAt(s: Scan, i: number): Piece | null {
  const t = s.toks[i];
  if (t?.kind === 'num') {
    const n = numVal(t, 1, 2);
    const suf = s.toks[i + 1];
    // "19th century", and German "19. Jahrhundert" (centuryWordAt still wants the century word).
    return n && n <= 21 && glued(suf) && (ORD_SUFFIX.has(suf.lower) || isDot(suf)) ? { n, next: i + 2 } : null;
  }
  if (t?.kind !== 'word') return null;
  // French "XIXe siècle": the ordinal's "e" is glued to the numeral.
  const r = romanValue(t.text) ?? (t.text.length > 1 && t.text.endsWith('e') ? romanValue(t.text.slice(0, -1)) : null);
  if (r) return { n: r, next: i + 1 };
  if (t.lower === 'twenty' && s.toks[i + 1]?.kind === 'dash' && lowerAt(s, i + 2) === 'first') {
    return { n: 21, next: i + 3 };
  }
  const k = EN_ORDINALS.indexOf(t.lower);
  return k >= 0 ? { n: k + 1, next: i + 1 } : null;
}

/** "век", "в.", "вв.", "century", "-century". Bare "в" is the preposition, so the dot is required. */
function centuryWordAt(s: Scan, j: number): number | null {
  const t = s.toks[j];
  const u = s.toks[j + 1];
  // "19th-century Russia": the hyphen belongs to the compound adjective.
  if (t?.kind === 'dash' && !t.gap && glued(u) && EN_CENTURY.has(u.lower)) return j + 2;
  if (t?.kind !== 'word') return null;
  if (RU_CENTURY.has(t.lower) || EN_CENTURY.has(t.lower)) return j + 1;
  if (OTHER_CENTURY.has(t.lower)) return t.lower.length > 2 ? j + 1 : isDot(u) ? j + 2 : null;
  return (t.lower === 'в' || t.lower === 'вв') && isDot(u) ? j + 2 : null;
}

interface CenturySpan {
  c1: number;
  c2: number;
  next: number;
}

/** "XIX век", "XIX–XX вв.", "the 19th century", "19th–20th centuries". */
export function centuryPhrase(s: Scan, i: number): CenturySpan | null {
  const a = centuryNumAt(s, i);
  if (!a) return null;
  let c2 = a.n;
  let j = a.next;
  if (s.toks[j]?.kind === 'dash') {
    const b = centuryNumAt(s, j + 1);
    if (b && b.n <= a.n) return null;
    if (b) [c2, j] = [b.n, b.next];
  }
  const end = centuryWordAt(s, j);
  return end === null ? null : { c1: a.n, c2, next: end };
}

/** "1920-е (годы)", "1920-х гг.", "1920s", "1920's". */
export function decadeAt(s: Scan, i: number): { y: number; next: number; hundreds: boolean } | null {
  const y = yearAt(s, i);
  if (y === null || y % 10 !== 0) return null;
  const ru = decadeSuffixAt(s, i + 1);
  if (ru !== null) return { y, next: yearSuffix(s, ru), hundreds: false };
  const en = enDecadeSuffixAt(s, i + 1);
  // English "the 1800s" names a century-long span; Russian "1800-е" stays a decade.
  return en === null ? null : { y, next: en, hundreds: y % 100 === 0 };
}

/** End year after a dash: "–1905", or "–05" glued on both sides, completed from the start year. */
export function rangeEndAt(s: Scan, j: number, y1: number): number | null {
  const d = s.toks[j];
  const t = s.toks[j + 1];
  if (d?.kind !== 'dash' || !t) return null;
  const short = !d.gap && !t.gap ? numVal(t, 2, 2) : null;
  const y2 = yearAt(s, j + 1) ?? (short === null ? null : y1 - (y1 % 100) + short);
  return y2 !== null && y2 > y1 ? y2 : null;
}

function daysIn(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

export function validDate(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

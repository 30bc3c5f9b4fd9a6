/**
 * Matchers: each recognises one family of forms starting at token i, built from the pieces in
 * grammar.ts. Every matcher looks ahead at most about a dozen tokens. They are ordered longest
 * form first, so "20 января 1925 г." wins over the bare year inside it.
 */
import {
  centuryPhrase,
  contextBefore,
  dayAt,
  decadeAt,
  decadeSuffixAt,
  leftOk,
  markerBefore,
  monthAt,
  optComma,
  ordinalSuffixAt,
  quantityNext,
  rangeEndAt,
  rightOk,
  romanValue,
  skipMonthLink,
  skipThe,
  validDate,
  yearSuffix,
} from './grammar.js';
import { isDot, isWordAt, lowerAt, numVal, yearAt, type Scan, type Tok } from './tokens.js';
import type { DatePart } from './types.js';
import {
  BC_SEQS,
  EN_MONTH_ABBR,
  EN_MONTHS,
  EN_ORDINALS,
  HALF_ORD,
  OF_PARTS,
  ONE_WORD_PARTS,
  OTHER_MONTH_ABBR,
  OTHER_MONTHS,
  RANGE_LINKS,
  RU_MONTH_ABBR,
  RU_MONTHS,
  YEAR_WORDS,
} from './vocabulary.js';

export type When =
  /** `mdy`: the source writes the month before the day ("February 23, 1904", "02/23/1904"). */
  | { kind: 'day'; y: number; m: number; d: number; mdy?: boolean }
  | { kind: 'month'; y: number; m: number }
  | { kind: 'year'; y: number }
  | { kind: 'range'; y1: number; y2: number }
  | { kind: 'decade'; y1: number; y2: number }
  | { kind: 'century'; c1: number; c2: number }
  | { kind: 'hundreds'; y: number };

export interface Hit {
  /** Token index just after the mention. */
  end: number;
  when: When;
  part?: DatePart;
  /** Recognised but not reported (BC dates): the scan still jumps past it. */
  skip?: boolean;
}

/** `forced`: a qualifier already established date context ("в начале 1925"). */
type Matcher = (s: Scan, i: number, forced: boolean) => Hit | null;

function finish(s: Scan, end: number, when: When): Hit | null {
  return rightOk(s, end) ? { end, when } : null;
}

/**
 * Shared acceptance for numbers that might be years: with a suffix or ordinal ending they are;
 * otherwise they need context and must not count something. An amount ("from 1500 to 2000
 * soldiers") is consumed as a skipped hit, so its first number is not re-read as a year.
 */
function yearLike(s: Scan, i: number, j: number, forced: boolean, when: When, signal = false): Hit | null {
  const end = yearSuffix(s, j);
  if (!rightOk(s, end)) return null;
  if (end > j || signal) return { end, when };
  if (quantityNext(s, end)) return { end, when, skip: true };
  const freeRange = when.kind === 'range' && !isWordAt(s, end);
  return forced || freeRange || contextBefore(s, i) ? { end, when } : null;
}

/** "20.01.1925", "20/01/1925", "01/20/1925", "1925-01-20". */
function numbersToDate(s: Scan, i: number): { y: number; m: number; d: number; mdy?: boolean } | null {
  if (s.toks[i]?.kind !== 'num') return null;
  const [a, sep, b, sep2, c] = [0, 1, 2, 3, 4].map((k) => s.toks[i + k]);
  if (!a || !sep || !b || !sep2 || !c || sep.text !== sep2.text) return null;
  if (a.kind !== 'num' || b.kind !== 'num' || c.kind !== 'num') return null;
  if (sep.gap || b.gap || sep2.gap || c.gap) return null;
  const [la, lb, lc] = [a.text.length, b.text.length, c.text.length];
  const [x, y, z] = [Number(a.text), Number(b.text), Number(c.text)];
  if (sep.text === '-' && la === 4 && lb === 2 && lc === 2) return { y: x, m: y, d: z };
  if ((sep.text !== '.' && sep.text !== '/') || la > 2 || lb > 2 || lc !== 4) return null;
  const [d, m] = sep.text === '.' ? [x, y] : slashOrder(x, y, s.monthFirst);
  return m === x && d !== x ? { y: z, m, d, mdy: true } : { y: z, m, d };
}

/** Day-month order of "a/b": impossible months decide; otherwise English means US order. */
function slashOrder(a: number, b: number, monthFirst: boolean): [number, number] {
  if (a > 12) return [a, b];
  if (b > 12 || monthFirst) return [b, a];
  return [a, b];
}

const numericDate: Matcher = (s, i) => {
  const date = leftOk(s, i) ? numbersToDate(s, i) : null;
  if (!date || !validDate(date.y, date.m, date.d)) return null;
  return finish(s, yearSuffix(s, i + 5), { kind: 'day', ...date });
};

/** The year that closes a full date: "… 1925 г.". */
function dateTail(s: Scan, j: number, m: number, d: number, mdy = false): Hit | null {
  const y = yearAt(s, j);
  if (y === null || !validDate(y, m, d)) return null;
  return finish(s, yearSuffix(s, j + 1), mdy ? { kind: 'day', y, m, d, mdy } : { kind: 'day', y, m, d });
}

/** "20 января 1925 г.", "20 January 1925", "the 20th of January, 1925". */
const dayMonthYear: Matcher = (s, i) => {
  const day = leftOk(s, i) ? dayAt(s, i) : null;
  if (!day) return null;
  const j = lowerAt(s, day.next) === 'of' ? day.next + 1 : skipMonthLink(s, day.next);
  const mon = monthAt(s, j);
  return mon ? dateTail(s, skipMonthLink(s, optComma(s, mon.next)), mon.n, day.n) : null;
};

/** "January 20, 1925", "Jan. 20th 1925". */
const monthDayYear: Matcher = (s, i) => {
  const mon = monthAt(s, i, true);
  const day = mon ? dayAt(s, mon.next) : null;
  return mon && day ? dateTail(s, optComma(s, day.next), mon.n, day.n, true) : null;
};

/** "мае 1925 г.", "январь 1925 года", "May 1925", "January of 1925". */
const monthYear: Matcher = (s, i) => {
  const mon = monthAt(s, i);
  if (!mon) return null;
  const j = lowerAt(s, mon.next) === 'of' ? mon.next + 1 : skipMonthLink(s, optComma(s, mon.next));
  const y = yearAt(s, j);
  return y === null ? null : finish(s, yearSuffix(s, j + 1), { kind: 'month', y, m: mon.n });
};

/** "с 1918 по 1922 г.", "from 1904 to 1905", "between 1918 and 1922": the link words are context. */
const wordRange: Matcher = (s, i) => {
  const links = isWordAt(s, i) ? RANGE_LINKS.get(lowerAt(s, i)) : undefined;
  const y1 = links ? yearAt(s, i + 1) : null;
  if (!links || y1 === null) return null;
  const j = yearSuffix(s, i + 2);
  const y2 = links.includes(lowerAt(s, j)) ? yearAt(s, j + 1) : null;
  if (y2 === null || y2 <= y1) return null;
  return yearLike(s, i, j + 2, true, { kind: 'range', y1, y2 });
};

const century: Matcher = (s, i) => {
  const c = centuryPhrase(s, i);
  return c ? finish(s, c.next, { kind: 'century', c1: c.c1, c2: c.c2 }) : null;
};

/** "20-е годы XX века": a two-digit decade needs its century to mean anything. */
const shortDecade: Matcher = (s, i) => {
  const v = numVal(s.toks[i], 2, 2);
  if (v === null || v % 10 !== 0 || !leftOk(s, i)) return null;
  const suf = decadeSuffixAt(s, i + 1);
  const c = suf === null ? null : centuryPhrase(s, yearSuffix(s, suf));
  if (!c || c.c1 !== c.c2) return null;
  const y = (c.c1 - 1) * 100 + v;
  return finish(s, c.next, { kind: 'decade', y1: y, y2: y });
};

/** "1920-е годы", "1920-х – 1930-х гг.", "the 1920s", "the 1800s" (a century span). */
const decade: Matcher = (s, i) => {
  const a = leftOk(s, i) ? decadeAt(s, i) : null;
  if (!a) return null;
  if (a.hundreds) return finish(s, a.next, { kind: 'hundreds', y: a.y });
  const b = s.toks[a.next]?.kind === 'dash' ? decadeAt(s, a.next + 1) : null;
  if (b && !b.hundreds && b.y > a.y) return finish(s, b.next, { kind: 'decade', y1: a.y, y2: b.y });
  return finish(s, a.next, { kind: 'decade', y1: a.y, y2: a.y });
};

/** "1904–1905 гг.", "1904-1905 годах", "1904–05", "1920–1930-е годы" (a decade run). */
const yearRange: Matcher = (s, i, forced) => {
  const y1 = yearAt(s, i);
  if (y1 === null || !leftOk(s, i) || markerBefore(s, i)) return null;
  // "1925 г.–1926 г.": the suffix may follow each year, but then both, or "1907 г. — 2000 …" would pair up.
  const dash = yearSuffix(s, i + 1);
  const y2 = rangeEndAt(s, dash, y1);
  if (y2 === null) return null;
  if (dash > i + 1 && (yearAt(s, dash + 1) === null || yearSuffix(s, dash + 2) === dash + 2)) return null;
  const dec = decadeSuffixAt(s, dash + 2);
  if (dec === null) return yearLike(s, i, dash + 2, forced, { kind: 'range', y1, y2 });
  const decades = y1 % 10 === 0 && y2 % 10 === 0;
  return decades ? finish(s, yearSuffix(s, dec), { kind: 'decade', y1, y2 }) : null;
};

/** "в 988 г.", "862 году": three-digit years need a suffix and, after "г.", context too ("500 г." may be grams). */
const oldYear: Matcher = (s, i, forced) => {
  const y = numVal(s.toks[i], 3, 3);
  if (y === null || y < 100 || !leftOk(s, i) || markerBefore(s, i)) return null;
  const end = yearSuffix(s, i + 1);
  const fullWord = YEAR_WORDS.has(lowerAt(s, i + 1));
  const ok = end > i + 1 && (fullWord || forced || contextBefore(s, i));
  return ok ? finish(s, end, { kind: 'year', y }) : null;
};

/** "1907 г.", "в 1928 году", "1925-м", "in 1907". */
const year: Matcher = (s, i, forced) => {
  const y = yearAt(s, i);
  if (y === null || !leftOk(s, i) || markerBefore(s, i)) return null;
  const ord = ordinalSuffixAt(s, i + 1);
  return yearLike(s, i, ord ?? i + 1, forced, { kind: 'year', y }, ord !== null);
};

// Dispatch on the first token: most tokens are ordinary words or punctuation and are
// dismissed by one kind check and one set look-up instead of ten matcher calls.
const NUM_FIRST: Matcher[] = [numericDate, dayMonthYear, century, shortDecade, decade, yearRange, year, oldYear];
const WORD_FIRST: Matcher[] = [wordRange, monthDayYear, monthYear, century];

/** Every lower-cased word that can open a mention or a qualifier. */
const OPENING_WORDS = new Set<string>([
  ...RU_MONTHS.keys(),
  ...RU_MONTH_ABBR.keys(),
  ...EN_MONTHS.keys(),
  ...EN_MONTH_ABBR.keys(),
  ...OTHER_MONTHS.keys(),
  ...OTHER_MONTH_ABBR.keys(),
  ...RANGE_LINKS.keys(),
  ...ONE_WORD_PARTS.keys(),
  ...OF_PARTS.keys(),
  ...HALF_ORD.keys(),
  ...EN_ORDINALS,
  'twenty',
]);

function canOpen(t: Tok | undefined): boolean {
  if (t?.kind === 'num') return true;
  return (
    t?.kind === 'word' && (OPENING_WORDS.has(t.lower) || romanValue(t.text) !== null || (t.text.endsWith('e') && romanValue(t.text.slice(0, -1)) !== null))
  );
}

function core(s: Scan, i: number, forced: boolean): Hit | null {
  const t = s.toks[i];
  if (!canOpen(t)) return null;
  for (const m of t?.kind === 'num' ? NUM_FIRST : WORD_FIRST) {
    const hit = m(s, i, forced);
    if (hit) return hit;
  }
  return null;
}

/** "в начале", "в первой половине", "the early", "mid-", "the end of (the)". */
function qualifierAt(s: Scan, i: number): { part: DatePart; next: number } | null {
  const t = s.toks[i];
  if (t?.kind !== 'word' || !OPENING_WORDS.has(t.lower)) return null;
  const one = ONE_WORD_PARTS.get(t.lower);
  // "mid-1920s": the hyphen only joins the qualifier to the date.
  const dash = s.toks[i + 1];
  if (one) return { part: one, next: dash?.kind === 'dash' && !dash.gap ? i + 2 : i + 1 };
  const half = HALF_ORD.get(t.lower);
  const h = lowerAt(s, i + 1);
  if (half && h.startsWith('половин')) return { part: half, next: i + 2 };
  if (half && h === 'half' && lowerAt(s, i + 2) === 'of') return { part: half, next: skipThe(s, i + 3) };
  const of = OF_PARTS.get(t.lower);
  return of && lowerAt(s, i + 1) === 'of' ? { part: of, next: skipThe(s, i + 2) } : null;
}

/** A qualifier followed by a period; "в конце 20 января" is not meaningful, so days are left alone. */
function qualified(s: Scan, i: number): Hit | null {
  const q = qualifierAt(s, i);
  const hit = q ? core(s, q.next, true) : null;
  if (!q || !hit || hit.when.kind === 'day') return null;
  return hit.skip ? hit : { ...hit, part: q.part };
}

/** Index after a BC marker that starts at j, or null. */
function bcEnd(s: Scan, j: number): number | null {
  for (const seq of BC_SEQS) {
    if (seq.every((w, k) => lowerAt(s, j + k) === w)) {
      const end = j + seq.length;
      return isDot(s.toks[end]) ? end + 1 : end;
    }
  }
  return null;
}

export function matchAt(s: Scan, i: number): Hit | null {
  const hit = qualified(s, i) ?? core(s, i, false);
  const bc = hit ? bcEnd(s, hit.end) : null;
  return hit && bc !== null ? { ...hit, end: bc, skip: true } : hit;
}

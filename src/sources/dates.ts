/**
 * Dated events in sentences (Russian and English).
 *
 * Design: the text is tokenised once into runs of digits, letters and single other characters
 * (the only regexes are single character-class runs, so there is nothing to backtrack into).
 * Then a fixed list of small matchers is tried at each token. Every matcher looks ahead at most
 * about a dozen tokens, so the whole scan is linear in the input length. Matchers are ordered
 * longest form first, so "20 января 1925 г." wins over the bare year inside it, and the scan
 * jumps past every match, so mentions never overlap.
 *
 * Conventions (documented because they are choices, not facts):
 * - Offsets are JavaScript string indices (UTF-16 code units), half-open [start, end).
 * - `lang` starting with "ru" gives Russian labels, anything else English labels. Both
 *   vocabularies are recognised whatever `lang` says, since sources quote each other.
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

export type DatePrecision = 'day' | 'month' | 'year' | 'decade' | 'century' | 'range';

/** Which part of the period a qualifier ("в начале", "the late") points at. */
export type DatePart = 'early' | 'first-half' | 'mid' | 'second-half' | 'late';

export interface DateMention {
  /** Offsets of the date expression in the given text, half-open [start, end). */
  start: number;
  end: number;
  /** The expression as written, e.g. "20 января 1925 г." */
  text: string;
  precision: DatePrecision;
  /** Sortable ISO-like key of the start of the period: "1925-01-20", "1925-05", "1925", "1920", "1801". */
  sortKey: string;
  /** For ranges, decades and centuries: the end of the period ("1905", "1929", "1900"). */
  endKey?: string;
  /**
   * Short readable label in the sentence's language: "20 января 1925", "1920s", "XIX в.". An English
   * day keeps the source's order: "February 23, 1904" as the source writes it, "23 February 1904" if so.
   */
  label: string;
  /** Set when a qualifier such as "в начале" / "the late" narrows the period. */
  part?: DatePart;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Lang = 'ru' | 'en';
type TokKind = 'num' | 'word' | 'dash' | 'punct';

interface Tok {
  kind: TokKind;
  text: string;
  /** Lower case with ё folded to е, for vocabulary look-ups. */
  lower: string;
  start: number;
  end: number;
  /** Whitespace (or the start of text) precedes this token. */
  gap: boolean;
}

interface Scan {
  text: string;
  toks: Tok[];
  lang: Lang;
  /** Read ambiguous "a/b/yyyy" month first (US English). */
  monthFirst: boolean;
}

// Sticky single-run patterns tried at a known position: no backtracking into earlier text,
// and `test` allocates no match arrays (this loop runs once per character class run).
const SPACE_RUN = /\s+/uy;
const LETTER_RUN = /[\p{L}\p{M}]+/uy;
const DASHES = new Set(['-', '‐', '‑', '‒', '–', '—', '―', '−']);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** End of the run of `re` starting at `at`, or `at` when there is none. */
function runEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : at;
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let gap = true;
  let i = 0;
  while (i < text.length) {
    const spaceEnd = runEnd(SPACE_RUN, text, i);
    if (spaceEnd > i) {
      gap = true;
      i = spaceEnd;
      continue;
    }
    const tok = tokenAt(text, i, gap);
    toks.push(tok);
    gap = false;
    i = tok.end;
  }
  return toks;
}

function tokenAt(text: string, start: number, gap: boolean): Tok {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
  let kind: TokKind = 'num';
  if (end === start) {
    end = runEnd(LETTER_RUN, text, start);
    kind = 'word';
  }
  if (end === start) {
    end = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
    kind = DASHES.has(text[start]!) ? 'dash' : 'punct';
  }
  const s = text.slice(start, end);
  return { kind, text: s, lower: kind === 'word' ? foldCase(s) : s, start, end, gap };
}

function foldCase(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}

/** The token exists and touches the previous one (no whitespace between). */
function glued(t: Tok | undefined): t is Tok {
  return t !== undefined && !t.gap;
}

function isDot(t: Tok | undefined): boolean {
  return glued(t) && t.text === '.';
}

function isWordAt(s: Scan, j: number): boolean {
  return s.toks[j]?.kind === 'word';
}

function lowerAt(s: Scan, j: number): string {
  return s.toks[j]?.lower ?? '';
}

function numVal(t: Tok | undefined, minLen: number, maxLen: number): number | null {
  if (t?.kind !== 'num' || t.text.length < minLen || t.text.length > maxLen) return null;
  return Number(t.text);
}

/** Four digits in the span we accept as years; older or later numbers are rarely years here. */
function yearAt(s: Scan, i: number): number | null {
  const y = numVal(s.toks[i], 4, 4);
  return y !== null && y >= 1000 && y <= 2100 ? y : null;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

function monthForms(): Map<string, number> {
  const map = new Map<string, number>();
  const soft: [string, number][] = [
    ['январ', 1],
    ['феврал', 2],
    ['апрел', 4],
    ['июн', 6],
    ['июл', 7],
    ['сентябр', 9],
    ['октябр', 10],
    ['ноябр', 11],
    ['декабр', 12],
  ];
  for (const [stem, m] of soft) for (const e of ['ь', 'я', 'е', 'ю', 'ем']) map.set(stem + e, m);
  for (const [stem, m] of [
    ['март', 3],
    ['август', 8],
  ] as const) {
    for (const e of ['', 'а', 'е', 'у', 'ом']) map.set(stem + e, m);
  }
  for (const f of ['май', 'мая', 'мае', 'маю', 'маем']) map.set(f, 5);
  return map;
}

const RU_MONTHS = monthForms();
/** Abbreviations count only with their dot: "дек." but not a word that merely starts so. */
const RU_MONTH_ABBR = new Map<string, number>([
  ['янв', 1],
  ['фев', 2],
  ['февр', 2],
  ['мар', 3],
  ['апр', 4],
  ['авг', 8],
  ['сен', 9],
  ['сент', 9],
  ['окт', 10],
  ['ноя', 11],
  ['нояб', 11],
  ['дек', 12],
]);
const EN_MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MONTHS = new Map(EN_MONTH_NAMES.map((name, k) => [name.toLowerCase(), k + 1]));
const EN_MONTH_ABBR = new Map<string, number>([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]);
const RU_MONTH_NOM = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const RU_MONTH_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

const YEAR_WORDS = new Set(['год', 'года', 'году', 'годом', 'годе', 'годы', 'годов', 'годам', 'годами', 'годах']);
const PLURAL_YEAR_WORDS = new Set(['годы', 'годов', 'годам', 'годами', 'годах', 'гг']);
/** "1925-й", "1925-го", "1925-м": ordinal endings that make a number a year. */
const YEAR_ORD = new Set(['й', 'го', 'му', 'м', 'ом']);
/** "1920-е", "1920-х", "1920-м годам": plural endings that make it a decade. */
const DECADE_SUF = new Set(['е', 'х', 'м', 'ми', 'ые', 'ых', 'ым', 'ыми']);
const ORD_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
const APOSTROPHES = new Set(["'", '’']);

/** Words after which a bare year reads as a date: "в 1907", "in 1907", "since 1907". */
const CONTEXT_WORDS = new Set([
  'в',
  'во',
  'с',
  'со',
  'до',
  'после',
  'к',
  'ко',
  'от',
  'около',
  'летом',
  'зимой',
  'весной',
  'осенью',
  'in',
  'of',
  'since',
  'until',
  'till',
  'by',
  'before',
  'after',
  'from',
  'during',
  'around',
  'circa',
  'ad',
  'year',
  'summer',
  'winter',
  'spring',
  'autumn',
  'through',
  'throughout',
]);
/** Abbreviations with a dot that also set the context: "c. 1907", "ок. 1907". */
const CONTEXT_ABBR = new Set(['c', 'ca', 'ок']);

/** Signs that make the following/preceding number an amount or an identifier. */
const MARKERS = new Set(['$', '€', '£', '¥', '₽', '№', '#', '§', '+', '±', '×']);
const UNIT_SIGNS = new Set(['%', '‰', '°']);
/** Page, volume and archive references: "p. 1925", "с. 1925", "ф. 1925". */
const PAGE_ABBR = new Set([
  'p',
  'pp',
  's',
  'ss',
  'no',
  'nr',
  'vol',
  'fig',
  'tab',
  'ch',
  'art',
  'sec',
  'с',
  'сс',
  'стр',
  'т',
  'рис',
  'табл',
  'гл',
  'ст',
  'п',
  'л',
  'ф',
  'оп',
  'д',
]);
const PAGE_WORDS = new Set(['page', 'pages', 'p', 'pp', 'страница', 'странице', 'страницы', 'стр']);

/** Units and counted nouns: after them the number is an amount, not a year. */
const UNIT_WORDS = new Set([
  // "г" reaches this check only without its dot and before a word: grams, not "год".
  'г',
  'км',
  'м',
  'см',
  'мм',
  'кг',
  'т',
  'ц',
  'га',
  'л',
  'шт',
  'чел',
  'руб',
  'р',
  'коп',
  'долл',
  'тыс',
  'млн',
  'млрд',
  'экз',
  'стр',
  'лет',
  'раз',
  'миль',
  'дес',
  'km',
  'm',
  'cm',
  'mm',
  'kg',
  't',
  'ft',
  'mi',
  'lb',
  'lbs',
  'oz',
  'ha',
  'men',
  'women',
  'people',
  'persons',
  'soldiers',
  'troops',
  'sailors',
  'workers',
  'peasants',
  'residents',
  'inhabitants',
  'families',
  'households',
  'cases',
  'copies',
  'pages',
  'times',
  'years',
  'months',
  'days',
  'hours',
  'dollars',
  'rubles',
  'roubles',
  'yen',
  'pounds',
  'francs',
  'marks',
  'percent',
  'miles',
  'kilometres',
  'kilometers',
  'metres',
  'meters',
  'feet',
  'yards',
  'acres',
  'hectares',
  'tons',
  'tonnes',
  'ships',
  'guns',
  'rifles',
  'horses',
  'units',
  'items',
  'words',
  'casualties',
  'prisoners',
  'aircraft',
  'planes',
  'tanks',
  'square',
  'thousand',
  'million',
  'billion',
]);
const UNIT_STEMS = [
  'солдат',
  'человек',
  'рубл',
  'доллар',
  'франк',
  'километр',
  'метр',
  'верст',
  'тысяч',
  'миллион',
  'миллиард',
  'штук',
  'тонн',
  'пуд',
  'страниц',
  'единиц',
  'процент',
  'жител',
  'рабоч',
  'крестьян',
  'экземпляр',
  'оруди',
  'пулемет',
  'самолет',
  'кораб',
  'десятин',
  'гектар',
  'килограм',
  'грамм',
  'штык',
  'сабел',
  'бойц',
  'матрос',
];
/** Oblique plural endings: Russian counted nouns ("верстах", "солдатами") carry them, verbs do not. */
const RU_OBLIQUE = ['ов', 'ев', 'ей', 'ам', 'ям', 'ами', 'ями', 'ах', 'ях'];
const RU_LOWER_RE = /^[а-я]/;

const RU_CENTURY = new Set(['век', 'века', 'веке', 'веку', 'веком', 'веков', 'векам', 'веками', 'веках']);
const EN_CENTURY = new Set(['century', 'centuries']);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI'];
const ROMAN_VALUE = new Map(ROMAN.map((r, k) => [r, k + 1]));
const EN_ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

function partForms(stem: string, endings: string[], part: DatePart): [string, DatePart][] {
  return endings.map((e) => [stem + e, part]);
}

/** One-word qualifiers: "в начале", "в середине", "в конце", "early", "mid", "late". */
const ONE_WORD_PARTS = new Map<string, DatePart>([
  ...partForms('начал', ['о', 'а', 'е', 'у', 'ом'], 'early'),
  ...partForms('середин', ['а', 'ы', 'е', 'у', 'ой'], 'mid'),
  ...partForms('кон', ['ец', 'ца', 'це', 'цу', 'цом'], 'late'),
  ['early', 'early'],
  ['mid', 'mid'],
  ['late', 'late'],
]);
/** English "the beginning of", "the end of"… */
const OF_PARTS = new Map<string, DatePart>([
  ['beginning', 'early'],
  ['start', 'early'],
  ['middle', 'mid'],
  ['end', 'late'],
]);
/** "первой половине", "the second half of". */
const HALF_ORD = new Map<string, DatePart>([
  ...partForms('перв', ['ая', 'ой', 'ую'], 'first-half'),
  ...partForms('втор', ['ая', 'ой', 'ую'], 'second-half'),
  ['first', 'first-half'],
  ['second', 'second-half'],
]);

const RANGE_LINKS = new Map<string, string[]>([
  // "от … до" is more often an amount than a period; listing it lets yearLike skip amounts whole.
  ['с', ['по', 'до']],
  ['со', ['по', 'до']],
  ['от', ['до']],
  ['между', ['и']],
  ['from', ['to', 'until', 'till', 'through', 'thru']],
  ['between', ['and']],
]);

/** Sequences after a date that mean "before Christ" (dot tokens included). */
const BC_SEQS = [['до', 'н', '.', 'э'], ['b', '.', 'c', '.', 'e'], ['b', '.', 'c'], ['bce'], ['bc']];

// ---------------------------------------------------------------------------------------------
// Boundaries and context

/** The number starts a fresh expression: not glued to letters, digits, "$", "3." or "2,". */
function leftOk(s: Scan, i: number): boolean {
  const cur = s.toks[i];
  const p = s.toks[i - 1];
  if (!cur || !p || cur.gap) return true;
  if (p.kind === 'num' || p.kind === 'word' || MARKERS.has(p.text)) return false;
  const pp = s.toks[i - 2];
  return !(pp && !p.gap && pp.kind === 'num');
}

/** The expression ends here: "1925.5", "1925-01", "1925km", "1907-ish" do not end at the year. */
function rightOk(s: Scan, j: number): boolean {
  const n = s.toks[j];
  if (!n || n.gap) return true;
  if (n.kind === 'num' || n.kind === 'word' || MARKERS.has(n.text) || UNIT_SIGNS.has(n.text)) return false;
  const after = s.toks[j + 1];
  if (!after || after.gap) return true;
  if (after.kind === 'num') return false;
  return !(after.kind === 'word' && (n.kind === 'dash' || APOSTROPHES.has(n.text) || n.text === '/'));
}

/** "$ 1925", "p. 1925", "№ 1925": the number is an amount or a reference. */
function markerBefore(s: Scan, i: number): boolean {
  const p = s.toks[i - 1];
  if (!p) return false;
  if (MARKERS.has(p.text) || PAGE_WORDS.has(p.lower)) return true;
  const pp = s.toks[i - 2];
  return p.text === '.' && !p.gap && pp?.kind === 'word' && PAGE_ABBR.has(pp.lower);
}

/** A word such as "в", "since", "c." right before the number marks it as a year. */
function contextBefore(s: Scan, i: number): boolean {
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
function quantityNext(s: Scan, j: number): boolean {
  const t = s.toks[j];
  if (!t) return false;
  return UNIT_SIGNS.has(t.text) || (t.kind === 'word' && isQuantityWord(t));
}

// ---------------------------------------------------------------------------------------------
// Small pieces of date grammar. Each returns the token index after the piece, or null.

/** Index after an optional "г." / "гг." / "года"… that follows a year (`j` itself if none). */
function yearSuffix(s: Scan, j: number): number {
  const t = s.toks[j];
  if (t?.kind !== 'word') return j;
  if (YEAR_WORDS.has(t.lower)) return j + 1;
  if (t.lower !== 'г' && t.lower !== 'гг') return j;
  if (isDot(s.toks[j + 1])) return j + 2;
  // Without its dot, "г" before a word is more likely grams ("1500 г муки").
  return isWordAt(s, j + 1) ? j : j + 1;
}

/** "-м", "-го" after a year. */
function ordinalSuffixAt(s: Scan, j: number): number | null {
  const d = s.toks[j];
  const w = s.toks[j + 1];
  return d?.kind === 'dash' && !d.gap && glued(w) && YEAR_ORD.has(w.lower) ? j + 2 : null;
}

/** "-е", "-х" after a decade; "-м" only before a plural ("1920-м годам", not "1920-м году"). */
function decadeSuffixAt(s: Scan, j: number): number | null {
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

function optComma(s: Scan, j: number): number {
  return s.toks[j]?.text === ',' ? j + 1 : j;
}

function skipThe(s: Scan, j: number): number {
  return lowerAt(s, j) === 'the' ? j + 1 : j;
}

interface Piece {
  n: number;
  next: number;
}

/** A month name in Russian (any case form) or English (capitalised, so "may"/"march" stay verbs). */
function monthAt(s: Scan, i: number, englishOnly = false): Piece | null {
  const t = s.toks[i];
  if (t?.kind !== 'word') return null;
  const dotted = isDot(s.toks[i + 1]);
  if (!englishOnly) {
    const ru = RU_MONTHS.get(t.lower);
    if (ru) return { n: ru, next: i + 1 };
    const abbr = RU_MONTH_ABBR.get(t.lower);
    if (abbr && dotted) return { n: abbr, next: i + 2 };
  }
  const en = EN_MONTHS.get(t.lower);
  const abbr = EN_MONTH_ABBR.get(t.lower);
  if ((!en && !abbr) || !isCapitalised(t.text)) return null;
  return en ? { n: en, next: i + 1 } : { n: abbr ?? 0, next: dotted ? i + 2 : i + 1 };
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** A day number with an optional ordinal ending: "20", "20th", "20-го". */
function dayAt(s: Scan, i: number): Piece | null {
  const d = numVal(s.toks[i], 1, 2);
  if (d === null || d < 1 || d > 31) return null;
  const t = s.toks[i + 1];
  if (glued(t) && ORD_SUFFIX.has(t.lower)) return { n: d, next: i + 2 };
  const w = s.toks[i + 2];
  if (t?.kind === 'dash' && !t.gap && glued(w) && (w.lower === 'го' || w.lower === 'е')) {
    return { n: d, next: i + 3 };
  }
  return { n: d, next: i + 1 };
}

/** Roman numerals I–XXI; Cyrillic Х and І are common look-alikes in Russian typing. */
const ROMAN_FIRST = new Set(['I', 'V', 'X', 'Х', 'І']);

function romanValue(text: string): number | null {
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
    return n && n <= 21 && glued(suf) && ORD_SUFFIX.has(suf.lower) ? { n, next: i + 2 } : null;
  }
  if (t?.kind !== 'word') return null;
  const r = romanValue(t.text);
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
  return (t.lower === 'в' || t.lower === 'вв') && isDot(u) ? j + 2 : null;
}

interface CenturySpan {
  c1: number;
  c2: number;
  next: number;
}

/** "XIX век", "XIX–XX вв.", "the 19th century", "19th–20th centuries". */
function centuryPhrase(s: Scan, i: number): CenturySpan | null {
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
function decadeAt(s: Scan, i: number): { y: number; next: number; hundreds: boolean } | null {
  const y = yearAt(s, i);
  if (y === null || y % 10 !== 0) return null;
  const ru = decadeSuffixAt(s, i + 1);
  if (ru !== null) return { y, next: yearSuffix(s, ru), hundreds: false };
  const en = enDecadeSuffixAt(s, i + 1);
  // English "the 1800s" names a century-long span; Russian "1800-е" stays a decade.
  return en === null ? null : { y, next: en, hundreds: y % 100 === 0 };
}

/** End year after a dash: "–1905", or "–05" glued on both sides, completed from the start year. */
function rangeEndAt(s: Scan, j: number, y1: number): number | null {
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

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

// ---------------------------------------------------------------------------------------------
// Matchers: each recognises one family of forms starting at token i.

type When =
  /** `mdy`: the source writes the month before the day ("February 23, 1904", "02/23/1904"). */
  | { kind: 'day'; y: number; m: number; d: number; mdy?: boolean }
  | { kind: 'month'; y: number; m: number }
  | { kind: 'year'; y: number }
  | { kind: 'range'; y1: number; y2: number }
  | { kind: 'decade'; y1: number; y2: number }
  | { kind: 'century'; c1: number; c2: number }
  | { kind: 'hundreds'; y: number };

interface Hit {
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
  const j = lowerAt(s, day.next) === 'of' ? day.next + 1 : day.next;
  const mon = monthAt(s, j);
  return mon ? dateTail(s, optComma(s, mon.next), mon.n, day.n) : null;
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
  const j = lowerAt(s, mon.next) === 'of' ? mon.next + 1 : optComma(s, mon.next);
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
  ...RANGE_LINKS.keys(),
  ...ONE_WORD_PARTS.keys(),
  ...OF_PARTS.keys(),
  ...HALF_ORD.keys(),
  ...EN_ORDINALS,
  'twenty',
]);

function canOpen(t: Tok | undefined): boolean {
  if (t?.kind === 'num') return true;
  return t?.kind === 'word' && (OPENING_WORDS.has(t.lower) || romanValue(t.text) !== null);
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

function matchAt(s: Scan, i: number): Hit | null {
  const hit = qualified(s, i) ?? core(s, i, false);
  const bc = hit ? bcEnd(s, hit.end) : null;
  return hit && bc !== null ? { ...hit, end: bc, skip: true } : hit;
}

// ---------------------------------------------------------------------------------------------
// Keys and labels

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function precisionOf(w: When): DatePrecision {
  return w.kind === 'hundreds' ? 'century' : w.kind;
}

function keysOf(w: When): { sortKey: string; endKey?: string } {
  switch (w.kind) {
    case 'day':
      return { sortKey: `${pad(w.y, 4)}-${pad(w.m, 2)}-${pad(w.d, 2)}` };
    case 'month':
      return { sortKey: `${pad(w.y, 4)}-${pad(w.m, 2)}` };
    case 'year':
      return { sortKey: pad(w.y, 4) };
    case 'range':
      return { sortKey: pad(w.y1, 4), endKey: pad(w.y2, 4) };
    case 'decade':
      return { sortKey: pad(w.y1, 4), endKey: pad(w.y2 + 9, 4) };
    case 'century':
      return { sortKey: pad((w.c1 - 1) * 100 + 1, 4), endKey: pad(w.c2 * 100, 4) };
    case 'hundreds':
      return { sortKey: pad(w.y, 4), endKey: pad(w.y + 99, 4) };
  }
}

function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Russian label; `gen` gives the genitive form that follows "начало", "конец"… */
function ruLabel(w: When, gen: boolean): string {
  switch (w.kind) {
    case 'day':
      return `${w.d} ${RU_MONTH_GEN[w.m - 1]} ${w.y}`;
    case 'month':
      return `${(gen ? RU_MONTH_GEN : RU_MONTH_NOM)[w.m - 1]} ${w.y}`;
    case 'year':
      return gen ? `${w.y} г.` : `${w.y}`;
    case 'range':
      return `${w.y1}–${w.y2}${gen ? ' гг.' : ''}`;
    case 'decade':
      return `${w.y1 === w.y2 ? w.y1 : `${w.y1}–${w.y2}`}-${gen ? 'х' : 'е'}`;
    case 'century':
      return w.c1 === w.c2 ? `${roman(w.c1)} в.` : `${roman(w.c1)}–${roman(w.c2)} вв.`;
    case 'hundreds':
      return `${w.y}–${w.y + 99}${gen ? ' гг.' : ''}`;
  }
}

function enLabel(w: When): string {
  switch (w.kind) {
    // In the order the source writes it: "February 23, 1904" stays so, "23 February 1904" too.
    case 'day':
      return w.mdy ? `${EN_MONTH_NAMES[w.m - 1]} ${w.d}, ${w.y}` : `${w.d} ${EN_MONTH_NAMES[w.m - 1]} ${w.y}`;
    case 'month':
      return `${EN_MONTH_NAMES[w.m - 1]} ${w.y}`;
    case 'year':
      return `${w.y}`;
    case 'range':
      return `${w.y1}–${w.y2}`;
    case 'decade':
      return w.y1 === w.y2 ? `${w.y1}s` : `${w.y1}s–${w.y2}s`;
    case 'century':
      return w.c1 === w.c2 ? `${ordinal(w.c1)} century` : `${ordinal(w.c1)}–${ordinal(w.c2)} centuries`;
    case 'hundreds':
      return `${w.y}s`;
  }
}

const RU_PART: Record<DatePart, string> = {
  early: 'начало',
  mid: 'середина',
  late: 'конец',
  'first-half': 'первая половина',
  'second-half': 'вторая половина',
};

function enPartLabel(w: When, part: DatePart): string {
  const base = enLabel(w);
  if (part === 'mid') return `mid-${base}`;
  if (part === 'early' || part === 'late') return `${part} ${base}`;
  const the = w.kind === 'century' || w.kind === 'decade' || w.kind === 'hundreds' ? 'the ' : '';
  return `${part === 'first-half' ? 'first' : 'second'} half of ${the}${base}`;
}

function labelOf(w: When, lang: Lang, part: DatePart | undefined): string {
  if (lang === 'ru') return part ? `${RU_PART[part]} ${ruLabel(w, true)}` : ruLabel(w, false);
  return part ? enPartLabel(w, part) : enLabel(w);
}

function toMention(s: Scan, i: number, hit: Hit): DateMention {
  const start = s.toks[i]?.start ?? 0;
  const end = s.toks[hit.end - 1]?.end ?? start;
  const mention: DateMention = {
    start,
    end,
    text: s.text.slice(start, end),
    precision: precisionOf(hit.when),
    ...keysOf(hit.when),
    label: labelOf(hit.when, s.lang, hit.part),
  };
  if (hit.part) mention.part = hit.part;
  return mention;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Every date expression in one sentence, in text order, non-overlapping. */
export function findDates(text: string, lang: string): DateMention[] {
  const code = lang.toLowerCase();
  const s: Scan = {
    text,
    toks: tokenize(text),
    lang: code.startsWith('ru') ? 'ru' : 'en',
    monthFirst: code.startsWith('en'),
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

/**
 * Sentence segmentation for one paragraph of source text.
 *
 * Russian and English get a hand-written scanner that is more careful than
 * ICU (Intl.Segmenter) about abbreviations, initials, dates ("1925 г."),
 * numbers, list markers, quotations, ellipses and URLs; every other language
 * is handed to Intl.Segmenter.
 *
 * How the scanner works, in one paragraph: two linear pre-passes mark
 * (a) URLs / e-mail addresses / bare domains, inside which nothing is a
 * boundary, and (b) balanced quotations and brackets of modest length, inside
 * which nothing is a boundary either, except right before the closing mark
 * ("«Конец.» Дальше…"). Then a single left-to-right pass stops at each cluster
 * of terminal punctuation (. ! ? …), looks a few characters back (which word
 * carries the dot? is it an abbreviation? a year? an initial?) and a few
 * characters forward (what does the next word look like after closing quotes,
 * opening quotes and dashes?) and decides. Every look-back/look-ahead is
 * bounded, so the whole thing is O(n) with no regex run over the paragraph.
 *
 * Abbreviations are classified rather than simply listed, because what
 * matters is what an abbreviation may be followed by:
 *  - `pre`     precedes a name or number and never ends a sentence (Mr., проф., ул., т. е.)
 *  - `numpre`  precedes a number (p. 55, No. 5); before a word it is an ordinary
 *              word (`numword`: No., Fig., рис.) or a `weak` abbreviation (vol., pp.)
 *  - `weak`    may end a sentence, but only before a typical sentence opener
 *              (Co. It closed… | Co. at noon | U.S. How… | U.S. Government; initials)
 *  - `term`    ends a sentence whenever a capitalised word follows (etc., и т. д., тыс.)
 *  - `date`    г./гг./в./вв. after a number: see `dateEndsSentence`
 *  - `time`    a.m./p.m. after a number: see `timeEndsSentence`
 */

/** A sentence as a half-open span [start, end) of the paragraph text, trimmed of surrounding whitespace. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Split one paragraph (no newlines expected, but tolerate them) into sentences. lang is a BCP-47-ish code: 'ru', 'en', 'ru-RU', 'de', ... */
export function splitSentences(text: string, lang: string): SentenceSpan[] {
  if (!hasNonSpace(text)) return [];
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'ru' || primary === 'en') return new Scanner(text).run();
  return splitWithIntl(text, lang);
}

// ---------------------------------------------------------------------------
// Character classes. Whitespace is exactly what String.prototype.trim and /\s/
// strip, so "trimmed" in the contract means what callers will check.

function isWs(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWs(text.charCodeAt(i))) return true;
  return false;
}

const LETTER = /\p{L}/u;

function isLetter(ch: string): boolean {
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9' && ch.length === 1;
}

/** Upper/lower case test for a single letter (non-letters are neither). */
function isUpper(ch: string): boolean {
  return ch !== '' && ch !== ch.toLowerCase();
}
function isLower(ch: string): boolean {
  return ch !== '' && ch !== ch.toUpperCase();
}
function isCyrillic(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x400 && c <= 0x52f;
}

const TERMINATORS = '.!?…';
/** Marks that may directly follow terminal punctuation and still belong to the sentence. */
const CLOSERS = ')]}»›”’"\'“';
/** Marks skipped when looking for the first word of the next sentence. */
const OPENERS = '([{«‹“„"\'‘¿¡';
const DASHES = '—–‒―-';
const SUPERSCRIPT_DIGITS = '¹²³⁴⁵⁶⁷⁸⁹⁰';
/** List bullets: a bullet preceded by whitespace always starts a new item. */
const BULLETS = '•◦▪▫‣⁃●○■□➢➤►';
/** Currency and number signs: the next sentence may start with them ("$100 is…"). */
const NUMBER_SIGNS = '$€£¥₽№§#';

/** Quote and bracket characters the quotation pre-pass looks at. */
const QUOTES_AND_BRACKETS = '()[]{}«»‹›„“”‘’"\'';

/**
 * Character classes as bit flags in a table indexed by UTF-16 code unit, so
 * the per-character loops test a class with one array read instead of a
 * string search.
 */
const F_TERM = 1;
const F_CLOSER = 2;
const F_OPENER = 4;
const F_DASH = 8;
const F_BULLET = 16;
const F_SIGN = 32;
const F_SUPERSCRIPT = 64;
const F_QUOTE = 128;
const CHAR_FLAGS = new Uint8Array(0x10000);
for (const [chars, flag] of [
  [TERMINATORS, F_TERM],
  [CLOSERS, F_CLOSER],
  [OPENERS, F_OPENER],
  [DASHES, F_DASH],
  [BULLETS, F_BULLET],
  [NUMBER_SIGNS, F_SIGN],
  [SUPERSCRIPT_DIGITS, F_SUPERSCRIPT],
  [QUOTES_AND_BRACKETS, F_QUOTE],
] as const) {
  for (const ch of chars) CHAR_FLAGS[ch.charCodeAt(0)] = (CHAR_FLAGS[ch.charCodeAt(0)] ?? 0) | flag;
}

/** Does code unit c (NaN past the end of a string) belong to any of the classes in `flags`? */
function hasFlag(c: number, flags: number): boolean {
  return ((CHAR_FLAGS[c] ?? 0) & flags) !== 0;
}
/** Same for a one-character string ('' past the end of a string). */
function is(ch: string, flags: number): boolean {
  return ch !== '' && hasFlag(ch.charCodeAt(0), flags);
}
/** `set.includes(ch)` that is false for '' (String#includes('') is always true). */
function oneOf(set: string, ch: string): boolean {
  return ch !== '' && set.includes(ch);
}
function isTerminator(ch: string): boolean {
  return is(ch, F_TERM);
}
function isCloser(ch: string): boolean {
  return is(ch, F_CLOSER);
}

// ---------------------------------------------------------------------------
// Word lists. Keys are lower case; dotted abbreviations are keyed without the
// final dot and without spaces ("т. е." → "т.е", "U.S." → "u.s").

type AbbrKind = 'pre' | 'numpre' | 'numword' | 'weak' | 'term' | 'date' | 'time' | 'initial' | 'none';

function table(kind: AbbrKind, words: string): Array<[string, AbbrKind]> {
  return words
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => [w, kind]);
}

const ABBREVIATIONS = new Map<string, AbbrKind>([
  // Russian: before a name, number or lowercase continuation; "им." is also
  // a pronoun, so it is weak (ends a sentence before "Они", not before "Ленина").
  ...table(
    'pre',
    'ул просп пр-т пл пер наб бул ш мкр корп стр кв проф акад доц канд ст гл табл пп тов гр г-н г-жа гн св ген ' +
      'ср см напр пгт пос дер оз сл вкл искл прим сокр изд ред сост зав зам нач ' +
      'г д с п ч т р о м ' +
      'т.е т.к т.н т.о т.ч т.з и.о',
  ),
  ...table('numword', 'рис'),
  ...table('weak', 'им ок англ нем франц лат греч рус янв фев февр мар апр авг сен сент окт ноя нояб дек'),
  ...table('term', 'тыс млн млрд трлн руб коп долл дол обл др т.д т.п у.е куб.м кв.м шт экз чел мин сек мес ч.т.д'),
  // English.
  ...table(
    'pre',
    'mr mrs ms messrs mmes mme mlle dr drs prof profs rev revd hon gen col capt cpt cmdr lt sgt maj adm gov ' +
      'sen rep reps pres supt insp mt fr brig cpl pvt atty vs viz cf e.g i.e',
  ),
  ...table('numpre', 'nos p pp vol vols figs arts ch chap secs para eq eqs refs approx ca nr n°'),
  ...table('numword', 'no fig art sec ex tab ref'),
  ...table(
    'weak',
    'co corp inc ltd llc plc jr sr bros st ave blvd rd hwy ft u.s u.k u.n e.u u.s.a u.s.s.r d.c n.y l.a a.d b.c ' +
      'b.c.e c.e ph.d m.d b.a m.a b.sc m.sc esq jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues ' +
      'thu thur thurs fri est dept univ assn govt intl natl mfg div min max hr hrs yr yrs mo mos wk wks lb lbs ' +
      'oz qt sq cu mi al seq ibid op cit eds trans misc dist',
  ),
  ...table('term', 'etc'),
]);

/** Russian single-letter/short units that end a sentence after a number ("5 т. Затем…", "в 5 ч. Потом…"). */
const RU_UNITS_AFTER_NUMBER = new Set(['с', 'м', 'ч', 'т', 'р', 'д', 'п', 'см', 'мм', 'км', 'кг', 'мин', 'сек']);
/** Year/century abbreviations (год, годы, век, века). */
const RU_DATE_ABBR = new Set(['г', 'гг', 'в', 'вв']);

/** "Yahoo! Research" — brand names whose "!" is part of the name. */
const EXCLAMATION_WORDS = new Set(['Yahoo', 'Jeopardy']);

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter((w) => w !== ''));

const RU_PREPOSITIONS = words(
  'В Во На С Со К Ко По Из От До За Для Об О Обо У При Через Между После Перед Под Над Без Про Около Вокруг ' +
    'Против Кроме Среди Вместо Вследствие Благодаря Согласно Несмотря Ввиду Накануне Начиная Спустя',
);
/**
 * Capitalised words that in practice only appear at the start of a sentence:
 * pronouns, conjunctions, discourse adverbs. "Вы" is left out (polite form,
 * capitalised mid-sentence in letters).
 */
const RU_STRONG_STARTERS = words(
  'Я Ты Он Она Оно Мы Они Это Этот Эта Эти Этого Этой Этим Этому Тот Та То Те Там Тут Здесь Затем Потом Тогда ' +
    'Однако Но А И Или Либо Да Нет Так Также Тоже Поэтому Впрочем Впоследствии Позже Позднее Ранее Теперь Сейчас ' +
    'Вскоре Всё Все Весь Вся Как Когда Где Куда Откуда Что Чтобы Кто Почему Зачем Если Хотя Пока Его Ее Её Их ' +
    'Ему Ей Им Нам Мне Меня Нас Вот Именно Итак Таким Следовательно Наконец Сначала Кстати Конечно Возможно ' +
    'Правда Действительно Однажды Ещё Еще Уже Даже Лишь Только Не Ни Сам Сама Само Сами Каждый Многие Некоторые ' +
    'Был Была Было Были Будет Есть Свой Своя Такой Такая Такие Такое Иначе Поскольку Причём Причем Зато Ведь ' +
    'Между Отсюда Далее Кроме Помимо Вместе Сегодня Вчера Завтра Летом Зимой Весной Осенью',
);
const RU_STARTERS = new Set([...RU_PREPOSITIONS, ...RU_STRONG_STARTERS]);

/** Pragmatic Segmenter's sentence starters, extended with common function words. */
const EN_STARTERS = words(
  'A About After Afterwards All Also Although Always Among An And Another Any Anyway Are As At Because Before ' +
    'Being Besides Both But By Can Could Did Do Does During Each Either Even Every Everyone Finally First For ' +
    'Furthermore Had Has Have He Her Here His How However I If In Indeed Instead Is It Its Just Later Let Many ' +
    'Maybe Meanwhile Millions More Moreover Most Much My Neither Nevertheless Next No Nobody None Nor Not ' +
    'Nothing Now Of Often On Once One Only Or Other Others Our Perhaps Please Second She Should Since So Some ' +
    'Someone Something Sometimes Soon Still Such That The Their Them Then There Therefore These They This Those ' +
    'Though Thus To Today Tomorrow Under Unfortunately Unlike Until Upon We Were Was What When Whenever Where ' +
    'Whether Which While Who Whom Whose Why With Within Without Would Yesterday Yet You Your',
);
const EN_PREPOSITIONS = words('At By Until Till Before After From Around About Since Between On In Circa');
/** Words that continue a time expression: "at 5 p.m. Monday", "10 a.m. EST". */
const TIME_FOLLOWERS = words(
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July ' +
    'August September October November December EST EDT CST CDT MST MDT PST PDT GMT UTC BST CET CEST ET PT CT MT ' +
    'Eastern Central Mountain Pacific Standard Daylight Moscow London Local',
);
/** Words before a year that make the date a complete adverbial ("в 1925 г.", "5 сентября 1905 г."). */
const RU_DATE_LEADERS = words(
  'в во с со к ко до после около от по на за перед между через накануне у из к летом зимой весной осенью ' +
    'конце начале середине концу началу середины конца начала ' +
    'января февраля марта апреля мая июня июля августа сентября октября ноября декабря ' +
    'январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь',
);

/** "1925", "2010-2012", "1920-х", "10.30", "5:30", "XIX", "XIX–XX". */
const NUMERIC_TOKEN = /^(?:\d[\d.,:]*(?:[-–—]\d+)?(?:-[а-яё]{1,3})?|[IVXLCDM]+(?:[-–—][IVXLCDM]+)?)$/;

/** Longest quotation/bracket whose inside is protected from splitting. */
const MAX_PROTECTED = 300;

// ---------------------------------------------------------------------------

interface NextInfo {
  /** Class of the first significant character of what follows. */
  cls: 'upper' | 'lower' | 'digit' | 'punct' | 'other' | 'end';
  /** The word that follows (letters only), '' if none. */
  word: string;
  /** The next word is a single letter followed by a dot: another initial. */
  initial: boolean;
}

interface PeriodClass {
  kind: AbbrKind;
  /** For date/time: start of the number token the abbreviation belongs to. */
  anchor: number;
}

class Scanner {
  private readonly text: string;
  private readonly n: number;
  /** 1 inside a URL, e-mail address or bare domain. */
  private readonly inUrl: Uint8Array;
  /** Nesting depth of protected quotations/brackets; the marks themselves are outside. */
  private readonly depth: Int32Array;
  private readonly spans: SentenceSpan[] = [];
  private sentStart = 0;
  /** End of a list marker ("1.", "a)", "• 9.") at the start of the current sentence. */
  private markerEnd = 0;
  private lastListNumber = 0;
  private lastListLetter = '';

  constructor(text: string) {
    this.text = text;
    this.n = text.length;
    this.inUrl = markUrls(text);
    this.depth = markProtectedQuotes(text);
  }

  run(): SentenceSpan[] {
    const { text, n } = this;
    this.begin(this.skipWs(0));
    let i = this.sentStart;
    while (i < n) {
      if (this.inUrl[i] === 1) {
        i++;
        continue;
      }
      const c = text.charCodeAt(i);
      if (hasFlag(c, F_TERM)) {
        i = this.terminator(i);
        continue;
      }
      if (i > this.sentStart) {
        const cutHere = c === 10 ? this.blankLineAt(i) : this.depthAt(i) === 0 && isWs(text.charCodeAt(i - 1)) && this.listItemStartsAt(i);
        if (cutHere) {
          // cut() moves sentStart to i or beyond, so the next round moves on.
          this.cut(i, i);
          continue;
        }
      }
      i++;
    }
    this.cut(n, n);
    return this.spans;
  }

  // --- sentence bookkeeping ------------------------------------------------

  /** Close the current sentence at `end` (trimmed) and start the next one at `next`. */
  private cut(end: number, next: number): void {
    let e = end;
    while (e > this.sentStart && isWs(this.text.charCodeAt(e - 1))) e--;
    if (e > this.sentStart) this.spans.push({ start: this.sentStart, end: e });
    if (next < this.n) this.begin(this.skipWs(next));
    else this.sentStart = this.n;
  }

  private begin(p: number): void {
    this.sentStart = p;
    this.markerEnd = this.readListMarker(p);
  }

  private skipWs(p: number): number {
    while (p < this.n && isWs(this.text.charCodeAt(p))) p++;
    return p;
  }

  private depthAt(p: number): number {
    return p >= this.n ? 0 : (this.depth[p] ?? 0);
  }

  /**
   * A list marker at the start of a sentence ("1.", "1)", "1.)", "a.", "iv.",
   * "• 9.", "⁃10.") — its dot is not a full stop. Remembers the number/letter
   * so that a following "2." / "b." inside the running text starts a new item.
   */
  private readListMarker(p: number): number {
    const t = this.text;
    let q = p;
    if (is(t.charAt(q), F_BULLET)) {
      q++;
      while (q < this.n && t.charAt(q) === ' ') q++;
    }
    let r = q;
    while (r < this.n && r - q < 3 && isDigit(t.charAt(r))) r++;
    let number = 0;
    let letter = '';
    if (r > q) {
      number = Number(t.slice(q, r));
    } else if (isLetter(t.charAt(q))) {
      r = q + 1;
      while (r < this.n && r - q < 4 && oneOf('ivxIVX', t.charAt(r)) && oneOf('ivxIVX', t.charAt(q))) r++;
      if (r - q === 1) letter = t.charAt(q);
    } else {
      return q;
    }
    let s = r;
    if (t.charAt(s) === '.' && t.charAt(s + 1) === ')') s += 2;
    else if (t.charAt(s) === '.' || t.charAt(s) === ')') s += 1;
    else return q;
    if (s < this.n && !isWs(t.charCodeAt(s))) return q;
    if (number > 0) this.lastListNumber = number;
    if (letter !== '' && isLower(letter)) this.lastListLetter = letter;
    return s;
  }

  /**
   * A new list item inside running text: a bullet, or the next number/letter
   * in sequence followed by "." / ")" and a capitalised word
   * ("1) The first item 2) The second item"). Requiring the sequence keeps
   * "He scored 2. The crowd…" and "купить 1)рыбу 2)соль" intact.
   */
  private listItemStartsAt(i: number): boolean {
    const t = this.text;
    const ch = t.charAt(i);
    if (is(ch, F_BULLET)) {
      const after = t.charAt(i + 1);
      return after === '' || isWs(after.charCodeAt(0)) || isDigit(after);
    }
    let r = i;
    let expected = false;
    if (isDigit(ch)) {
      while (r < this.n && r - i < 3 && isDigit(t.charAt(r))) r++;
      if (isDigit(t.charAt(r))) return false;
      expected = this.lastListNumber > 0 && Number(t.slice(i, r)) === this.lastListNumber + 1;
    } else if (this.lastListLetter !== '' && isLower(ch) && (t.charAt(i + 1) === '.' || t.charAt(i + 1) === ')')) {
      r = i + 1;
      expected = ch.charCodeAt(0) === this.lastListLetter.charCodeAt(0) + 1;
    } else {
      return false;
    }
    if (!expected) return false;
    let s = r;
    if (t.charAt(s) === '.' && t.charAt(s + 1) === ')') s += 2;
    else if (t.charAt(s) === '.' || t.charAt(s) === ')') s += 1;
    else return false;
    if (!isWs(t.charCodeAt(s))) return false;
    return this.inspectNext(s).cls === 'upper';
  }

  /** A blank line (newline, optional spaces, newline) is always a boundary. */
  private blankLineAt(i: number): boolean {
    let p = i + 1;
    while (p < this.n && (this.text.charAt(p) === ' ' || this.text.charAt(p) === '\t' || this.text.charAt(p) === '\r')) p++;
    return this.text.charAt(p) === '\n';
  }

  /** Is there anything but punctuation between the sentence start (after its list marker) and p? */
  private hasContentBefore(p: number): boolean {
    const from = Math.max(this.sentStart, this.markerEnd);
    if (p - from > 8) return true;
    for (let k = from; k < p; k++) {
      const ch = this.text.charAt(k);
      if (isLetter(ch) || isDigit(ch)) return true;
    }
    return false;
  }

  // --- terminal punctuation ------------------------------------------------

  /** Handle the punctuation cluster starting at i; returns where to continue scanning. */
  private terminator(i: number): number {
    const t = this.text;
    let j = i;
    while (j < this.n && isTerminator(t.charAt(j)) && this.inUrl[j] !== 1) j++;
    const cluster = t.slice(i, j);

    if (i < this.markerEnd) return Math.max(j, this.markerEnd);
    if (!this.hasContentBefore(i)) return this.skipSpacedDots(j);
    // "[...]", "(…)", "(!)", "(?)": an omission mark or an aside, not an ending.
    if (oneOf('[(', t.charAt(i - 1)) && oneOf(')]', t.charAt(j))) return j + 1;

    if (cluster === '.') {
      const spaced = this.spacedEllipsis(i);
      if (spaced !== null) return spaced;
      return this.decide(i, j, 'period', false);
    }
    const kind = cluster.includes('!') || cluster.includes('?') ? 'strong' : 'ellipsis';
    return this.decide(i, j, kind, false);
  }

  /** After a leading ". . ." skip the rest of the spaced dots. */
  private skipSpacedDots(j: number): number {
    let p = j;
    while (this.text.charAt(p) === ' ' && this.text.charAt(p + 1) === '.') p += 2;
    return p;
  }

  /**
   * Spaced ellipses (". . ."), which pySBD-style test suites treat as follows:
   *  - "word . . . lowercase" / "… is . . . I didn't" — no boundary;
   *  - "period . . . . Next" — the fourth dot is a full stop: boundary after it;
   *  - "compounds. . . . The practice" — the attached dot is the full stop and
   *    the spaced ellipsis opens the next sentence;
   *  - "complex. . . .”" — all of it ends the sentence together with the quote.
   * Returns null when the dot at i does not start a spaced ellipsis.
   */
  private spacedEllipsis(i: number): number | null {
    const t = this.text;
    const end = this.skipSpacedDots(i + 1);
    const dots = 1 + (end - i - 1) / 2;
    if (dots < 3) return null;
    const attached = i > 0 && !isWs(t.charCodeAt(i - 1));
    if (attached && dots >= 4 && !isCloser(t.charAt(end))) {
      if (this.depthAt(end) === 0 && this.inspectNext(end).cls === 'upper') this.cut(i + 1, i + 1);
      return end;
    }
    // Three spaced dots after a space: an ellipsis inside the sentence; the
    // pronoun "I" after it is no evidence of a new sentence.
    return this.decide(i, end, 'ellipsis', !attached && dots === 3);
  }

  /**
   * Decide whether the sentence ends after the punctuation [i, j) plus any
   * closing quotes/brackets. Returns where scanning continues.
   */
  private decide(i: number, j: number, kind: 'period' | 'strong' | 'ellipsis', spaced: boolean): number {
    const t = this.text;
    const k = this.skipClosers(j);
    if (k >= this.n) return this.n;
    // Inside a protected quotation or bracket that does not close right here.
    if (this.depthAt(k) > 0) return k;
    if (!isWs(t.charCodeAt(k))) {
      if (k === j && kind !== 'ellipsis' && this.missingSpaceBoundary(i, j)) this.cut(j, j);
      return k;
    }
    const next = this.inspectNext(k);
    let boundary: boolean;
    switch (kind) {
      case 'strong':
        boundary = next.cls !== 'lower' && next.cls !== 'punct' && !(t.charAt(i) === '!' && EXCLAMATION_WORDS.has(this.wordBefore(i)));
        break;
      case 'ellipsis':
        boundary = next.cls === 'upper' && !(spaced && next.word === 'I');
        break;
      case 'period':
        boundary = this.periodEndsSentence(i, next);
        break;
    }
    if (boundary) this.cut(k, k);
    return k;
  }

  /**
   * Closing quotes/brackets and footnote references that follow terminal
   * punctuation and still belong to the sentence: `».`, `.")`, `martyr.[1]`,
   * `войска.¹`.
   */
  private skipClosers(j: number): number {
    const t = this.text;
    let k = j;
    while (k < this.n) {
      const ch = t.charAt(k);
      if (is(ch, F_CLOSER | F_SUPERSCRIPT)) {
        k++;
        continue;
      }
      if (ch !== '[') break;
      let r = k + 1;
      while (r < this.n && r - k <= 3 && (isDigit(t.charAt(r)) || isLetter(t.charAt(r)))) r++;
      if (r === k + 1 || t.charAt(r) !== ']') break;
      k = r + 1;
    }
    return k;
  }

  /**
   * "первое предложение.Второе" — a full stop with the space missing. Only
   * between a lowercase word (or a number that is not a list marker) and a
   * capitalised word, so "U.S.A", "т.е.", "Л.Н.Толстой", "ул.Ленина", "3.14"
   * and domains (already protected) stay intact.
   */
  private missingSpaceBoundary(i: number, j: number): boolean {
    const t = this.text;
    if (this.depthAt(j) > 0 || !isUpper(t.charAt(j)) || !isLower(t.charAt(j + 1))) return false;
    const before = t.charAt(i - 1);
    if (t.charAt(i) !== '.') {
      return (isLetter(before) || isDigit(before)) && !EXCLAMATION_WORDS.has(this.wordBefore(i));
    }
    if (isDigit(before)) {
      let s = i - 1;
      while (s > this.sentStart && !isWs(t.charCodeAt(s - 1))) s--;
      return s > Math.max(this.sentStart, this.markerEnd);
    }
    if (!isLower(before)) return false;
    const word = this.wordBefore(i);
    if (word.length < 2) return false;
    const kind = this.classifyPeriod(i).kind;
    return kind === 'none' || kind === 'term';
  }

  // --- what precedes a full stop ---------------------------------------------

  /** Letters (with inner hyphens and "°") directly before position p. */
  private wordStart(p: number): number {
    const t = this.text;
    let s = p;
    while (s > 0 && p - s < 30) {
      const ch = t.charAt(s - 1);
      if (isLetter(ch) || ch === '°') s--;
      else if (ch === '-' && s < p && isLetter(t.charAt(s - 2))) s--;
      else break;
    }
    return s;
  }

  private wordBefore(p: number): string {
    return this.text.slice(this.wordStart(p), p);
  }

  /**
   * Classify the word carrying the dot at `dot`. Dotted chains are gathered
   * first ("т. е.", "U.S.A.", "a.m.", "J. R. R.") so that the whole
   * abbreviation is looked up, then the last word alone.
   */
  private classifyPeriod(dot: number): PeriodClass {
    const t = this.text;
    const none: PeriodClass = { kind: 'none', anchor: -1 };
    if (dot > 0 && this.inUrl[dot - 1] === 1) return none;
    const ws = this.wordStart(dot);
    if (ws === dot) return none;
    const parts = [t.slice(ws, dot)];
    let chainStart = ws;
    while (parts.length < 5) {
      let q: number;
      if (t.charAt(chainStart - 1) === '.') q = chainStart - 1;
      else if (t.charAt(chainStart - 1) === ' ' && t.charAt(chainStart - 2) === '.') q = chainStart - 2;
      else break;
      const s = this.wordStart(q);
      if (s === q || q - s > 4) break;
      parts.unshift(t.slice(s, q));
      chainStart = s;
    }
    const last = parts[parts.length - 1] ?? '';
    if (parts.length > 1) {
      const key = parts.join('.').toLowerCase();
      const kind = ABBREVIATIONS.get(key);
      if (key === 'a.m' || key === 'p.m') {
        const num = this.numberBefore(chainStart);
        return num >= 0 ? { kind: 'time', anchor: num } : { kind: 'weak', anchor: -1 };
      }
      if (key === 'н.э') return { kind: 'date', anchor: chainStart };
      if (kind !== undefined) return { kind, anchor: -1 };
      if (parts.every((p) => p.length === 1)) {
        return { kind: parts.every((p) => isUpper(p)) ? 'initial' : 'weak', anchor: -1 };
      }
    }
    return this.classifyWord(last, ws);
  }

  private classifyWord(word: string, ws: number): PeriodClass {
    const key = word.toLowerCase();
    if (RU_DATE_ABBR.has(key) && word === key) {
      const num = this.numberBefore(ws);
      if (num >= 0) return { kind: 'date', anchor: num };
      return { kind: key.length === 1 ? 'pre' : 'term', anchor: -1 };
    }
    if (RU_UNITS_AFTER_NUMBER.has(key) && word === key && this.numberBefore(ws) >= 0) return { kind: 'term', anchor: -1 };
    // "и пр." = "and so on"; "пр. Мира" = avenue.
    if (key === 'пр') return { kind: this.previousToken(ws) === 'и' ? 'term' : 'pre', anchor: -1 };
    if (word.length === 1) {
      if (isUpper(word)) return { kind: 'initial', anchor: -1 };
      const kind = ABBREVIATIONS.get(key);
      if (kind !== undefined) return { kind, anchor: -1 };
      return { kind: 'weak', anchor: -1 };
    }
    return { kind: ABBREVIATIONS.get(key) ?? 'none', anchor: -1 };
  }

  /** Start of a number token right before the word at ws ("1925 г", "1925г", "XIX в"), or -1. */
  private numberBefore(ws: number): number {
    const t = this.text;
    if (isDigit(t.charAt(ws - 1))) {
      let s = ws - 1;
      while (s > 0 && ws - s < 20 && !isWs(t.charCodeAt(s - 1))) s--;
      return NUMERIC_TOKEN.test(t.slice(s, ws)) ? s : -1;
    }
    const [s, e] = this.tokenBefore(ws);
    return s >= 0 && NUMERIC_TOKEN.test(t.slice(s, e)) ? s : -1;
  }

  /** The whitespace-delimited token ending before p (one run of whitespace skipped). */
  private tokenBefore(p: number): [number, number] {
    const t = this.text;
    let e = p;
    while (e > 0 && p - e < 4 && isWs(t.charCodeAt(e - 1))) e--;
    if (e === p || e === 0 || isWs(t.charCodeAt(e - 1))) return [-1, -1];
    let s = e;
    while (s > 0 && e - s < 24 && !isWs(t.charCodeAt(s - 1))) s--;
    return [s, e];
  }

  private previousToken(p: number): string {
    const [s, e] = this.tokenBefore(p);
    return s < 0 ? '' : this.text.slice(s, e);
  }

  // --- deciding a full stop ----------------------------------------------------

  private periodEndsSentence(dot: number, next: NextInfo): boolean {
    if (next.cls === 'lower' || next.cls === 'punct') return false;
    const { kind, anchor } = this.classifyPeriod(dot);
    if (next.cls === 'digit') {
      if (kind === 'none') return true;
      return false;
    }
    if (next.cls === 'other') return kind === 'none' || kind === 'term';
    // A capitalised word follows.
    switch (kind) {
      case 'none':
      case 'term':
      case 'numword': // "He answered No. Then…": without a number it is just a word
        return true;
      case 'pre':
        return false;
      case 'numpre': // "vol. The…": without a number it is a weak abbreviation
      case 'weak':
      case 'initial':
        return !next.initial && isStarter(next.word);
      case 'date':
        return this.dateEndsSentence(anchor, next);
      case 'time':
        return this.timeEndsSentence(anchor, next);
    }
  }

  /**
   * "<year> г." / "<century> в." followed by a capitalised word. In order:
   *  1. a pronoun/conjunction/adverb that only starts sentences ("… в 1925 г.
   *     Затем Япония …") — boundary;
   *  2. the sentence so far is only a date adverbial opening the sentence
   *     ("К 15 мая 1925 г. Япония обязалась…", "В 2010-2012 гг. Виктор…") —
   *     no boundary: the capitalised word is the subject;
   *  3. the date is a complete adverbial inside a clause, introduced by a
   *     preposition or a day+month ("Это случилось в 1925 г. Япония…",
   *     "…5 сентября 1905 г. Портсмутский…") — boundary;
   *  4. otherwise the year is an attribute of the preceding noun or a caption
   *     ("конвенции 1907 г. Японией", "Дом, где родился Л.Н.Толстой, 1898 г.
   *     В 1854 году…") — no boundary.
   */
  private dateEndsSentence(anchor: number, next: NextInfo): boolean {
    if (next.initial) return false;
    if (RU_STRONG_STARTERS.has(next.word) || (!isCyrillic(next.word) && EN_STARTERS.has(next.word))) return true;
    if (this.isOpeningAdverbial(anchor, RU_PREPOSITIONS)) return false;
    return RU_DATE_LEADERS.has(this.previousToken(anchor).toLowerCase());
  }

  /**
   * "<time> a.m./p.m." followed by a capitalised word: no boundary when the
   * time continues ("5 p.m. Monday", "10 a.m. EST") or the sentence so far is
   * only the time adverbial ("At 5 a.m. Mr. Smith went…"); otherwise the time
   * closes the sentence ("He left the bank at 6 P.M. Mr. Smith then went…").
   */
  private timeEndsSentence(anchor: number, next: NextInfo): boolean {
    if (TIME_FOLLOWERS.has(next.word) || next.initial) return false;
    return !this.isOpeningAdverbial(anchor, EN_PREPOSITIONS);
  }

  /**
   * Is the sentence text before `anchor` (the number of a date/time) nothing
   * but an opening prepositional phrase: a capitalised preposition and up to
   * four lowercase words/numbers, no punctuation ("К 15 мая", "At", "В")?
   * An empty prefix ("1925 г. Япония…") counts as well.
   */
  private isOpeningAdverbial(anchor: number, prepositions: Set<string>): boolean {
    const from = this.skipWs(Math.max(this.sentStart, this.markerEnd));
    if (anchor - from > 60) return false;
    if (anchor <= from) return true;
    const tokens = this.text
      .slice(from, anchor)
      .split(/\s+/)
      .filter((tok) => tok !== '');
    if (tokens.length > 5) return false;
    const first = stripOpeners(tokens[0] ?? '');
    if (!prepositions.has(first)) return false;
    return tokens.slice(1).every((tok) => !/[,;:!?]/.test(tok) && !isUpper(tok.charAt(0)));
  }

  // --- what follows ----------------------------------------------------------

  /** Skip whitespace, opening quotes/brackets and dashes, and describe what starts there. */
  private inspectNext(p: number): NextInfo {
    const t = this.text;
    let q = p;
    const limit = Math.min(this.n, p + 16);
    while (q < limit) {
      const ch = t.charAt(q);
      if (isWs(t.charCodeAt(q)) || is(ch, F_OPENER | F_DASH)) q++;
      else break;
    }
    const ch = t.charAt(q);
    if (q >= this.n) return { cls: 'end', word: '', initial: false };
    if (isLetter(ch)) {
      let e = q + 1;
      while (e < this.n && e - q < 40 && isLetter(t.charAt(e))) e++;
      const word = t.slice(q, e);
      const cls = isUpper(ch) ? 'upper' : isLower(ch) ? 'lower' : 'other';
      return { cls, word, initial: word.length === 1 && t.charAt(e) === '.' };
    }
    if (isDigit(ch) || is(ch, F_SIGN)) return { cls: 'digit', word: '', initial: false };
    if (isTerminator(ch)) return { cls: 'punct', word: '', initial: false };
    return { cls: 'other', word: '', initial: false };
  }
}

function isStarter(word: string): boolean {
  if (word === '') return false;
  return isCyrillic(word) ? RU_STARTERS.has(word) : EN_STARTERS.has(word);
}

function stripOpeners(token: string): string {
  let s = 0;
  while (s < token.length && is(token.charAt(s), F_OPENER)) s++;
  return token.slice(s);
}

// ---------------------------------------------------------------------------
// Pre-pass 1: URLs, e-mail addresses and bare domains. Works token by token
// (whitespace-delimited), so each regex only ever sees one bounded token.

const URL_TOKEN = /^(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)\S+$/i;
const EMAIL_TOKEN = /^[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const DOMAIN_TOKEN =
  /^(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|mil|int|io|ai|dev|app|info|biz|ru|su|рф|uk|us|de|fr|it|es|nl|eu|jp|cn|ua|by|kz|ca|au|ch|se|fi|pl|cz|tv|co)(?:[/:?#]\S*)?$/i;
const TRAILING_PUNCT = '.,;:!?»"\')]}>…”’';
const LEADING_PUNCT = '«"\'([{<“„‘';
const MAX_URL_TOKEN = 2048;

function markUrls(text: string): Uint8Array {
  const marks = new Uint8Array(text.length);
  const n = text.length;
  let p = 0;
  while (p < n) {
    while (p < n && isWs(text.charCodeAt(p))) p++;
    const s = p;
    let dot = false;
    for (let c = text.charCodeAt(p); p < n && !isWs(c); c = text.charCodeAt(++p)) if (c === 46) dot = true;
    // Every URL, address and domain has a dot; most words do not.
    if (!dot || p - s < 4 || p - s > MAX_URL_TOKEN) continue;
    let a = s;
    let b = p;
    while (a < b && oneOf(LEADING_PUNCT, text.charAt(a))) a++;
    while (b > a && oneOf(TRAILING_PUNCT, text.charAt(b - 1))) b--;
    const token = text.slice(a, b);
    if (URL_TOKEN.test(token) || (token.includes('@') && EMAIL_TOKEN.test(token)) || DOMAIN_TOKEN.test(token)) {
      marks.fill(1, a, b);
    }
  }
  return marks;
}

// ---------------------------------------------------------------------------
// Pre-pass 2: balanced quotations and brackets. Punctuation strictly inside a
// matched pair no longer than MAX_PROTECTED is not a sentence boundary
// (pySBD/Russian convention: «К чему ты готовишься? – спросила мама. –
// Завтра ведь выходной». is one sentence). Unmatched marks are ignored, so a
// stray ")" after a list number or an apostrophe does no harm.

interface OpenMark {
  ch: string;
  pos: number;
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '»': '«', '›': '‹' };
const STACK_SEARCH = 8;

function markProtectedQuotes(text: string): Int32Array {
  const n = text.length;
  const diff = new Int32Array(n + 1);
  const stack: OpenMark[] = [];

  /** Close the nearest open mark among `openers`; true if one was found. */
  const close = (openers: string, pos: number): boolean => {
    for (let k = stack.length - 1; k >= 0 && stack.length - k <= STACK_SEARCH; k--) {
      const open = stack[k];
      if (open !== undefined && openers.includes(open.ch)) {
        stack.length = k;
        if (pos - open.pos <= MAX_PROTECTED && pos - open.pos > 1) {
          diff[open.pos + 1] = (diff[open.pos + 1] ?? 0) + 1;
          diff[pos] = (diff[pos] ?? 0) - 1;
        }
        return true;
      }
    }
    return false;
  };
  const isOpen = (ch: string): boolean => {
    for (let k = stack.length - 1; k >= 0 && stack.length - k <= STACK_SEARCH; k--) {
      if (stack[k]?.ch === ch) return true;
    }
    return false;
  };

  for (let i = 0; i < n; i++) {
    if (!hasFlag(text.charCodeAt(i), F_QUOTE)) continue;
    const ch = text.charAt(i);
    switch (ch) {
      case '(':
      case '[':
      case '{':
      case '«':
      case '‹':
      case '„':
      case '‘':
        stack.push({ ch, pos: i });
        break;
      case ')':
      case ']':
      case '}':
      case '»':
      case '›':
        close(PAIRS[ch] ?? '', i);
        break;
      case '“':
        // Closes a Russian/German „…“, otherwise opens an English “…”.
        if (!close('„', i)) stack.push({ ch, pos: i });
        break;
      case '”':
        close('“„', i);
        break;
      case '"':
      case "'":
      case '’': {
        const prev = text.charAt(i - 1);
        const next = text.charAt(i + 1);
        const prevSpace = i === 0 || isWs(text.charCodeAt(i - 1)) || is(prev, F_OPENER | F_DASH);
        const nextSpace = next === '' || isWs(next.charCodeAt(0));
        // An apostrophe inside a word ("Let's", "one’s", "Jr.'s") is no quote.
        if (ch !== '"' && !prevSpace && (isLetter(next) || isDigit(next))) break;
        const opener = ch === '’' ? '‘' : ch;
        if (!prevSpace && isOpen(opener)) close(opener, i);
        else if (prevSpace && !nextSpace) stack.push({ ch: opener, pos: i });
        else if (ch === '"' && !nextSpace && !isOpen('"')) stack.push({ ch, pos: i });
        break;
      }
      default:
        break;
    }
    if (stack.length > 256) stack.splice(0, stack.length - 64);
  }

  const depth = new Int32Array(n + 1);
  let d = 0;
  for (let i = 0; i <= n; i++) {
    d += diff[i] ?? 0;
    depth[i] = d;
  }
  return depth;
}

// ---------------------------------------------------------------------------
// Other languages: ICU via Intl.Segmenter, trimmed to the same contract.

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string): Intl.Segmenter {
  let seg = segmenters.get(lang);
  if (seg === undefined) {
    try {
      seg = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      // Malformed language tag: fall back to the root locale.
      seg = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    segmenters.set(lang, seg);
  }
  return seg;
}

/**
 * V8's Intl.Segmenter gets super-linear on long strings (about 3 s for a
 * 150 KB paragraph), so the text is segmented in windows: every segment of a
 * window but the last is kept, and the next window starts where that last
 * (possibly truncated) segment starts — a boundary ICU itself chose, so the
 * result matches segmenting the whole text. A window holding a single segment
 * is doubled until it holds two or reaches the end of the text.
 */
const INTL_WINDOW = 2048;

function splitWithIntl(text: string, lang: string): SentenceSpan[] {
  const segmenter = segmenterFor(lang);
  const spans: SentenceSpan[] = [];
  const push = (s: number, e: number): void => {
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  let pos = 0;
  let size = INTL_WINDOW;
  while (pos < text.length) {
    const end = Math.min(text.length, pos + size);
    const bounds: number[] = [];
    for (const { index } of segmenter.segment(text.slice(pos, end))) bounds.push(pos + index);
    if (end === text.length || bounds.length > 1) {
      const keep = end === text.length ? bounds.length : bounds.length - 1;
      for (let k = 0; k < keep; k++) push(bounds[k] ?? pos, k + 1 < bounds.length ? (bounds[k + 1] ?? end) : end);
      if (end === text.length) break;
      pos = bounds[keep] ?? end;
      size = INTL_WINDOW;
    } else {
      size *= 2;
    }
  }
  return spans;
}

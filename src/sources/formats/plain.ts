/**
 * Plain text (.txt) to blocks, giving back the paragraphs and headings a text
 * lost on its way to the lecturer (issue 16) — only where the evidence is clear.
 *
 * As written (`structure: off`, and whatever `auto` finds no evidence about):
 * paragraphs are separated by blank lines if the file has any, else every line
 * is a paragraph. `auto` recovers, and says in `inferred` what it did:
 *
 * - Hard wrapping: most lines end within a narrow band below a width W (the
 *   97th percentile of line lengths, 30–200), the next word would not have fit
 *   on them, most of them do not end a sentence, the line after such a line
 *   mostly begins in lower case, and almost no line is broken early without
 *   ending a sentence (these rule out verse, lists, addresses).
 *   Wrapped lines are rejoined; a paragraph ends at a blank line, before an
 *   indented line, and after a line broken early (the next word would have fit)
 *   that ends a sentence.
 * - Hyphenated line ends ("com-" + "pile"): joined when the joined word occurs
 *   elsewhere in the text, or when nothing says the hyphen is the word's own;
 *   kept when the continuation is capitalised, a part is one letter, the
 *   hyphenated compound (or another compound on the same first part, or a
 *   Russian particle: -то, -либо, кое-…) occurs elsewhere. Soft hyphens always go.
 * - Headings: short lines without final punctuation (a period after a number
 *   is allowed), between paragraph ends, that are numbered ("Chapter 3",
 *   "Глава 2", "II.", "§ 4", "Part One"), in ALL CAPS, or — in a wrapped
 *   English text — in Title Case. A bare "CHAPTER I" followed by its title is
 *   one heading. Outside wrapped text only numbered and ALL CAPS lines count,
 *   each a paragraph of its own. Level 1 for the highest kind found (parts over
 *   chapters over capitals over numbers over titles), level 2 for the others.
 * - Headings run into the text: a paragraph that starts with a numbered
 *   chapter or part ("Глава 2 Первая фраза…", "CHAPTER II. THE TITLE It
 *   was…"), a section or Roman numeral with a title in capitals ("§ 3.
 *   ДЕКРЕТЫ Декрет…"; "§ 4. Стороны…" is left alone), or two or more words in
 *   capitals, followed by a capitalised word.
 * - One long line (2500 characters or more): cut where paragraph markers are
 *   visible — two spaces after a sentence where single spaces are the rule,
 *   sections numbered 1., 2., 3. in order after sentence ends, headings after
 *   sentence ends.
 *
 * When nothing is found, the result is exactly the text as written. Every
 * scan is linear: no regular expression here can backtrack over a long run.
 */
import type { TextBlock } from './types.js';

export interface PlainOptions {
  /** The text's language ("ru", "en"): which heading words and particles count. */
  lang: string;
  /** auto: recover structure where the evidence is clear; off: the text as written. */
  structure: 'auto' | 'off';
}

export interface PlainResult {
  blocks: TextBlock[];
  /** What was inferred, in sentences a lecturer understands (empty when the text was read as written). */
  inferred: string[];
}

/** A text of plain paragraphs and, where the evidence is clear, the structure it lost. */
export function plainBlocks(body: string, options: PlainOptions): PlainResult {
  const blankSeparated = /\n[ \t]*\n/.test(body.trim());
  if (options.structure === 'off') return { blocks: asWritten(body, blankSeparated), inferred: [] };
  const lines = body.split('\n');
  const found = new Inference(lines, blankSeparated, options.lang).run();
  if (!found || found.inferred.length === 0) return { blocks: asWritten(body, blankSeparated, lines), inferred: [] };
  return found;
}

/** The text as written: paragraphs separated by blank lines if there is any, else by single newlines (as src/sources/source.ts always did). */
function asWritten(body: string, blankSeparated: boolean, lines?: string[]): TextBlock[] {
  const parts = blankSeparated ? body.split(/\n[ \t]*\n/) : (lines ?? body.split('\n'));
  const blocks: TextBlock[] = [];
  for (const part of parts) {
    const text = normalize(part);
    if (text.length > 0) blocks.push({ kind: 'body', text });
  }
  return blocks;
}

/**
 * Newlines to spaces, runs of whitespace to one space: the same as
 * `.replace(/\n/g, ' ').replace(/\s+/g, ' ')`, but matching only where
 * something changes (a text of single spaces would otherwise be rebuilt
 * from millions of pieces). Linear.
 */
function normalize(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Lines and characters

interface Line {
  /** 1-based line number in the body. */
  no: number;
  /** Leading whitespace, in columns (a tab counts 4). */
  indent: number;
  /** Columns up to the last non-space character (indentation included). */
  len: number;
  /** The line without leading and trailing whitespace. */
  text: string;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '*']);
const OPENERS = new Set(['"', "'", '“', '‘', '«', '„', '(', '[', '—', '–', '-', '¡', '¿']);
const SENTENCE_END = new Set(['.', '!', '?', '…']);

const isUpper = (c: string | undefined) => c !== undefined && UPPER.test(c);
const isLower = (c: string | undefined) => c !== undefined && LOWER.test(c);
const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u00A0' || c === '\f' || c === '\v';

/** What `\s` matches, by code (faster than a regular expression per character on a million lines). */
function isWhite(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function toLine(raw: string, no: number): Line {
  let i = 0;
  let indent = 0;
  while (i < raw.length && isSpace(raw[i])) indent += raw[i++] === '\t' ? 4 : 1;
  let end = raw.length;
  while (end > i && isWhite(raw.charCodeAt(end - 1))) end--;
  const text = i === 0 && end === raw.length ? raw : raw.slice(i, end);
  return { no, indent, len: indent + text.length, text };
}

/** The last character of a text that is not a closing quote or bracket. */
function lastMeaningful(text: string): string | undefined {
  let i = text.length - 1;
  while (i >= 0 && CLOSERS.has(text[i]!)) i--;
  return i >= 0 ? text[i] : undefined;
}

/** The line ends a sentence (or introduces what follows, with a colon). */
function endsSentence(text: string): boolean {
  const c = lastMeaningful(text);
  return c !== undefined && (SENTENCE_END.has(c) || c === ':');
}

/** The line begins the way a paragraph can: a capital, a digit, an opening quote or dash. */
function startsParagraph(text: string): boolean {
  let i = 0;
  while (i < text.length && OPENERS.has(text[i]!)) i++;
  const c = text[i];
  return c !== undefined && (isUpper(c) || /[\p{N}§]/u.test(c) || (i > 0 && !isLower(c)));
}

function firstWordLength(text: string): number {
  let i = 0;
  while (i < text.length && !isSpace(text[i])) i++;
  return i;
}

// ---------------------------------------------------------------------------
// Headings

type HeadingStyle = 'part' | 'chapter' | 'caps' | 'roman' | 'section' | 'number' | 'title';
/** Strong styles count anywhere; weak ones only in a hard-wrapped text. */
const STRONG: ReadonlySet<HeadingStyle> = new Set(['part', 'chapter', 'caps', 'roman', 'section']);
const RANK: HeadingStyle[] = ['part', 'chapter', 'caps', 'roman', 'section', 'number', 'title'];

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|' +
  'первая|вторая|третья|четвертая|четвёртая|пятая|шестая|седьмая|восьмая|девятая|десятая|первый|второй|третий|четвертый|четвёртый|пятый|' +
  'первое|второе|третье|последняя|последний';
const ROMAN = '[IVXLCDM]{1,7}';
const PART_WORDS = 'part|book|volume|часть|книга|том';
const CHAPTER_WORDS = 'chapter|chap\\.|глава|letter|письмо|lecture|лекция|canto|песнь|act|действие';
const SECTION_WORDS = 'section|раздел|параграф|статья|article';
/** A numbered marker at the start of a text: its kind word, its number, an optional period. Bounded, no nested repetition. */
const MARKER = new RegExp(
  `^(?:(${PART_WORDS})|(${CHAPTER_WORDS})|(${SECTION_WORDS}))[ \\t\\u00A0]+(\\d{1,3}|${ROMAN}|${NUMBER_WORDS})(?![\\p{L}\\p{N}])\\.?`,
  'iu',
);
const PARAGRAPH_SIGN = /^§[ \t\u00A0]*\d{1,3}(?:\.\d{1,3})?(?![\p{N}])\.?/u;
const ROMAN_HEAD = /^(?:[IVXLCDM]{1,7})\.(?=\s|$)/u;
const NUMBER_HEAD = /^\d{1,2}(?:\.\d{1,2}){0,2}\.?(?=[ \t\u00A0]+[\p{Lu}\p{N}])/u;
/** Words left lower-case in English Title Case. */
const SMALL_WORDS = new Set(
  'a an the and or nor but of in on at to for by with from as into upon over under via vs vs. its his her their our my your than then de la le von van du des der den'.split(
    ' ',
  ),
);

function markerStyle(text: string): { style: HeadingStyle; length: number } | undefined {
  const head = text.slice(0, 120);
  const m = MARKER.exec(head);
  // The flag i lets "Part mix" through: a Roman numeral must be in capitals.
  if (m && /^[ivxlcdm]+$/i.test(m[4]!) && m[4] !== m[4]!.toUpperCase() && !new RegExp(`^(?:${NUMBER_WORDS})$`, 'i').test(m[4]!)) return undefined;
  if (m) return { style: m[1] ? 'part' : m[2] ? 'chapter' : 'section', length: m[0].length };
  const s = PARAGRAPH_SIGN.exec(head);
  if (s) return { style: 'section', length: s[0].length };
  return undefined;
}

const MARKER_START = new RegExp(`^(?:${PART_WORDS}|${CHAPTER_WORDS}|${SECTION_WORDS})`, 'iu');

/**
 * A cheap first look: could a heading start at `at` (a capital followed by a
 * capital, a period or a space; a marker word; §)? Most lines fail at once.
 */
function couldStartHeading(text: string, at: number): boolean {
  const c = text[at];
  if (c === '§') return true;
  if (!isUpper(c)) return false;
  const d = text[at + 1];
  if (d === undefined || d === '.' || isSpace(d) || isUpper(d)) return true;
  return MARKER_START.test(text.slice(at, at + 12));
}

/** The letters of a text are all capitals (at least three of them). */
function allCaps(text: string): boolean {
  let letters = 0;
  for (const c of text) {
    if (isLower(c)) return false;
    if (isLetter(c)) letters++;
  }
  return letters >= 3;
}

function titleCase(text: string): boolean {
  const words = text.split(' ');
  if (words.length > 10) return false;
  let capitalised = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!.replace(/^["'“‘«(]+/, '');
    const c = w[0];
    if (c === undefined) return false;
    if (isUpper(c) || /\p{N}/u.test(c)) capitalised++;
    else if (k === 0 || !SMALL_WORDS.has(w.toLowerCase())) return false;
  }
  // Without a small letter it is capitals ("BY"), judged as such.
  return capitalised > 0 && LOWER.test(text);
}

/**
 * What kind of heading a line could be, from its text alone; undefined when it
 * cannot be one. `weak` allows Title Case and "1. Introduction" (wrapped texts).
 */
function headingStyle(text: string, lang: string, weak: boolean): HeadingStyle | undefined {
  if (text.length === 0 || text.length > 80) return undefined;
  if (!couldStartHeading(text, 0) && !(weak && /[\p{Lu}\p{N}]/u.test(text[0]!))) return undefined;
  const t = text.replace(/\s+/g, ' ');
  if (t.split(' ').length > 12) return undefined;
  // Only words, numbers and light punctuation; starts with a letter, digit or §.
  if (!/^[\p{L}\p{N}§"'“‘«(]/u.test(t) || /[^\p{L}\p{M}\p{N} .,:;!?'’"“”«»()§&—–-]/u.test(t)) return undefined;
  const letters = t.replace(/\P{L}+/gu, '').length;
  const last = lastMeaningful(t);
  const marker = markerStyle(t);
  if (marker) {
    const rest = t.slice(marker.length).replace(/^[ .:—–-]+/, '');
    if (rest === '') return marker.style;
    // "Chapter 3. The Voyage", "ГЛАВА II. ПЕКИН": the title after the number must itself look like a title.
    if (last !== undefined && /[,;:!?]/.test(last)) return undefined;
    // A title ending in a period is a sentence ("§ 1. Стороны обязуются…"), unless it is in capitals.
    if (allCaps(rest)) return marker.style;
    if (SENTENCE_END.has(last ?? '')) return undefined;
    if (titleCase(rest) || (lang !== 'en' && isUpper(rest[0]) && rest.split(' ').length <= 8)) return marker.style;
    return undefined;
  }
  if (letters < 2) return undefined;
  if (ROMAN_HEAD.test(t)) {
    const rest = t.replace(ROMAN_HEAD, '').trim();
    const titled = allCaps(rest) || (!SENTENCE_END.has(last ?? '') && (titleCase(rest) || (lang !== 'en' && isUpper(rest[0]) && rest.split(' ').length <= 8)));
    if (rest === '' || (titled && last !== ',' && last !== ';' && last !== ':')) return 'roman';
    return undefined;
  }
  if (last === undefined || /[,;:]/.test(last)) return undefined;
  // Capitals: two words, or one of five letters or more (not an acronym like "НАТО").
  if (allCaps(t) && letters >= 4 && (t.includes(' ') || letters >= 5)) return 'caps';
  if (!weak || (last !== undefined && !LETTER_OR_DIGIT.test(last))) return undefined;
  if (NUMBER_HEAD.test(t)) return 'number';
  if (lang === 'en' && titleCase(t)) return 'title';
  return undefined;
}

/** A bare numbered marker ("CHAPTER I.", "Глава 2", "IV.") that a title on the next line completes. */
function bareMarker(text: string): boolean {
  const m = markerStyle(text);
  if (m) return text.slice(m.length).trim() === '';
  return /^[IVXLCDM]{1,7}\.?$/.test(text);
}

/**
 * A heading run into the text at `at`: its length, or 0. A numbered marker
 * (with a title in capitals after it, if any) followed by a capitalised word;
 * or, where `caps` allows, two or more words in capitals followed by a
 * capitalised word. Looks at a bounded window only.
 */
function runInHeading(text: string, at: number, caps: boolean): { length: number; style: HeadingStyle } | undefined {
  if (!couldStartHeading(text, at)) return undefined;
  const window = text.slice(at, at + 200);
  const marker = markerStyle(window);
  let pos = 0;
  let style: HeadingStyle | undefined;
  if (marker) {
    pos = marker.length;
    style = marker.style;
  } else {
    const roman = /^[IVXLCDM]{1,7}\.[ \t\u00A0]/.exec(window);
    if (roman) pos = roman[0].length - 1;
    else if (!caps) return undefined;
    style = roman ? 'roman' : 'caps';
  }
  // A title in capitals after the marker (or on its own): whole words, each of capitals only.
  const words: Array<{ start: number; end: number; letters: number }> = [];
  let i = pos;
  for (;;) {
    let j = i;
    while (j < window.length && (isSpace(window[j]) || window[j] === '.' || window[j] === ':' || window[j] === '—' || window[j] === '–')) j++;
    let k = j;
    let letters = 0;
    while (k < window.length && !isSpace(window[k])) {
      const c = window[k]!;
      if (isLower(c)) break;
      if (isLetter(c)) letters++;
      k++;
    }
    if (k === j || letters === 0 || (k < window.length && !isSpace(window[k]))) break;
    words.push({ start: j, end: k, letters });
    i = k;
    if (words.length > 12) return undefined;
  }
  /** The text after `end` starts with a capitalised word (a capital followed by a small letter, or a one-letter word). */
  const sentenceAfter = (end: number, strict: boolean): boolean => {
    let j = end;
    while (j < window.length && isSpace(window[j])) j++;
    if (j === end || j >= window.length) return false;
    while (j < window.length && OPENERS.has(window[j]!)) j++;
    if (!isUpper(window[j])) return false;
    return !strict || isLower(window[j + 1]) || isSpace(window[j + 1]);
  };
  // Longest title first: the capitals run, then shorter, then none (a marker alone).
  for (let n = words.length; n >= 0; n--) {
    const run = words.slice(0, n);
    const letters = run.reduce((s, w) => s + w.letters, 0);
    if (style === 'caps' && (n < 2 || letters < 8)) continue;
    // "§ 4. Стороны…", "Article 5. The…": legal paragraphs begin so; only a title in capitals makes them headings.
    if ((style === 'roman' || style === 'section') && n === 0) continue;
    if (n > 0 && run.every((w) => w.letters <= 1)) continue;
    const end = n > 0 ? run[n - 1]!.end : pos;
    if (sentenceAfter(end, n > 0 || style === 'caps' || style === 'roman')) return { length: end, style: style! };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Hyphenation

const HYPHENS = new Set(['-', '\u2010']);
const RU_PARTICLES_AFTER = new Set(['то', 'либо', 'нибудь', 'таки', 'ка', 'де', 'с']);
const RU_PREFIXES_BEFORE = new Set(['кое', 'кой', 'по', 'во', 'в', 'вице', 'экс', 'обер', 'унтер', 'лейб', 'штаб', 'пол', 'полу']);

/** A line end that may be a word cut by hyphenation: its word part before the hyphen (letters and inner hyphens). */
function hyphenFragment(text: string): string | undefined {
  const n = text.length;
  if (n < 3 || !HYPHENS.has(text[n - 1]!) || !LETTER_OR_DIGIT.test(text[n - 2]!)) return undefined;
  let i = n - 1;
  while (i > 0 && (LETTER_OR_DIGIT.test(text[i - 1]!) || (HYPHENS.has(text[i - 1]!) && i > 1 && LETTER_OR_DIGIT.test(text[i - 2]!)))) i--;
  return text.slice(i, n - 1);
}

/** The word at the start of a line (letters only), or undefined. */
function leadingWord(text: string): string | undefined {
  let i = 0;
  while (i < text.length && LETTER_OR_DIGIT.test(text[i]!)) i++;
  return i > 0 ? text.slice(0, i) : undefined;
}

/** Words of the text (outside the fragments of hyphenated line ends), to judge each hyphen by. */
class WordIndex {
  readonly words = new Set<string>();
  /** Every part before a hyphen of a compound ("советско" of "советско-японских"). */
  readonly firstParts = new Set<string>();

  add(text: string): void {
    for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-\u2010][\p{L}\p{N}]+)*/gu)) {
      const w = m[0].toLowerCase();
      this.words.add(w);
      let h = w.search(/[-\u2010]/);
      while (h > 0) {
        this.firstParts.add(w.slice(0, h));
        const next = w.slice(h + 1).search(/[-\u2010]/);
        h = next < 0 ? -1 : h + 1 + next;
      }
    }
  }
}

type HyphenChoice = 'join' | 'keep';

function judgeHyphen(before: string, after: string, lang: string, index: () => WordIndex): HyphenChoice {
  if (isUpper(after[0]) || /\p{N}/u.test(before + after)) return 'keep';
  const lastPart = before.slice(Math.max(before.lastIndexOf('-'), before.lastIndexOf('\u2010')) + 1);
  if (lastPart.length < 2 || after.length < 2) return 'keep';
  const b = before.toLowerCase();
  const a = after.toLowerCase();
  const words = index();
  if (words.words.has(b + a)) return 'join';
  if (words.words.has(`${b}-${a}`) || words.firstParts.has(b)) return 'keep';
  if (lang === 'ru' && (RU_PARTICLES_AFTER.has(a) || RU_PREFIXES_BEFORE.has(b))) return 'keep';
  return 'join';
}

// ---------------------------------------------------------------------------
// Inference

/** A paragraph (or heading) of the text before cutting long lines and run-in headings off. */
interface Unit {
  raw: string;
  first: number;
  last: number;
  heading?: HeadingStyle;
}

interface OutBlock {
  kind: 'body' | 'heading';
  text: string;
  style?: HeadingStyle;
  runIn?: boolean;
}

/** A line of 2500 characters or more is far over a paragraph (cuts still need visible markers). */
const LONG_LINE = 2500;

class Inference {
  private readonly lines: Line[] = [];
  /** Runs of non-blank lines (the whole text when it has no blank line). */
  private readonly chunks: Line[][] = [];
  private readonly blankSeparated: boolean;
  private width = 0;
  private tol = 0;
  private index?: WordIndex;
  private readonly joined: Array<{ from: string; to: string }> = [];
  private readonly kept: string[] = [];
  /** The hard-wrapping note, given the number of paragraphs in the end. */
  private wrapNote?: (paragraphs: number) => string;

  constructor(
    raw: string[],
    blankSeparated: boolean,
    private readonly lang: string,
  ) {
    this.blankSeparated = blankSeparated;
    let chunk: Line[] = [];
    for (let k = 0; k < raw.length; k++) {
      const line = toLine(raw[k]!, k + 1);
      if (line.text !== '') {
        this.lines.push(line);
        chunk.push(line);
        continue;
      }
      // Blank as the as-written reading sees it: spaces and tabs only (other whitespace is an empty line inside a paragraph).
      if (/^[ \t]*$/.test(raw[k]!)) {
        if (chunk.length) this.chunks.push(chunk);
        chunk = [];
      }
    }
    if (chunk.length) this.chunks.push(chunk);
  }

  run(): PlainResult | undefined {
    if (this.lines.length === 0) return undefined;
    const wrapped = this.detectWrap();
    if (!wrapped && !this.maybeStructured()) return undefined;
    return this.finish(wrapped ? this.rejoin() : this.asWrittenUnits());
  }

  // --- hard wrapping ------------------------------------------------------

  /** Is the text hard-wrapped? Sets `width` and `tol` when it is. */
  private detectWrap(): boolean {
    const MAX = 300;
    const hist = new Uint32Array(MAX + 1);
    let over = 0;
    for (const line of this.lines) {
      if (line.len > MAX) over++;
      else hist[line.len]!++;
    }
    const n = this.lines.length;
    if (n < 6 || over > n * 0.05) return false;
    const target = Math.ceil((n - over) * 0.97);
    let seen = 0;
    let width = 0;
    for (let len = 0; len <= MAX; len++) {
      seen += hist[len]!;
      if (seen >= target) {
        width = len;
        break;
      }
    }
    if (width < 30 || width > 200) return false;
    const tol = Math.max(2, Math.round(width * 0.1));
    let pairs = 0;
    let full = 0;
    let open = 0;
    let early = 0;
    let lowerAfterOpen = 0;
    for (const chunk of this.chunks) {
      for (let i = 0; i + 1 < chunk.length; i++) {
        const a = chunk[i]!;
        const b = chunk[i + 1]!;
        pairs++;
        const fits = a.len + 1 + firstWordLength(b.text) <= width - tol;
        if (!fits) {
          full++;
          if (!endsSentence(a.text)) {
            open++;
            if (isLower(b.text[0])) lowerAfterOpen++;
          }
        } else if (!endsSentence(a.text) && b.indent <= a.indent && !headingStyle(a.text, this.lang, true) && !headingStyle(b.text, this.lang, true)) {
          // Broken early without ending a sentence: verse, a list, an address — not wrapping.
          early++;
        }
      }
    }
    // Where no sentence ended, wrapped prose goes on in lower case; verse and lists begin each line with a capital or a mark.
    if (pairs < 5 || full < 4 || full < pairs * 0.5 || open < full * 0.5 || early > Math.max(1, pairs * 0.1) || lowerAfterOpen < open * 0.5) return false;
    this.width = width;
    this.tol = tol;
    return true;
  }

  /** Line a is broken early: the first word of line b would have fit on it. */
  private early(a: Line, b: Line): boolean {
    return a.len + 1 + firstWordLength(b.text) <= this.width - this.tol;
  }

  /** Paragraphs and headings of a hard-wrapped text. */
  private rejoin(): Unit[] {
    const units: Unit[] = [];
    let breaksInside = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const n = chunk.length;
      const lastChunk = c === this.chunks.length - 1;
      const styles = chunk.map((l) => headingStyle(l.text, this.lang, true));
      const heading: Array<HeadingStyle | undefined> = new Array(n).fill(undefined);
      for (let i = 0; i < n; i++) {
        const style = styles[i];
        if (!style) continue;
        const line = chunk[i]!;
        const prev = chunk[i - 1];
        const next = chunk[i + 1];
        const prevOk = !prev || endsSentence(prev.text) || heading[i - 1] !== undefined;
        const nextOk = next ? startsParagraph(next.text) && this.early(line, next) : !lastChunk;
        if (!prevOk || !nextOk) continue;
        if (!STRONG.has(style)) {
          // Two weak candidates in a row are verse or a list, unless a bare marker precedes its title.
          const afterMarker = prev !== undefined && heading[i - 1] !== undefined && bareMarker(prev.text);
          if (!afterMarker && ((prev && styles[i - 1] && !heading[i - 1]) || (next && styles[i + 1] && !STRONG.has(styles[i + 1]!)))) continue;
          if (!afterMarker && prev && heading[i - 1]) continue;
        }
        heading[i] = style;
      }
      let start = 0;
      for (let i = 0; i < n; i++) {
        const line = chunk[i]!;
        const next = chunk[i + 1];
        const end =
          !next ||
          heading[i] !== undefined ||
          heading[i + 1] !== undefined ||
          next.indent >= line.indent + 2 ||
          (this.early(line, next) && endsSentence(line.text));
        if (!end) continue;
        if (next && heading[i] === undefined && heading[i + 1] === undefined) breaksInside++;
        const piece = chunk.slice(start, i + 1);
        units.push({ raw: this.joinLines(piece), first: piece[0]!.no, last: line.no, heading: heading[i] });
        start = i + 1;
      }
    }
    const first = this.lines[0]!.no;
    const last = this.lines[this.lines.length - 1]!.no;
    const range = first === last ? `line ${first}` : `lines ${first}–${last}`;
    const how = (body: number) =>
      this.blankSeparated
        ? breaksInside > 0
          ? `rejoined into ${plural(body, 'paragraph')} (at blank lines, and before ${plural(breaksInside, 'indented line')} or after short lines that end a sentence)`
          : `rejoined into ${plural(body, 'paragraph')} at blank lines`
        : body === 1
          ? 'rejoined into 1 paragraph'
          : `rejoined into ${plural(body, 'paragraph')}, each ending before an indented line or after a short line that ends a sentence`;
    this.wrapNote = (body) => `${range} are hard-wrapped at about ${this.width} characters: ${how(body)}`;
    return units;
  }

  /** The lines of one paragraph as one text: hyphenated line ends judged, other line ends a space. */
  private joinLines(lines: Line[]): string {
    let text = lines[0]!.text;
    for (let k = 1; k < lines.length; k++) {
      const next = lines[k]!.text;
      const last = text[text.length - 1];
      if (last === '\u00AD') {
        const soft = hyphenFragment(text.slice(0, -1) + '-');
        const rest = leadingWord(next);
        if (soft !== undefined && rest !== undefined) this.joined.push({ from: `${soft}-${rest}`, to: soft + rest });
        text = text.slice(0, -1) + next;
        continue;
      }
      const fragment = hyphenFragment(text);
      const word = leadingWord(next);
      if (fragment !== undefined && word !== undefined) {
        const choice = judgeHyphen(fragment, word, this.lang, () => this.words());
        if (choice === 'join') {
          this.joined.push({ from: `${fragment}-${word}`, to: fragment + word });
          text = text.slice(0, -1) + next;
        } else {
          this.kept.push(`${fragment}-${word}`);
          text += next;
        }
        continue;
      }
      // "dedicate—" + "we", "Praya--" + "Ribeira": a dash written without spaces stays without them.
      const dash = last === '—' || last === '–' || (last === '-' && text[text.length - 2] === '-');
      if (dash && text.length > 2 && !isSpace(text[text.length - (last === '-' ? 3 : 2)])) {
        text += next;
        continue;
      }
      text += ' ' + next;
    }
    return text;
  }

  /** The words of the whole text outside hyphenated line ends, built once when first needed. */
  private words(): WordIndex {
    if (this.index) return this.index;
    const index = new WordIndex();
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length; i++) {
        let text = chunk[i]!.text;
        const fragment = hyphenFragment(text);
        if (fragment !== undefined && i + 1 < chunk.length) text = text.slice(0, text.length - fragment.length - 1);
        const prev = chunk[i - 1];
        if (prev && hyphenFragment(prev.text) !== undefined) text = text.slice(leadingWord(text)?.length ?? 0);
        index.add(text);
      }
    }
    this.index = index;
    return index;
  }

  // --- text as written ----------------------------------------------------

  /** Not wrapped: is there any paragraph that could hold a heading or be cut (a cheap look at each)? */
  private maybeStructured(): boolean {
    if (this.blankSeparated) {
      return this.chunks.some((chunk) => couldStartHeading(chunk[0]!.text, 0) || chunk.reduce((n, l) => n + l.text.length, 0) >= 200);
    }
    return this.lines.some((l) => l.text.length >= 200 || couldStartHeading(l.text, 0));
  }

  /** The paragraphs as written (one per blank-separated run, or one per line), with standalone numbered and capitals headings. */
  private asWrittenUnits(): Unit[] {
    const units: Unit[] = this.blankSeparated
      ? this.chunks.map((chunk) => ({ raw: chunk.map((l) => l.text).join('\n'), first: chunk[0]!.no, last: chunk[chunk.length - 1]!.no }))
      : this.lines.map((l) => ({ raw: l.text, first: l.no, last: l.no }));
    for (let k = 0; k + 1 < units.length; k++) {
      const u = units[k]!;
      if (u.first !== u.last) continue;
      const style = headingStyle(u.raw, this.lang, false);
      if (style && STRONG.has(style)) u.heading = style;
    }
    return units;
  }

  // --- long lines, run-in headings, levels, messages ----------------------

  private finish(units: Unit[]): PlainResult {
    const out: OutBlock[] = [];
    const longNotes: string[] = [];
    for (const u of units) {
      if (u.heading) {
        out.push({ kind: 'heading', text: normalize(u.raw), style: u.heading });
        continue;
      }
      for (const piece of this.cut(u, longNotes)) out.push(piece);
    }
    // "CHAPTER I" followed by "THE BEGINNING": one heading.
    const merged: OutBlock[] = [];
    for (const b of out) {
      const prev = merged[merged.length - 1];
      if (prev && prev.kind === 'heading' && b.kind === 'heading' && !prev.runIn && bareMarker(prev.text) && !bareMarker(b.text)) {
        prev.text = /[.:]$/.test(prev.text) ? `${prev.text} ${b.text}` : `${prev.text}. ${b.text}`;
        continue;
      }
      merged.push(b);
    }
    // An unnumbered line right before another heading is a byline, a list item or a table of contents, not a heading.
    for (let k = merged.length - 2; k >= 0; k--) {
      const b = merged[k]!;
      if (b.kind === 'heading' && (b.style === 'caps' || !STRONG.has(b.style!)) && merged[k + 1]!.kind === 'heading') b.kind = 'body';
    }
    // A heading must name something: trailing headings are paragraphs again.
    for (let k = merged.length - 1; k >= 0 && merged[k]!.kind === 'heading'; k--) merged[k]!.kind = 'body';
    const headings = merged.filter((b) => b.kind === 'heading');
    // Level 1: the highest kind found, and whatever comes before its first heading (a title above the chapters).
    const top = RANK.find((s) => headings.some((h) => h.style === s));
    let beforeTop = true;
    const blocks: TextBlock[] = [];
    for (const b of merged) {
      if (b.text.length === 0) continue;
      if (b.kind === 'body') blocks.push({ kind: 'body', text: b.text });
      else {
        if (b.style === top) beforeTop = false;
        blocks.push({ kind: 'heading', text: b.text, level: b.style === top || beforeTop ? 1 : 2 });
      }
    }
    const paragraphs = blocks.filter((b) => b.kind === 'body').length;
    const inferred = [...(this.wrapNote ? [this.wrapNote(paragraphs)] : []), ...longNotes];
    if (this.joined.length || this.kept.length) inferred.push(this.hyphenNote());
    if (headings.length) {
      const levels = blocks.filter((b) => b.kind === 'heading').map((b) => b.level);
      const titles = headings.findIndex((h) => h.style === top);
      inferred.push(this.headingNote(headings, levels.includes(2), titles > 0));
    }
    return { blocks, inferred };
  }

  /** A paragraph cut where a long line shows paragraph markers, and a heading run into its start cut off. */
  private cut(u: Unit, notes: string[]): OutBlock[] {
    const raw = u.raw;
    if (raw.length < 200 && !couldStartHeading(raw, 0)) return [{ kind: 'body', text: normalize(raw) }];
    const text = normalize(raw);
    if (text.length === 0) return [];
    const long = text.length >= LONG_LINE;
    const cuts = new Map<number, 'space' | 'number' | 'heading'>();
    if (long || raw.length >= 200) {
      const ends = sentenceEnds(raw);
      if (long) {
        // Two spaces after a sentence where one is the rule.
        const wide = ends.filter((e) => e.space >= 2 && e.space <= 40);
        if (wide.length >= 2 && ends.length >= 4 && wide.length <= ends.length * 0.5) for (const e of wide) cuts.set(e.next, 'space');
        // Sections numbered 1., 2., 3. in order.
        const numbered: Array<{ at: number; n: number }> = [];
        const lead = /^(\d{1,3})[.)][ \t\u00A0]+[\p{Lu}"«“]/u.exec(raw.slice(0, 20));
        if (lead) numbered.push({ at: 0, n: Number(lead[1]) });
        for (const e of ends) {
          const m = /^(?:§[ \t\u00A0]*(\d{1,3})\.?|(\d{1,3})[.)])[ \t\u00A0]+[\p{Lu}"«“]/u.exec(raw.slice(e.next, e.next + 20));
          if (m) numbered.push({ at: e.next, n: Number(m[1] ?? m[2]) });
        }
        const chain: number[] = [];
        const from = numbered.findIndex((m) => m.n === 1);
        let expected = 1;
        for (const m of numbered.slice(Math.max(from, 0))) {
          if (m.n === expected) {
            chain.push(m.at);
            expected++;
          }
        }
        if (chain.length >= 3) for (const at of chain) if (at > 0) cuts.set(at, 'number');
      }
      // Headings after a sentence: numbered markers anywhere, capitals only in a long line.
      // (At most 10 000 looks: a text with more places that might start a heading has none worth finding.)
      let looks = 0;
      for (const e of ends) {
        if (!couldStartHeading(raw, e.next)) continue;
        if (++looks > 10_000) break;
        if (runInHeading(raw, e.next, long)) cuts.set(e.next, 'heading');
      }
    }
    const positions = [0, ...[...cuts.keys()].filter((p) => p > 0).sort((a, b) => a - b), raw.length];
    const pieces: OutBlock[] = [];
    for (let k = 0; k + 1 < positions.length; k++) {
      const piece = raw.slice(positions[k], positions[k + 1]);
      const start = piece.search(/\S/);
      if (start < 0) continue;
      const head = runInHeading(piece, start, true);
      if (head) {
        const rest = normalize(piece.slice(start + head.length));
        if (rest.length > 0) {
          pieces.push({ kind: 'heading', text: normalize(piece.slice(start, start + head.length)), style: head.style, runIn: true });
          pieces.push({ kind: 'body', text: rest });
          continue;
        }
      }
      pieces.push({ kind: 'body', text: normalize(piece) });
    }
    if (cuts.size > 0) {
      const counts = { space: 0, number: 0, heading: 0 };
      for (const why of cuts.values()) counts[why]++;
      const where: string[] = [];
      if (counts.space) where.push(`${plural(counts.space, 'place')} where two spaces follow a sentence`);
      if (counts.number) where.push(`${plural(counts.number, 'numbered section')} after a sentence`);
      if (counts.heading) where.push(`${plural(counts.heading, 'heading')} after a sentence`);
      const body = pieces.filter((p) => p.kind === 'body').length;
      const size = `${this.count(text.length)} characters`;
      const what = this.lines.length === 1 ? `one line of ${size}` : u.first === u.last ? `line ${u.first} (${size})` : `lines ${u.first}–${u.last} (${size})`;
      notes.push(`${what}: cut into ${plural(body, 'paragraph')} at ${where.join(', ')}`);
    }
    return pieces;
  }

  private hyphenNote(): string {
    const parts: string[] = [];
    if (this.joined.length) {
      const shown = unique(this.joined.map((j) => `${j.from} → ${j.to}`));
      parts.push(`${plural(this.joined.length, 'hyphenated line end')} joined (${list(shown, 5)})`);
    }
    if (this.kept.length) {
      const kept = `${plural(this.kept.length, 'hyphenated line end')} kept as a hyphen (${list(unique(this.kept), 5)})`;
      parts.push(this.joined.length ? kept.replace(/^(\d+) hyphenated line ends?/, '$1') : kept);
    }
    return parts.join('; ');
  }

  private headingNote(headings: OutBlock[], twoLevels: boolean, titleAbove: boolean): string {
    const [open, close] = this.lang === 'ru' ? ['«', '»'] : ['“', '”'];
    const names = headings.map((h) => `${open}${h.text.length > 60 ? h.text.slice(0, 59) + '…' : h.text}${close}`);
    const runIn = headings.filter((h) => h.runIn).length;
    const levels = twoLevels ? ` (level 1 for the ${this.styleName(headings)}${titleAbove ? ' and what comes before them' : ''}, level 2 for the others)` : '';
    const ran = runIn
      ? `; ${runIn === headings.length ? (runIn === 1 ? 'it was' : 'all were') : `${runIn} were`} run into the text after them and cut off`
      : '';
    return `${plural(headings.length, 'heading')} found: ${list(names, 6)}${levels}${ran}`;
  }

  private styleName(headings: OutBlock[]): string {
    const top = RANK.find((s) => headings.some((h) => h.style === s));
    const names: Record<HeadingStyle, string> = {
      part: 'parts',
      chapter: 'chapters',
      caps: 'headings in capitals',
      roman: 'Roman-numbered headings',
      section: 'sections',
      number: 'numbered headings',
      title: 'Title Case headings',
    };
    return names[top ?? 'title'];
  }

  private count(n: number): string {
    return new Intl.NumberFormat(this.lang === 'ru' ? 'ru' : 'en').format(n).replace(/[\u00A0\u202F]/g, ' ');
  }
}

/** Sentence ends in a raw text: after . ! ? … (and closing quotes), whitespace, then a capital, digit, § or opening quote. Linear. */
function sentenceEnds(raw: string): Array<{ end: number; space: number; next: number }> {
  const ends: Array<{ end: number; space: number; next: number }> = [];
  for (let i = 0; i < raw.length; i++) {
    if (!SENTENCE_END.has(raw[i]!)) continue;
    let j = i + 1;
    while (j < raw.length && CLOSERS.has(raw[j]!)) j++;
    let k = j;
    let tab = false;
    while (k < raw.length && (isSpace(raw[k]) || raw[k] === '\n')) {
      if (raw[k] === '\t') tab = true;
      k++;
    }
    if (k === j || k >= raw.length) continue;
    const c = raw[k]!;
    if (isUpper(c) || /[\p{N}§]/u.test(c) || OPENERS.has(c)) ends.push({ end: j, space: tab ? Math.max(2, k - j) : k - j, next: k });
    i = k - 1;
  }
  return ends;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function list(items: string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join(', ')}, …` : items.join(', ');
}

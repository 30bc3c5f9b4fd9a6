/**
 * What a full stop is: the word carrying it (an abbreviation? a year's "г."?
 * an initial?) and whether, given what follows, it ends the sentence.
 */
import { F_OPENER, is, isDigit, isUpper, isWs } from './chars.js';
import { numberBefore, previousToken, wordStart, type NextInfo } from './look.js';
import type { SentenceRules } from './rules.js';
import { EN_PREPOSITIONS, TIME_FOLLOWERS, type AbbrKind } from './words.js';

/** What the rules see of the scanner. */
export interface PeriodContext {
  readonly text: string;
  /** The language's abbreviations and sentence openers. */
  readonly rules: SentenceRules;
  /** 1 inside a URL, e-mail address or bare domain. */
  readonly inUrl: Uint8Array;
  /** Where the current sentence's words begin: after its list marker and any whitespace. */
  contentStart(): number;
}

interface PeriodClass {
  kind: AbbrKind;
  /** For date/time: start of the number token the abbreviation belongs to. */
  anchor: number;
}

/**
 * Classify the word carrying the dot at `dot`. Dotted chains are gathered
 * first ("т. е.", "U.S.A.", "a.m.", "J. R. R.") so that the whole
 * abbreviation is looked up, then the last word alone.
 */
export function classifyPeriod(ctx: PeriodContext, dot: number): PeriodClass {
  const t = ctx.text;
  const none: PeriodClass = { kind: 'none', anchor: -1 };
  if (dot > 0 && ctx.inUrl[dot - 1] === 1) return none;
  const ws = wordStart(t, dot);
  if (ws === dot) return ctx.rules.ordinalDot && isOrdinal(t, dot) ? { kind: 'weak', anchor: -1 } : none;
  const parts = [t.slice(ws, dot)];
  let chainStart = ws;
  while (parts.length < 5) {
    let q: number;
    if (t.charAt(chainStart - 1) === '.') q = chainStart - 1;
    else if (t.charAt(chainStart - 1) === ' ' && t.charAt(chainStart - 2) === '.') q = chainStart - 2;
    else break;
    const s = wordStart(t, q);
    if (s === q || q - s > 4) break;
    parts.unshift(t.slice(s, q));
    chainStart = s;
  }
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1) {
    const key = parts.join('.').toLowerCase();
    const kind = ctx.rules.abbreviations.get(key);
    if (key === 'a.m' || key === 'p.m') {
      const num = numberBefore(t, chainStart);
      return num >= 0 ? { kind: 'time', anchor: num } : { kind: 'weak', anchor: -1 };
    }
    if (key === 'н.э') return { kind: 'date', anchor: chainStart };
    if (kind !== undefined) return { kind, anchor: -1 };
    if (parts.every((p) => p.length === 1)) {
      return { kind: parts.every((p) => isUpper(p)) ? 'initial' : 'weak', anchor: -1 };
    }
  }
  return classifyWord(ctx.rules, t, last, ws);
}

function classifyWord(rules: SentenceRules, t: string, word: string, ws: number): PeriodClass {
  const key = word.toLowerCase();
  if (rules.dateAbbreviations.has(key) && word === key) {
    const num = numberBefore(t, ws);
    if (num >= 0) return { kind: 'date', anchor: num };
    return { kind: key.length === 1 ? 'pre' : 'term', anchor: -1 };
  }
  if (rules.unitsAfterNumber.has(key) && word === key && numberBefore(t, ws) >= 0) return { kind: 'term', anchor: -1 };
  // "и пр." = "and so on"; "пр. Мира" = avenue.
  if (key === 'пр') return { kind: previousToken(t, ws) === 'и' ? 'term' : 'pre', anchor: -1 };
  if (word.length === 1) {
    if (isUpper(word)) return { kind: 'initial', anchor: -1 };
    const kind = rules.abbreviations.get(key);
    if (kind !== undefined) return { kind, anchor: -1 };
    return { kind: 'weak', anchor: -1 };
  }
  return { kind: rules.abbreviations.get(key) ?? 'none', anchor: -1 };
}

export function periodEndsSentence(ctx: PeriodContext, dot: number, next: NextInfo): boolean {
  if (next.cls === 'lower' || next.cls === 'punct') return false;
  const { kind, anchor } = classifyPeriod(ctx, dot);
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
      return !next.initial && ctx.rules.isStarter(next.word);
    case 'date':
      return dateEndsSentence(ctx, anchor, next);
    case 'time':
      return timeEndsSentence(ctx, anchor, next);
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
function dateEndsSentence(ctx: PeriodContext, anchor: number, next: NextInfo): boolean {
  if (next.initial) return false;
  if (ctx.rules.isStrongStarter(next.word)) return true;
  if (isOpeningAdverbial(ctx, anchor, ctx.rules.datePrepositions)) return false;
  return ctx.rules.dateLeaders.has(previousToken(ctx.text, anchor).toLowerCase());
}

/**
 * "<time> a.m./p.m." followed by a capitalised word: no boundary when the
 * time continues ("5 p.m. Monday", "10 a.m. EST") or the sentence so far is
 * only the time adverbial ("At 5 a.m. Mr. Smith went…"); otherwise the time
 * closes the sentence ("He left the bank at 6 P.M. Mr. Smith then went…").
 */
function timeEndsSentence(ctx: PeriodContext, anchor: number, next: NextInfo): boolean {
  if (TIME_FOLLOWERS.has(next.word) || next.initial) return false;
  return !isOpeningAdverbial(ctx, anchor, EN_PREPOSITIONS);
}

/**
 * Is the sentence text before `anchor` (the number of a date/time) nothing
 * but an opening prepositional phrase: a capitalised preposition and up to
 * four lowercase words/numbers, no punctuation ("К 15 мая", "At", "В")?
 * An empty prefix ("1925 г. Япония…") counts as well.
 */
function isOpeningAdverbial(ctx: PeriodContext, anchor: number, prepositions: ReadonlySet<string>): boolean {
  const from = ctx.contentStart();
  if (anchor - from > 60) return false;
  if (anchor <= from) return true;
  const tokens = ctx.text
    .slice(from, anchor)
    .split(/\s+/)
    .filter((tok) => tok !== '');
  if (tokens.length > 5) return false;
  const first = stripOpeners(tokens[0] ?? '');
  if (!prepositions.has(first)) return false;
  return tokens.slice(1).every((tok) => !/[,;:!?]/.test(tok) && !isUpper(tok.charAt(0)));
}

/**
 * "am 12. Juni", "im 19. Jahrhundert", "1. -3. Jahrhundert": one to three
 * digits standing alone before the dot (a year, a price "3,50" or a word with
 * digits "Jahr10" is no ordinal).
 */
function isOrdinal(t: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && dot - s < 4 && isDigit(t.charAt(s - 1))) s--;
  if (s === dot || dot - s > 3) return false;
  const before = t.charAt(s - 1);
  return s === 0 || isWs(t.charCodeAt(s - 1)) || before === '-' || before === '–' || is(before, F_OPENER);
}

function stripOpeners(token: string): string {
  let s = 0;
  while (s < token.length && is(token.charAt(s), F_OPENER)) s++;
  return token.slice(s);
}

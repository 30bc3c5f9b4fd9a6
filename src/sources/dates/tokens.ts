/**
 * The date finder's tokens: runs of digits, runs of letters and single other characters (the
 * only regexes are single character-class runs, so there is nothing to backtrack into).
 */

/** Labels in Russian, in English, or (`as-written`: de, fr, es, it, uk, pl…) the mention as the source writes it. */
export type Lang = 'ru' | 'en' | 'as-written';
type TokKind = 'num' | 'word' | 'dash' | 'punct';

export interface Tok {
  kind: TokKind;
  text: string;
  /** Lower case with ё folded to е, for vocabulary look-ups. */
  lower: string;
  start: number;
  end: number;
  /** Whitespace (or the start of text) precedes this token. */
  gap: boolean;
}

export interface Scan {
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
export const DASHES = new Set(['-', '‐', '‑', '‒', '–', '—', '―', '−']);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** End of the run of `re` starting at `at`, or `at` when there is none. */
function runEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : at;
}

export function tokenize(text: string): Tok[] {
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
export function glued(t: Tok | undefined): t is Tok {
  return t !== undefined && !t.gap;
}

export function isDot(t: Tok | undefined): boolean {
  return glued(t) && t.text === '.';
}

export function isWordAt(s: Scan, j: number): boolean {
  return s.toks[j]?.kind === 'word';
}

export function lowerAt(s: Scan, j: number): string {
  return s.toks[j]?.lower ?? '';
}

export function numVal(t: Tok | undefined, minLen: number, maxLen: number): number | null {
  if (t?.kind !== 'num' || t.text.length < minLen || t.text.length > maxLen) return null;
  return Number(t.text);
}

/** Four digits in the span we accept as years; older or later numbers are rarely years here. */
export function yearAt(s: Scan, i: number): number | null {
  const y = numVal(s.toks[i], 4, 4);
  return y !== null && y >= 1000 && y <= 2100 ? y : null;
}

export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

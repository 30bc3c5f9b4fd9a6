/**
 * Looking around a position of the scanned text: the word or token before a
 * full stop, the number a "г." or "a.m." belongs to, and what follows a
 * punctuation cluster. Every look is bounded to a few characters, so the scan
 * stays linear.
 */
import { F_DASH, F_OPENER, F_SIGN, is, isDigit, isLetter, isLower, isTerminator, isUpper, isWs } from './chars.js';

export interface NextInfo {
  /** Class of the first significant character of what follows. */
  cls: 'upper' | 'lower' | 'digit' | 'punct' | 'other' | 'end';
  /** The word that follows (letters only), '' if none. */
  word: string;
  /** The next word is a single letter followed by a dot: another initial. */
  initial: boolean;
}

/** "1925", "2010-2012", "1920-х", "10.30", "5:30", "XIX", "XIX–XX". */
const NUMERIC_TOKEN = /^(?:\d[\d.,:]*(?:[-–—]\d+)?(?:-[а-яё]{1,3})?|[IVXLCDM]+(?:[-–—][IVXLCDM]+)?)$/;

/** Start of the letters (with inner hyphens and "°") directly before position p. */
export function wordStart(t: string, p: number): number {
  let s = p;
  while (s > 0 && p - s < 30) {
    const ch = t.charAt(s - 1);
    if (isLetter(ch) || ch === '°') s--;
    else if (ch === '-' && s < p && isLetter(t.charAt(s - 2))) s--;
    else break;
  }
  return s;
}

export function wordBefore(t: string, p: number): string {
  return t.slice(wordStart(t, p), p);
}

/** Start of a number token right before the word at ws ("1925 г", "1925г", "XIX в"), or -1. */
export function numberBefore(t: string, ws: number): number {
  if (isDigit(t.charAt(ws - 1))) {
    let s = ws - 1;
    while (s > 0 && ws - s < 20 && !isWs(t.charCodeAt(s - 1))) s--;
    return NUMERIC_TOKEN.test(t.slice(s, ws)) ? s : -1;
  }
  const [s, e] = tokenBefore(t, ws);
  return s >= 0 && NUMERIC_TOKEN.test(t.slice(s, e)) ? s : -1;
}

/** The whitespace-delimited token ending before p (one run of whitespace skipped). */
function tokenBefore(t: string, p: number): [number, number] {
  let e = p;
  while (e > 0 && p - e < 4 && isWs(t.charCodeAt(e - 1))) e--;
  if (e === p || e === 0 || isWs(t.charCodeAt(e - 1))) return [-1, -1];
  let s = e;
  while (s > 0 && e - s < 24 && !isWs(t.charCodeAt(s - 1))) s--;
  return [s, e];
}

export function previousToken(t: string, p: number): string {
  const [s, e] = tokenBefore(t, p);
  return s < 0 ? '' : t.slice(s, e);
}

/** Skip whitespace, opening quotes/brackets and dashes, and describe what starts there. */
export function inspectNext(t: string, p: number): NextInfo {
  const n = t.length;
  let q = p;
  const limit = Math.min(n, p + 16);
  while (q < limit) {
    const ch = t.charAt(q);
    if (isWs(t.charCodeAt(q)) || is(ch, F_OPENER | F_DASH)) q++;
    else break;
  }
  const ch = t.charAt(q);
  if (q >= n) return { cls: 'end', word: '', initial: false };
  if (isLetter(ch)) {
    let e = q + 1;
    while (e < n && e - q < 40 && isLetter(t.charAt(e))) e++;
    const word = t.slice(q, e);
    const cls = isUpper(ch) ? 'upper' : isLower(ch) ? 'lower' : 'other';
    return { cls, word, initial: word.length === 1 && t.charAt(e) === '.' };
  }
  if (isDigit(ch) || is(ch, F_SIGN)) return { cls: 'digit', word: '', initial: false };
  if (isTerminator(ch)) return { cls: 'punct', word: '', initial: false };
  return { cls: 'other', word: '', initial: false };
}

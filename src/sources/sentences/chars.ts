/**
 * Character classes of the sentence scanner. Whitespace is exactly what
 * String.prototype.trim and /\s/ strip, so "trimmed" in the contract means
 * what callers will check.
 */

export function isWs(c: number): boolean {
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

export function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWs(text.charCodeAt(i))) return true;
  return false;
}

const LETTER = /\p{L}/u;

export function isLetter(ch: string): boolean {
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(ch);
}

export function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9' && ch.length === 1;
}

/** Upper/lower case test for a single letter (non-letters are neither). */
export function isUpper(ch: string): boolean {
  return ch !== '' && ch !== ch.toLowerCase();
}
export function isLower(ch: string): boolean {
  return ch !== '' && ch !== ch.toUpperCase();
}
export function isCyrillic(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x400 && c <= 0x52f;
}

/** Full-width and ideographic full stops (．。) end sentences like "!": no abbreviation carries them. */
const TERMINATORS = '.!?…．。';
/** Marks that may directly follow terminal punctuation and still belong to the sentence (« and ‹ close German »…« and ›…‹). */
const CLOSERS = ')]}»›”’"\'“«‹';
/** Marks skipped when looking for the first word of the next sentence. */
const OPENERS = '([{«‹»›“„‚"\'‘¿¡';
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
export const F_TERM = 1;
export const F_CLOSER = 2;
export const F_OPENER = 4;
export const F_DASH = 8;
export const F_BULLET = 16;
export const F_SIGN = 32;
export const F_SUPERSCRIPT = 64;
export const F_QUOTE = 128;
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
export function hasFlag(c: number, flags: number): boolean {
  return ((CHAR_FLAGS[c] ?? 0) & flags) !== 0;
}
/** Same for a one-character string ('' past the end of a string). */
export function is(ch: string, flags: number): boolean {
  return ch !== '' && hasFlag(ch.charCodeAt(0), flags);
}
/** `set.includes(ch)` that is false for '' (String#includes('') is always true). */
export function oneOf(set: string, ch: string): boolean {
  return ch !== '' && set.includes(ch);
}
export function isTerminator(ch: string): boolean {
  return is(ch, F_TERM);
}
export function isCloser(ch: string): boolean {
  return is(ch, F_CLOSER);
}

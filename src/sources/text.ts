/**
 * Reading a source file's bytes as text: strict UTF-8 (a wrong byte is an
 * error naming its offset, never a U+FFFD in a deck), BOM tolerated, CRLF and
 * CR read as LF, Unicode NFC. Characters that only get in the way of matching
 * (soft hyphens, zero-width spaces) are removed; bidirectional controls are
 * stripped with a warning because they can make text read differently from
 * what it is.
 */
import { inputError, type Problem } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM inside text. */
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;
/** Bidirectional embedding/override/isolate controls and marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 controls other than tab and newline (NUL among them). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export interface DecodedText {
  text: string;
  warnings: Problem[];
}

export function decodeSourceText(bytes: Uint8Array, file: string): DecodedText {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw inputError(
      'source/not-utf8',
      `not UTF-8 at byte ${offset} (0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')})`,
      { file },
      'save the file as UTF-8 (e.g. `iconv -f cp1251 -t utf-8 in.txt > out.txt`; KOI8-R: -f koi8-r; UTF-16: -f utf-16)',
    );
  }
  const utf16 = looksLikeUtf16(bytes);
  if (utf16 !== undefined) {
    throw inputError(
      'source/not-utf8',
      `not UTF-8 at byte ${utf16} (NUL bytes between the letters: this looks like UTF-16)`,
      { file },
      'save the file as UTF-8 (e.g. `iconv -f utf-16le -t utf-8 in.txt > out.txt`)',
    );
  }
  const warnings: Problem[] = [];
  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  const bidi = text.match(BIDI)?.length ?? 0;
  if (bidi > 0) {
    warnings.push({
      severity: 'warning',
      code: 'source/bidi-controls',
      message: `${bidi} bidirectional control character(s) removed`,
      hint: 'they can make text display differently from what it says; remove them from the file',
      file,
    });
  }
  text = text.replace(BIDI, '').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\t/g, ' ');
  return { text, warnings };
}

/**
 * UTF-16 text in Latin or Cyrillic without a BOM can be valid UTF-8 byte by
 * byte (every other byte NUL or a small control). A stray NUL is harmless;
 * NULs at a quarter or more of the odd (or even) offsets are not text.
 * Returns the offset of the first NUL when the file looks like UTF-16.
 */
export function looksLikeUtf16(b: Uint8Array): number | undefined {
  const n = Math.min(b.length, 4096);
  if (n < 4) return undefined;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i++) {
    if (b[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const half = n / 2;
  if (odd < half / 4 && even < half / 4) return undefined;
  return b.indexOf(0);
}

/** Byte offset of the first sequence that is not valid UTF-8. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need = 0;
    let min = 0;
    if (c < 0x80) {
      i += 1;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= b.length) return i; // truncated sequence at the end
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k]!;
      if ((cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

/**
 * Text folded for matching quotes against sources: case, ё/е, quote styles,
 * dashes and runs of whitespace do not matter. Returns the folded string and,
 * for every folded character, the offset it came from in the input, so that a
 * match can be mapped back to the original text.
 */
export function foldForMatch(input: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < input.length; i++) {
    let ch = input[i]!;
    if (/[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/.test(ch)) continue; // invisible: soft hyphens, zero-width
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        folded += ' ';
        origin.push(i);
      }
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    ch = ch.toLowerCase();
    if (ch === 'ё') ch = 'е';
    else if ('«»„“”‟"″'.includes(ch)) ch = '"';
    else if ("‘’‚‛'′`".includes(ch)) ch = "'";
    else if ('‐‑‒–—―'.includes(ch)) ch = '-';
    folded += ch;
    origin.push(i);
  }
  if (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    origin.pop();
  }
  return { folded, origin };
}

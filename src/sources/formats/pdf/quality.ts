/**
 * Whether a page's text layer is real text or the debris of fonts without a
 * Unicode map, judged per page before anything of it is cited.
 *
 * What broken text layers look like when pdf.js reads them:
 * - glyphs mapped to private-use code points, which pdf.js drops: items with
 *   a width on the page but no characters (`blankWidth`);
 * - glyph ids read as character codes: ASCII shifted by a constant with
 *   control characters for spaces ("7KLV\u0003SDJH" for "This page");
 * - a wrong map: accented Latin and symbols with no spaces ("÷ċČĖÃēĄĊĈ"),
 *   or strings of punctuation and signs;
 * - U+FFFD where a decoder gave up.
 *
 * The measure combines what real prose in any alphabetic script has: almost
 * no control, private-use or replacement characters; mostly letters (digits
 * and ordinary punctuation allowed, for tables and references); words
 * separated by spaces; most words of three letters or more with a vowel; and
 * few letters outside the common ranges of the Latin, Cyrillic and Greek
 * alphabets. Scripts without vowels in this sense (CJK, Arabic, Hebrew,
 * Indic) count as having them, so only the other tests apply there.
 */

export interface TextQuality {
  ok: boolean;
  /** Why not, for the trace. */
  reason?: string;
}

const BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uE000-\uF8FF]|[\u{F0000}-\u{10FFFF}]/gu;
const LETTER = /\p{L}/u;
/** Vowels once accents are taken off (NFD): Latin, Cyrillic, Greek. */
const VOWEL = /[aeiouyæøœаеиоуыэюяіїєѣαεηιουω]/i;
/** Letters of scripts whose words need no vowel from VOWEL's list to be words. */
const OTHER_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Bengali}\p{Script=Tamil}]/u;
/** Latin letters beyond ASCII: a few in every European language, a majority only in mojibake. */
const EXTENDED_LATIN = /[\u00C0-\u024F\u1E00-\u1EFF]/;
const ORDINARY = /[\p{L}\p{N}\p{M}\s.,;:!?'"«»„“”‘’()[\]{}\-–—/%&№§*+=<>…·•]/u;

/**
 * `text`: the page's characters in reading order (lines joined by newlines);
 * `blankWidth` / `inkWidth`: the width of items that gave no characters, and of all items.
 */
export function judgeText(text: string, blankWidth = 0, inkWidth = 0): TextQuality {
  if (inkWidth > 0 && blankWidth > 0.4 * inkWidth) return { ok: false, reason: 'glyphs without characters' };
  const chars = [...text.replace(/\s+/g, '')];
  const n = chars.length;
  if (n === 0) return { ok: false, reason: 'no text' };
  const bad = text.match(BAD)?.length ?? 0;
  if (bad > Math.max(1, 0.02 * n)) return { ok: false, reason: 'control, private-use or replacement characters' };
  const letters = chars.filter((c) => LETTER.test(c));
  // Very little text (a page number, a figure label): too little to judge; it is not prose either way.
  if (n < 12) return letters.length > 0 || /\d/.test(text) ? { ok: true } : { ok: false, reason: 'no letters' };
  const ordinary = chars.filter((c) => ORDINARY.test(c)).length;
  if (ordinary < 0.85 * n) return { ok: false, reason: 'symbols' };
  if (letters.length < 0.4 * n && !/\d/.test(text)) return { ok: false, reason: 'few letters' };
  if (letters.length >= 40) {
    const extended = letters.filter((c) => EXTENDED_LATIN.test(c)).length;
    if (extended > 0.35 * letters.length) return { ok: false, reason: 'mostly accented letters' };
  }
  const words = text.match(/[\p{L}\p{M}]+/gu) ?? [];
  // Prose has spaces: a long run of letters is a line whose spaces came out as something else.
  const inWords = words.reduce((s, w) => s + w.length, 0);
  if (inWords >= 40 && inWords / Math.max(1, words.length) > 14) return { ok: false, reason: 'no word spaces' };
  const long = words.filter((w) => w.length >= 3 && !OTHER_SCRIPT.test(w));
  if (long.length >= 5) {
    const voweled = long.filter((w) => VOWEL.test(w.normalize('NFD').replace(/\p{M}/gu, ''))).length;
    if (voweled < 0.7 * long.length) return { ok: false, reason: 'words without vowels' };
  }
  return { ok: true };
}

/**
 * The Russian and English sentence scanner, more careful than ICU
 * (Intl.Segmenter) about abbreviations, initials, dates ("1925 г."),
 * numbers, list markers, quotations, ellipses and URLs.
 *
 * How it works, in one paragraph: two linear pre-passes (prepass.ts) mark
 * (a) URLs / e-mail addresses / bare domains, inside which nothing is a
 * boundary, and (b) balanced quotations and brackets of modest length, inside
 * which nothing is a boundary either, except right before the closing mark
 * ("«Конец.» Дальше…"). Then a single left-to-right pass stops at each cluster
 * of terminal punctuation (. ! ? …), looks a few characters back (which word
 * carries the dot? is it an abbreviation? a year? an initial? — periods.ts)
 * and a few characters forward (what does the next word look like after
 * closing quotes, opening quotes and dashes? — look.ts) and decides. Every
 * look-back/look-ahead is bounded, so the whole thing is O(n) with no regex
 * run over the paragraph.
 */
import { F_BULLET, F_CLOSER, F_SUPERSCRIPT, F_TERM, hasFlag, is, isCloser, isDigit, isLetter, isLower, isTerminator, isUpper, isWs, oneOf } from './chars.js';
import type { SentenceSpan } from './types.js';
import { inspectNext, wordBefore } from './look.js';
import { classifyPeriod, periodEndsSentence, type PeriodContext } from './periods.js';
import { markProtectedQuotes, markUrls } from './prepass.js';
import type { SentenceRules } from './rules.js';
import { EXCLAMATION_WORDS } from './words.js';

export class Scanner implements PeriodContext {
  readonly text: string;
  readonly rules: SentenceRules;
  private readonly n: number;
  /** 1 inside a URL, e-mail address or bare domain. */
  readonly inUrl: Uint8Array;
  /** Nesting depth of protected quotations/brackets; the marks themselves are outside. */
  private readonly depth: Int32Array;
  private readonly spans: SentenceSpan[] = [];
  private sentStart = 0;
  /** End of a list marker ("1.", "a)", "• 9.") at the start of the current sentence. */
  private markerEnd = 0;
  private lastListNumber = 0;
  private lastListLetter = '';

  constructor(text: string, rules: SentenceRules) {
    this.text = text;
    this.rules = rules;
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

  contentStart(): number {
    return this.skipWs(Math.max(this.sentStart, this.markerEnd));
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
    return inspectNext(this.text, s).cls === 'upper';
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
    const kind = cluster.includes('!') || cluster.includes('?') || cluster.includes('．') || cluster.includes('。') ? 'strong' : 'ellipsis';
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
      if (this.depthAt(end) === 0 && inspectNext(this.text, end).cls === 'upper') this.cut(i + 1, i + 1);
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
    const next = inspectNext(this.text, k);
    let boundary: boolean;
    switch (kind) {
      case 'strong':
        boundary = next.cls !== 'lower' && next.cls !== 'punct' && !(t.charAt(i) === '!' && EXCLAMATION_WORDS.has(wordBefore(this.text, i)));
        break;
      case 'ellipsis':
        boundary = next.cls === 'upper' && !(spaced && next.word === 'I');
        break;
      case 'period':
        boundary = periodEndsSentence(this, i, next);
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
      // French spacing: « Fin. » Puis…
      if (isWs(t.charCodeAt(k)) && oneOf('»›', t.charAt(k + 1)) && (k + 2 >= this.n || isWs(t.charCodeAt(k + 2)) || is(t.charAt(k + 2), F_CLOSER))) {
        k += 2;
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
      return (isLetter(before) || isDigit(before)) && !EXCLAMATION_WORDS.has(wordBefore(this.text, i));
    }
    if (isDigit(before)) {
      let s = i - 1;
      while (s > this.sentStart && !isWs(t.charCodeAt(s - 1))) s--;
      // "1.Helado, 2.Carne": one or two digits alone are an inline list's numbers.
      if (i - s <= 2 && /^\d+$/.test(t.slice(s, i))) return false;
      return s > Math.max(this.sentStart, this.markerEnd);
    }
    if (!isLower(before)) return false;
    const word = wordBefore(this.text, i);
    if (word.length < 2) return false;
    const kind = classifyPeriod(this, i).kind;
    return kind === 'none' || kind === 'term';
  }
}

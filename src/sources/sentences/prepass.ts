/**
 * The scanner's two linear pre-passes: (1) URLs, e-mail addresses and bare
 * domains, inside which nothing is a boundary; (2) balanced quotations and
 * brackets of modest length, inside which nothing is a boundary either,
 * except right before the closing mark.
 */
import { F_DASH, F_OPENER, F_QUOTE, hasFlag, is, isDigit, isLetter, isWs, oneOf } from './chars.js';

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

export function markUrls(text: string): Uint8Array {
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
// Pre-pass 2: balanced quotations and brackets («…», „…“, »…«, “…”, ‹…›, (…)).
// Punctuation strictly inside a matched pair no longer than MAX_PROTECTED is
// not a sentence boundary
// (pySBD/Russian convention: «К чему ты готовишься? – спросила мама. –
// Завтра ведь выходной». is one sentence). Unmatched marks are ignored, so a
// stray ")" after a list number or an apostrophe does no harm.

interface OpenMark {
  ch: string;
  pos: number;
}

/** Longest quotation/bracket whose inside is protected from splitting. */
const MAX_PROTECTED = 300;

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '»': '«', '›': '‹' };
const STACK_SEARCH = 8;

export function markProtectedQuotes(text: string): Int32Array {
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
      case '„':
      case '‘':
        stack.push({ ch, pos: i });
        break;
      case '«':
      case '‹':
        // Closes a German »…« / ›…‹ right after a word, otherwise opens «…».
        if (!(i > 0 && !isWs(text.charCodeAt(i - 1)) && close(ch === '«' ? '»' : '›', i))) stack.push({ ch, pos: i });
        break;
      case '»':
      case '›':
        // Closes «…»; with nothing open, a mark before a word opens a German »…«.
        if (!close(PAIRS[ch] ?? '', i) && i + 1 < n && !isWs(text.charCodeAt(i + 1))) stack.push({ ch, pos: i });
        break;
      case ')':
      case ']':
      case '}':
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
        // A straight double quote after a space still closes an open one when no word follows ('[...] ".').
        const closesAfterSpace = ch === '"' && !isLetter(next) && !isDigit(next);
        if ((!prevSpace || closesAfterSpace) && isOpen(opener)) close(opener, i);
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

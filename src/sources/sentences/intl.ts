/**
 * Sentences of languages without rules of their own: ICU via
 * Intl.Segmenter, trimmed to the same contract as the scanner. A user's
 * abbreviations (config or sidecar) join a sentence ICU ended after one of
 * them to the next.
 */
import { isLetter, isWs } from './chars.js';
import type { SentenceSpan } from './types.js';
import { abbreviationKey } from './words.js';

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

export function splitWithIntl(text: string, lang: string, abbreviations: readonly string[] = []): SentenceSpan[] {
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
  return abbreviations.length > 0 ? joinAfterAbbreviations(text, spans, abbreviations) : spans;
}

/** Join each sentence that ends in one of the abbreviations (as a whole word, case aside) with the next. */
function joinAfterAbbreviations(text: string, spans: SentenceSpan[], abbreviations: readonly string[]): SentenceSpan[] {
  const keys = new Set(abbreviations.map(abbreviationKey));
  const longest = Math.max(...abbreviations.map((a) => a.length)) + 1;
  const joined: SentenceSpan[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    if (last !== undefined && endsInAbbreviation(text, last, keys, longest)) last.end = span.end;
    else joined.push({ ...span });
  }
  return joined;
}

function endsInAbbreviation(text: string, span: SentenceSpan, keys: ReadonlySet<string>, longest: number): boolean {
  if (text.charAt(span.end - 1) !== '.') return false;
  const from = Math.max(span.start, span.end - longest);
  // Every start of a word within reach: "z. B." is looked up as "z. B." and as "B.".
  for (let s = from; s < span.end - 1; s++) {
    if (isLetter(text.charAt(s)) && (s === span.start || !isLetter(text.charAt(s - 1))) && keys.has(abbreviationKey(text.slice(s, span.end)))) return true;
  }
  return false;
}

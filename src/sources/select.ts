/**
 * Quote selectors: finding a passage by what it says rather than by number,
 * so that references survive re-numbering of the source.
 *   { find: "никоим образом не означает" }  → the sentence(s) containing it
 *   { from: "Конвенция оставила", to: "договора»." } → that exact span
 * Matching ignores case, runs of whitespace, quote style, dash style, ё/е and
 * soft hyphens; "…" or "[…]" in a find skips words (an ordered subsequence).
 */
import { foldForMatch } from './text.js';
import { AddressError, formatAddress, selectAddress, type Passage } from './address.js';
import type { Source } from './source.js';

interface Hit {
  paragraph: number;
  first: number;
  last: number;
}

const ELLIPSIS = /\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*/;

/** Positions (in folded text) where the parts occur in order, or undefined. */
function matchParts(hay: string, parts: string[], from = 0): { start: number; end: number } | undefined {
  let pos = from;
  let start = -1;
  for (const part of parts) {
    const at = hay.indexOf(part, pos);
    if (at < 0) return undefined;
    if (start < 0) start = at;
    pos = at + part.length;
  }
  return start < 0 ? undefined : { start, end: pos };
}

function foldedParts(needle: string): string[] {
  return needle
    .split(ELLIPSIS)
    .map((p) => foldForMatch(p).folded)
    .filter((p) => p.length > 0);
}

/** Sentence index range [first, last] (1-based) that covers folded offsets [start, end) of a paragraph. */
function sentencesCovering(source: Source, pIndex: number, startChar: number, endChar: number): { first: number; last: number } {
  const p = source.paragraphs[pIndex]!;
  let offset = 0;
  let first = 1;
  let last = p.sentences.length;
  p.sentences.forEach((s, i) => {
    const at = p.text.indexOf(s.text, offset);
    const end = at + s.text.length;
    if (at <= startChar && startChar < end + 1) first = i + 1;
    if (at < endChar && endChar <= end + 1) last = i + 1;
    offset = end;
  });
  return { first, last: Math.max(first, last) };
}

export function findPassage(source: Source, needle: string): Passage {
  const parts = foldedParts(needle);
  if (parts.length === 0) throw new AddressError('find: the text to find is empty');
  const hits: Hit[] = [];
  source.paragraphs.forEach((p, pi) => {
    const { folded, origin } = foldForMatch(p.text);
    let from = 0;
    for (;;) {
      const m = matchParts(folded, parts, from);
      if (!m) break;
      const { first, last } = sentencesCovering(source, pi, origin[m.start]!, origin[m.end - 1]! + 1);
      hits.push({ paragraph: pi + 1, first, last });
      from = m.start + 1;
    }
  });
  const unique = hits.filter((h, i) => hits.findIndex((o) => o.paragraph === h.paragraph && o.first === h.first && o.last === h.last) === i);
  if (unique.length === 0) {
    throw new AddressError(`find: "${needle}" is not in "${source.name}"`, nearestHint(source, parts.join(' ')));
  }
  if (unique.length > 1) {
    const list = unique
      .slice(0, 5)
      .map((h) => addressOf(source, h))
      .join(', ');
    throw new AddressError(
      `find: "${needle}" is ambiguous in "${source.name}": it occurs at ${list}`,
      'quote more words, or use one of these addresses as ref:',
    );
  }
  const hit = unique[0]!;
  return selectAddress(source, {
    source: source.name,
    from: { paragraph: hit.paragraph, sentence: hit.first },
    to: { paragraph: hit.paragraph, sentence: hit.last },
  });
}

/** An exact span from one phrase to another (inclusive), within one paragraph or across several. */
export function findSpan(source: Source, from: string, to: string): Passage & { exact: string } {
  const a = foldForMatch(from).folded;
  const b = foldForMatch(to).folded;
  for (let pi = 0; pi < source.paragraphs.length; pi++) {
    const p = source.paragraphs[pi]!;
    const { folded, origin } = foldForMatch(p.text);
    const start = folded.indexOf(a);
    if (start < 0) continue;
    const end = folded.indexOf(b, start + a.length - Math.min(a.length, b.length));
    if (end < 0) {
      throw new AddressError(`to: "${to}" does not follow "${from}" in ${source.name}#${p.id}`, 'from and to must lie in the same paragraph, in this order');
    }
    const s = origin[start]!;
    const e = origin[end + b.length - 1]! + 1;
    const cover = sentencesCovering(source, pi, s, e);
    const passage = selectAddress(source, {
      source: source.name,
      from: { paragraph: pi + 1, sentence: cover.first },
      to: { paragraph: pi + 1, sentence: cover.last },
    });
    const exact = p.text.slice(s, e);
    return { ...passage, text: exact, exact };
  }
  throw new AddressError(`from: "${from}" is not in "${source.name}"`, nearestHint(source, a));
}

function addressOf(source: Source, h: Hit): string {
  return formatAddress({ source: source.name, from: { paragraph: h.paragraph, sentence: h.first }, to: { paragraph: h.paragraph, sentence: h.last } });
}

/** The sentences sharing the most words with what was sought, as a hint. */
export function nearestHint(source: Source, folded: string): string {
  const words = new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  const scored = source.paragraphs
    .flatMap((p) => p.sentences)
    .map((s) => {
      const own = new Set(foldForMatch(s.text).folded.split(/[^\p{L}\p{N}]+/u));
      let score = 0;
      for (const w of words) if (own.has(w) || [...own].some((o) => o.startsWith(w.slice(0, Math.max(4, w.length - 2))))) score++;
      return { s, score };
    })
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score)
    .slice(0, 3);
  if (scored.length === 0) return `\`lectern passages ${source.file}\` lists every sentence with its address`;
  return 'nearest: ' + scored.map(({ s }) => `${source.name}#${s.id} "${s.text.length > 70 ? s.text.slice(0, 67) + '…' : s.text}"`).join('; ');
}

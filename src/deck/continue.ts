/**
 * Long text: a passage too long for one slide is split at sentence
 * boundaries into continuation slides, each cited and marked as continued,
 * instead of being cut off or shrunk unreadably. The limits are characters of
 * running text that fit the lecture-hall type sizes of the default theme;
 * whatever still overflows is measured in the browser and reported.
 */
import { splitSentences } from '../sources/sentences/index.js';
import type { BulletItem, CodeBlock, DeckSlide, Piece } from './model.js';

/** Characters of body text that fit one slide, by layout. */
export const FIT = { text: 620, quote: 420 } as const;

/**
 * Bullets are measured in lines of the lectern theme's body type (PT Sans,
 * 34 px, on a 1280×720 slide, under a title): about ten lines, each item a
 * little more for the space around it, a nested item smaller. A line holds
 * about 64 Cyrillic letters or 73 Latin ones (measured in Chromium: 16.3 and
 * 14.3 px a character, less what word wrapping loses).
 */
export const BULLET_FIT = { lines: 9, perLine: 64, nestedPerLine: 72, itemSpace: 0.3 } as const;

/**
 * Timeline events: 0.9 em text (41 px lines) beside the date column, in the
 * 490 px under a title; each event about 0.6 of a line more for the space
 * between events (measured: five two-line events take 534 px).
 */
export const TIMELINE_FIT = { lines: 11.8, perLine: 54, itemSpace: 0.6 } as const;

/** A text's width in Cyrillic letters' widths: Latin letters and the rest are narrower. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0400-\u04FF]/.test(ch) ? 1 : 0.88;
  return width;
}

/** Lines a text takes at `perLine` (see BULLET_FIT), at least one. */
export function textLines(text: string, perLine: number): number {
  return Math.max(1, Math.ceil(textWidth(text) / perLine));
}

/**
 * Code: PT Mono at 24 px (the body floor: code is read like body text) with
 * 1.4 line spacing, in the box under a title: 13 lines, each of 75
 * characters (PT Mono's advance is 0.6 em, 14.4 px, in the 1096 px inside
 * the box's padding); a longer line wraps and takes more.
 */
export const CODE_FIT = { lines: 13, perLine: 75 } as const;

export const MAX_CONTINUED = 40;

export class TooLongError extends Error {}

export function splitLong(slide: DeckSlide, lang: string): DeckSlide[] {
  const bulletsLength = (list: DeckSlide['bullets']): number => list.reduce((n, b) => n + b.text.length + bulletsLength(b.bullets), 0);
  const length =
    slide.paragraphs.reduce((n, p) => n + p.text.length, 0) +
    (slide.quote?.text.length ?? 0) +
    bulletsLength(slide.bullets) +
    slide.timeline.reduce((n, t) => n + t.text.length, 0) +
    slide.columns.reduce((n, c) => n + bulletsLength(c.bullets) + c.paragraphs.reduce((m, p) => m + p.text.length, 0) + (c.quote?.text.length ?? 0), 0) +
    (slide.code?.text.length ?? 0);
  if (length > FIT.text * MAX_CONTINUED) {
    throw new TooLongError(`the text of this slide is too large (${length} characters, over ${MAX_CONTINUED} slides)`);
  }
  if (slide.layout === 'text' && slide.paragraphs.length > 0 && !slide.paragraphs.some((p) => p.md)) {
    const chunks = chunkPieces(slide.paragraphs, FIT.text, lang);
    if (chunks.length > 1) return chunks.map((paragraphs, i) => ({ ...slide, paragraphs, continued: i > 0, notes: i === 0 ? slide.notes : [] }));
  }
  if (slide.layout === 'bullets' && slide.bullets.length > 1 && slide.paragraphs.length === 0 && !slide.md && !hasMd(slide.bullets)) {
    // A bullet stays with its sub-bullets.
    const chunks = chunkByLines(slide.bullets, (b) => bulletLines(b), BULLET_FIT.lines);
    if (chunks.length > 1) return chunks.map((bullets, i) => ({ ...slide, bullets, continued: i > 0, notes: i === 0 ? slide.notes : [] }));
  }
  if (slide.layout === 'timeline' && slide.timeline.length > 1 && !slide.md && !slide.timeline.some((t) => t.md !== undefined)) {
    const chunks = chunkByLines(slide.timeline, (t) => textLines(t.text, TIMELINE_FIT.perLine) + TIMELINE_FIT.itemSpace, TIMELINE_FIT.lines);
    if (chunks.length > 1) return chunks.map((timeline, i) => ({ ...slide, timeline, continued: i > 0, notes: i === 0 ? slide.notes : [] }));
  }
  if (slide.layout === 'code' && slide.code && !slide.md) {
    const parts = chunkCode(slide.code);
    if (parts.length > 1) return parts.map((code, i) => ({ ...slide, code, continued: i > 0, notes: i === 0 ? slide.notes : [] }));
  }
  if (slide.layout === 'quote' && slide.quote && !slide.quote.md && !slide.quote.parts && slide.quote.text.length > FIT.quote) {
    const parts = chunkText(slide.quote.text, FIT.quote, lang);
    if (parts.length > 1) {
      return parts.map((text, i) => ({
        ...slide,
        quote: {
          ...slide.quote!,
          text: (i > 0 ? '… ' : '') + text + (i < parts.length - 1 ? ' …' : ''),
          attribution: i === parts.length - 1 ? slide.quote!.attribution : undefined,
        },
        continued: i > 0,
        notes: i === 0 ? slide.notes : [],
      }));
    }
  }
  return [slide];
}

/** Sentences of a text packed greedily into chunks of at most `limit` characters (a longer sentence stands alone). */
export function chunkText(text: string, limit: number, lang: string): string[] {
  const sentences = splitSentences(text, lang).map((s) => text.slice(s.start, s.end));
  const chunks: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + 1 + s.length > limit) {
      chunks.push(current);
      current = s;
    } else {
      current = current ? `${current} ${s}` : s;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * Paragraph pieces packed into slides, sentence by sentence: a slide is
 * filled before the next begins, so a paragraph that does not fit whole
 * starts on the slide with room and continues on the next. A paragraph split
 * so stays one paragraph on each slide; a sentence longer than a slide stands
 * alone.
 */
function chunkPieces(pieces: Piece[], limit: number, lang: string): Piece[][] {
  const slides: Piece[][] = [];
  let current: Piece[] = [];
  let used = 0;
  for (const piece of pieces) {
    const sentences = piece.text.length > limit - used ? splitSentences(piece.text, lang).map((s) => piece.text.slice(s.start, s.end)) : [piece.text];
    let part = '';
    let first = true;
    const flush = () => {
      if (!part) return;
      // The full passage (for notes and handouts) goes with the first part only.
      current.push({ ...piece, text: part, passage: first ? piece.passage : undefined });
      first = false;
      part = '';
    };
    for (const sentence of sentences) {
      const cost = sentence.length + (part ? 1 : 0);
      if (used > 0 && used + cost > limit) {
        flush();
        slides.push(current);
        current = [];
        used = 0;
      }
      part = part ? `${part} ${sentence}` : sentence;
      used += cost;
    }
    flush();
  }
  if (current.length) slides.push(current);
  return slides;
}

const hasMd = (items: BulletItem[]): boolean => items.some((b) => b.md !== undefined || hasMd(b.bullets));

/** Lines a bullet takes, with its sub-bullets (see BULLET_FIT). */
function bulletLines(item: BulletItem, nested = false): number {
  const own = nested ? textLines(item.text, BULLET_FIT.nestedPerLine) * 0.88 : textLines(item.text, BULLET_FIT.perLine);
  return own + BULLET_FIT.itemSpace + item.bullets.reduce((n, b) => n + bulletLines(b, true), 0);
}

/** Items packed into slides of `budget` lines, in order; an item that does not fit alone stands alone. */
function chunkByLines<T>(items: T[], lines: (item: T) => number, budget: number): T[][] {
  const slides: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = lines(item);
    if (current.length && used + cost > budget) {
      slides.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += cost;
  }
  if (current.length) slides.push(current);
  return slides;
}

/** Code cut into slides of CODE_FIT lines (a wrapped line counts as the lines it takes), each part with its first line's number and its share of the highlighted range. */
export function chunkCode(code: CodeBlock): CodeBlock[] {
  const lines = code.text.split('\n');
  const groups = chunkByLines(
    lines.map((text, i) => ({ text, number: code.start + i })),
    (line) => Math.max(1, Math.ceil([...line.text].length / CODE_FIT.perLine)),
    CODE_FIT.lines,
  );
  return groups.map((group) => {
    const start = group[0]!.number;
    const end = start + group.length - 1;
    const { lines: range, ...rest } = code;
    const part: CodeBlock = { ...rest, text: group.map((l) => l.text).join('\n'), start };
    if (range) {
      // The range in whole-code numbers, then within this part.
      const from = Math.max(range.from + code.start - 1, start);
      const to = Math.min(range.to + code.start - 1, end);
      if (from <= to) part.lines = { from: from - start + 1, to: to - start + 1 };
    }
    return part;
  });
}

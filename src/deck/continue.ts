/**
 * Long text: a passage too long for one slide is split at sentence
 * boundaries into continuation slides, each cited and marked as continued,
 * instead of being cut off or shrunk unreadably. The limits are characters of
 * running text that fit the lecture-hall type sizes of the default theme;
 * whatever still overflows is measured in the browser and reported.
 */
import { splitSentences } from '../sources/sentences.js';
import type { BulletItem, DeckSlide, Piece } from './model.js';

/** Characters of body text that fit one slide, by layout. */
export const FIT = { text: 620, quote: 420 } as const;

/**
 * Bullets are measured in lines of the lectern theme's body type (34 px on a
 * 1280×720 slide, about 60 characters a line, nine lines under a title);
 * each item adds a little for the space around it, a nested item is smaller.
 */
export const BULLET_FIT = { lines: 9, charsPerLine: 60, nestedCharsPerLine: 68, itemSpace: 0.3 } as const;

/** More continuation slides than this is not a lecture slide but a document: cite less, or use the reading pack. */
export const MAX_CONTINUED = 40;

export class TooLongError extends Error {}

export function splitLong(slide: DeckSlide, lang: string): DeckSlide[] {
  const bulletsLength = (list: DeckSlide['bullets']): number => list.reduce((n, b) => n + b.text.length + bulletsLength(b.bullets), 0);
  const length =
    slide.paragraphs.reduce((n, p) => n + p.text.length, 0) +
    (slide.quote?.text.length ?? 0) +
    bulletsLength(slide.bullets) +
    slide.timeline.reduce((n, t) => n + t.text.length, 0) +
    slide.columns.reduce((n, c) => n + bulletsLength(c.bullets) + c.paragraphs.reduce((m, p) => m + p.text.length, 0) + (c.quote?.text.length ?? 0), 0);
  if (length > FIT.text * MAX_CONTINUED) {
    throw new TooLongError(`the text of this slide is too large (${length} characters, over ${MAX_CONTINUED} slides)`);
  }
  if (slide.layout === 'text' && slide.paragraphs.length > 0 && !slide.paragraphs.some((p) => p.md)) {
    const chunks = chunkPieces(slide.paragraphs, FIT.text, lang);
    if (chunks.length > 1) return chunks.map((paragraphs, i) => ({ ...slide, paragraphs, continued: i > 0, notes: i === 0 ? slide.notes : [] }));
  }
  if (slide.layout === 'bullets' && slide.bullets.length > 1 && slide.paragraphs.length === 0 && !slide.md && !hasMd(slide.bullets)) {
    const chunks = chunkBullets(slide.bullets);
    if (chunks.length > 1) return chunks.map((bullets, i) => ({ ...slide, bullets, continued: i > 0, notes: i === 0 ? slide.notes : [] }));
  }
  if (slide.layout === 'quote' && slide.quote && !slide.quote.md && !slide.quote.parts && slide.quote.text.length > FIT.quote) {
    const parts = chunkText(slide.quote.text, FIT.quote, lang);
    if (parts.length > 1) {
      return parts.map((text, i) => ({
        ...slide,
        quote: { ...slide.quote!, text: (i > 0 ? '… ' : '') + text + (i < parts.length - 1 ? ' …' : ''), attribution: i === parts.length - 1 ? slide.quote!.attribution : undefined },
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
  const perLine = nested ? BULLET_FIT.nestedCharsPerLine : BULLET_FIT.charsPerLine;
  const own = Math.max(1, Math.ceil(item.text.length / perLine)) * (nested ? 0.88 : 1) + BULLET_FIT.itemSpace;
  return own + item.bullets.reduce((n, b) => n + bulletLines(b, true), 0);
}

/** Top-level bullets packed into slides of BULLET_FIT.lines; a bullet with its sub-bullets stays together. */
function chunkBullets(items: BulletItem[]): BulletItem[][] {
  const slides: BulletItem[][] = [];
  let current: BulletItem[] = [];
  let used = 0;
  for (const item of items) {
    const lines = bulletLines(item);
    if (current.length && used + lines > BULLET_FIT.lines) {
      slides.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += lines;
  }
  if (current.length) slides.push(current);
  return slides;
}

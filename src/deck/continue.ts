/**
 * Long text: a passage too long for one slide is split at sentence
 * boundaries into continuation slides, each cited and marked as continued,
 * instead of being cut off or shrunk unreadably. The limits are characters of
 * running text that fit the lecture-hall type sizes of the default theme;
 * whatever still overflows is measured in the browser and reported.
 */
import { splitSentences } from '../sources/sentences.js';
import type { DeckSlide, Piece } from './model.js';

/** Characters of body text that fit one slide, by layout. */
export const FIT = { text: 620, quote: 420 } as const;

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

/** Paragraph pieces packed into slides; a paragraph longer than a slide is cut at sentence boundaries. */
function chunkPieces(pieces: Piece[], limit: number, lang: string): Piece[][] {
  const slides: Piece[][] = [];
  let current: Piece[] = [];
  let used = 0;
  for (const piece of pieces) {
    const parts = piece.text.length > limit ? chunkText(piece.text, limit, lang) : [piece.text];
    for (const text of parts) {
      if (current.length && used + text.length > limit) {
        slides.push(current);
        current = [];
        used = 0;
      }
      // The full passage (for notes and handouts) goes with the first part only.
      current.push({ ...piece, text, passage: text === parts[0] ? piece.passage : undefined });
      used += text.length;
    }
  }
  if (current.length) slides.push(current);
  return slides;
}

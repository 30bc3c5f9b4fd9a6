/**
 * What the course page needs of one lecture, read from its prepared deck (the
 * build's own preparation, src/pipeline/prepare.ts): its title and slides'
 * text for the search, the passages it cites (with the slides citing them)
 * for the search and the coverage, its bibliography for the sources list.
 */
import type { BibEntry, BulletItem, DeckSlide, Piece } from '../deck/model.js';
import type { Prepared } from '../pipeline/prepare.js';

export interface SlideSummary {
  number: number;
  title?: string;
  /** Bullets, paragraphs, quote, columns and timeline as plain text (notes are the lecturer's, not searched). */
  text: string;
}

export interface CitedPassage {
  /** "conv#p2.s3" */
  address: string;
  /** The source as the lecture names it, its file (absolute), title, and its paragraphs in order (body, then footnotes). */
  source: { name: string; file: string; title: string; paragraphs: string[] };
  /** Paragraphs (p2, fn1) the passage touches. */
  paragraphs: string[];
  text: string;
  /** Slides citing it (on the slide or in its notes). */
  slides: number[];
}

export interface LectureSummary {
  /** Output base name: out/NAME.* */
  name: string;
  title: string;
  subtitle?: string;
  lang: string;
  slideCount: number;
  slides: SlideSummary[];
  cited: CitedPassage[];
  bibliography: BibEntry[];
}

export function summarize(prepared: Prepared): LectureSummary {
  const { deck, citedPassages } = prepared.resolved;
  return {
    name: prepared.outline.name,
    title: deck.title,
    subtitle: deck.subtitle,
    lang: deck.lang,
    slideCount: prepared.slides.slideCount,
    slides: deck.slides.map((s) => ({ number: s.number, title: s.title, text: slideText(s) })),
    cited: [...citedPassages.values()].map(({ passage, slides }) => ({
      address: passage.address,
      source: {
        name: passage.source.name,
        file: passage.source.file,
        title: passage.source.meta.title ?? passage.source.name,
        paragraphs: [...passage.source.paragraphs, ...passage.source.footnotes].map((p) => p.id),
      },
      paragraphs: passage.parts.map((p) => p.paragraph.id),
      text: passage.text,
      slides: [...slides].sort((a, b) => a - b),
    })),
    bibliography: deck.bibliography,
  };
}

function bulletText(items: BulletItem[]): string[] {
  return items.flatMap((b) => [b.text, ...bulletText(b.bullets)]);
}

const pieces = (list: Piece[]) => list.map((p) => p.text);

function slideText(s: DeckSlide): string {
  return [
    s.subtitle ?? '',
    ...bulletText(s.bullets),
    ...pieces(s.paragraphs),
    s.quote?.text ?? '',
    ...s.columns.flatMap((c) => [c.title ?? '', ...bulletText(c.bullets), ...pieces(c.paragraphs), c.quote?.text ?? '']),
    ...s.timeline.flatMap((t) => [t.date, t.text]),
    s.image?.caption ?? '',
  ]
    .filter((t) => t.trim() !== '')
    .join('\n');
}

/**
 * The deck model: what the lecturer meant, fully resolved. It is the one
 * contract between the outline and every output — templates only format it
 * and never look anything up.
 */
import type { Strings } from './strings.js';

export interface Citation {
  /** Source name in the outline ("conv"). */
  source: string;
  /** Canonical address ("conv#p2.s3"). */
  address: string;
  /** Short form shown on slides: "Установление отношений, абз. 2, с. 112". */
  short: string;
  /** The source's short title. */
  title: string;
  /** Paragraph numbers and printed pages the passage spans. */
  paragraphs: number[];
  pages: string[];
  /** `short` is the citation style's ("[1, с. 45]", "(Lensen, 1970, p. 45)"), which brings its own brackets. */
  styled: boolean;
  /** The CSL item cited (a source with bibliographic data, or a `cite:` key). */
  key?: string;
  /** A `cite:`'s locator and label ("45", page). */
  locator?: string;
  label?: string;
}

/** A piece of text on a slide: literal text (escaped by templates), or raw Markdown. */
export interface Piece {
  text: string;
  /** Raw Marp Markdown from an `md:` field, inserted unescaped. */
  md?: string;
  citation?: Citation;
  /** The full cited passage, when the slide shows other text (notes, handouts, reading pack). */
  passage?: string;
}

export interface BulletItem extends Piece {
  /** A formula in TeX after the text (`math:` on the bullet), checked by KaTeX, on one line (see deck/math.ts). */
  math?: string;
  /** The item appears one at a time in the HTML deck (`reveal:` on its slide or list): Marp's fragmented-list markers. */
  reveal: boolean;
  bullets: BulletItem[];
}

/** Code on a slide (`code:`), or the part of it this continued slide shows. */
export interface CodeBlock {
  /** The lines, as written (never Markdown). */
  text: string;
  /** highlight.js's name for the language ('' for plain text). */
  lang: string;
  /** The number of the first line shown here, in the whole code (1 on the first slide). */
  start: number;
  /** Lines to highlight, numbered from 1 within `text` (already shifted for a continued part). */
  lines?: { from: number; to: number };
}

export interface QuoteBlock extends Piece {
  /** The quote split around the highlighted phrase: [before, highlight, after]. */
  parts?: [string, string, string];
  attribution?: string;
}

export interface TimelineItem extends Piece {
  date: string;
}

export interface ColumnBlock {
  title?: string;
  /** Its bullets appear one at a time (`reveal:` on the column or the slide). */
  reveal: boolean;
  bullets: BulletItem[];
  quote?: QuoteBlock;
  paragraphs: Piece[];
}

export interface ImageBlock {
  /** Data URL or path, as the renderer embeds it. */
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}

export interface DeckSlide {
  /** 1-based position in the deck. */
  number: number;
  id?: string;
  layout: string;
  title?: string;
  subtitle?: string;
  class?: string;
  section?: string;
  bullets: BulletItem[];
  quote?: QuoteBlock;
  paragraphs: Piece[];
  image?: ImageBlock;
  columns: ColumnBlock[];
  timeline: TimelineItem[];
  /** A display formula in TeX (`math:` on the slide), checked by KaTeX, on one line. */
  math?: string;
  code?: CodeBlock;
  /** The slide's bullets appear one at a time (`reveal: true`). */
  reveal: boolean;
  notes: Piece[];
  /** A work the slide cites as a whole (`cite:` on the slide). */
  cite?: Citation;
  /** Every citation on the slide, once each, in order. */
  citations: Citation[];
  /** The citations as one line, grouped by source: "Отношения СССР и Японии, абз. 2, 3". */
  citeLine: string;
  /** Raw Markdown body. */
  md?: string;
  /** Continuation slide of a long passage: "(продолжение)". */
  continued?: boolean;
  tags: string[];
  /** Outline file and line this slide came from, for messages. */
  origin: { file: string; line: number; column: number };
}

/** A run of a styled bibliography entry: text (escaped by templates), in italics or bold, or a link (http, https or ftp). */
export interface BibSegment {
  text: string;
  italic: boolean;
  bold: boolean;
  /** The link's address ('' when the run is not a link). */
  href: string;
}

export interface BibEntry {
  /** The source's name in the outline, or the key of a `cite:`d entry. */
  name: string;
  /** The full entry: "Author. Title. Publisher, Year."; in a citation style, its text ("1. Lensen G. A. Russia and Japan…"). */
  entry: string;
  /** The entry as runs of text, italics and links (one plain run without a style). */
  segments: BibSegment[];
  title: string;
  short: string;
  url?: string;
  /** Addresses cited, in source order. */
  cited: string[];
}

export interface Deck {
  /** Outline file name without extension: out/NAME.* */
  name: string;
  title: string;
  subtitle?: string;
  author?: string;
  institution?: string;
  course?: string;
  date?: string;
  lang: string;
  theme: string;
  size: '16:9' | '4:3';
  sections: Array<{ title: string; slide: number }>;
  slides: DeckSlide[];
  bibliography: BibEntry[];
  /** The CSL style citations and the bibliography follow (null: short titles, Lectern's own entries). */
  citationStyle: { name: string; numeric: boolean } | null;
  vars: Record<string, unknown>;
  strings: Strings;
}

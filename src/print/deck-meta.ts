/**
 * What a deck PDF says about itself besides its pages — metadata, bookmarks,
 * notes as text — as plain data, without pdf-lib: a build keys its PDFs on
 * these before anything is printed (pdf-meta.ts writes them into the PDF).
 */
import type { Deck, DeckSlide } from '../deck/model.js';

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** BCP 47 language tag, written as the catalog's /Lang. */
  lang: string;
  /** Default "Lectern". */
  creator?: string;
  /** CreationDate and ModDate; default: now. */
  date?: Date;
}

/** What a slide is called in bookmarks, handouts and the reading pack. */
export function slideLabel(deck: Deck, slide: DeckSlide): string {
  if (slide.title) return slide.title;
  switch (slide.layout) {
    case 'title':
      return deck.title;
    case 'agenda':
      return deck.strings.agenda;
    case 'questions':
      return deck.strings.questionsPrompt;
    case 'sources':
      return deck.strings.sources;
    default:
      return `${deck.strings.slide} ${slide.number}`;
  }
}

/** The metadata every output of a deck shares; `subject` may be replaced per output. */
export function deckMetadata(deck: Deck): PdfMetadata {
  const keywords = [deck.course, ...deck.sections.map((s) => s.title)].filter((k): k is string => !!k);
  return {
    title: deck.title,
    author: deck.author,
    subject: deck.subtitle ?? deck.course,
    keywords: [...new Set(keywords)],
    lang: deck.lang,
    creator: 'Lectern',
  };
}

/** The speaker notes of a slide as plain text: one paragraph per note, citations in brackets. */
export function notesText(slide: DeckSlide): string {
  return slide.notes
    .map((n) => (n.citation ? `${n.text} [${n.citation.short}; ${n.citation.address}]` : n.text))
    .map((t) => t.trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Which slide each page of a deck PDF shows: the slide's number (1-based) by
 * page (0-based). Without it, page n is slide n; with `--pdf-steps` a slide
 * with step-by-step items has a page per step.
 */
export type PageSlides = readonly number[];

/** The page (0-based) where a slide starts; -1 when no page shows it. */
export function firstPage(slideNumber: number, pages?: PageSlides): number {
  return pages ? pages.indexOf(slideNumber) : slideNumber - 1;
}

export interface OutlineNode {
  title: string;
  /** 0-based page index. */
  page: number;
  children: OutlineNode[];
}

/** Sections at the top level with their slides nested; slides before the first section stand alone. Each opens its slide's first page. */
export function deckOutline(deck: Deck, pages?: PageSlides): OutlineNode[] {
  const starts = new Map(deck.sections.map((s) => [s.slide, s.title]));
  const top: OutlineNode[] = [];
  let section: OutlineNode | undefined;
  for (const slide of deck.slides) {
    const title = starts.get(slide.number);
    if (title !== undefined) {
      section = { title, page: firstPage(slide.number, pages), children: [] };
      top.push(section);
      continue;
    }
    const node: OutlineNode = { title: slideLabel(deck, slide), page: firstPage(slide.number, pages), children: [] };
    (section ? section.children : top).push(node);
  }
  return top;
}

/**
 * Everything the finished deck PDF takes from the deck besides its pages, as
 * one string for cache keys: metadata, bookmarks, and (with `--pdf-notes`)
 * each slide's notes and the strings around them.
 */
export function finishKey(deck: Deck, notes: boolean, pages?: PageSlides): string {
  return JSON.stringify([
    deckMetadata(deck),
    deckOutline(deck, pages),
    notes ? [deck.strings.notes, deck.strings.slide, deck.slides.map(notesText), pages ?? null] : null,
  ]);
}

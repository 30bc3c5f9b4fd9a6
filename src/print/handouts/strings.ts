/** The fixed strings of handouts and the reading pack, per language: the message catalogue's `handout` words (src/messages/, English for languages without one). */
import type { Handout } from './kinds.js';
import { fill, messagesFor, plural } from '../../messages/index.js';

export interface HandoutStrings {
  pageOf: (page: number | string, pages: number | string) => string;
  /** The same for CSS `content`: the parts before, between and after the two counters. */
  pageOfCss: [string, string, string];
  notes: string;
  passages: string;
  slide: string;
  slides: string;
  of: string;
  readingPack: string;
  readingIntro: (passages: number, sources: number) => string;
  bibliography: string;
  /** Before the addresses a slide cites that lie within a note's passage. */
  onSlide: string;
  /** Before the addresses of shorter passages that lie within a printed one. */
  including: string;
  /** A short quoted snippet in the language's quotation marks. */
  quote: (text: string) => string;
  kinds: Record<Handout, string>;
}

/** "Seite {page} von {pages}" cut at its two placeholders, for CSS counters. */
function cssParts(pageOf: string): [string, string, string] {
  const [before = '', rest = ''] = pageOf.split('{page}');
  const [between = '', after = ''] = rest.split('{pages}');
  return [before, between, after];
}

export function handoutStrings(lang: string): HandoutStrings {
  const { deck, handout, quotes } = messagesFor(lang);
  return {
    pageOf: (page, pages) => fill(handout.pageOf, { page, pages }),
    pageOfCss: cssParts(handout.pageOf),
    notes: deck.notes,
    passages: handout.passages,
    slide: handout.slide,
    slides: handout.slides,
    of: deck.of,
    readingPack: handout.readingPack,
    readingIntro: (passages, sources) => fill(handout.readingIntro, { passages, sources }),
    bibliography: deck.sources,
    onSlide: handout.onSlide,
    including: handout.including,
    quote: (text) => `${quotes[0]}${text}${quotes[1]}`,
    kinds: {
      notes: handout.notesKind,
      '2': plural(lang, handout.perPage, 2),
      '3-lines': plural(lang, handout.withLines, 3),
      '4': plural(lang, handout.perPage, 4),
      '6': plural(lang, handout.perPage, 6),
      reading: handout.readingPack,
    },
  };
}

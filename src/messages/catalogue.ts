/**
 * The shape of a message catalogue: every word Lectern itself puts in front of
 * a reader — slide titles it supplies, citation words, handout headers and
 * footers, the HTML deck's controls and presenter view, the course page, the
 * titles a drafted outline starts with. One JSON file per
 * language (src/messages/<lang>.json); English is the reference and the
 * fallback. Types only.
 */
import type { UiStrings } from '../render/runtime/lib/protocol.js';

/**
 * A message shown with a count, one text per plural category of the language
 * (`Intl.PluralRules`: English one/other, Russian, Ukrainian and Polish
 * one/few/many/other). `{count}` stands for the number.
 */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Fixed words of the default templates and of citations (the deck model's `strings`). */
export interface DeckWords {
  /** Title of the agenda slide ("Outline", "Gliederung"). */
  agenda: string;
  /** Title of the sources slide. */
  sources: string;
  /** Mark on a continued slide's title: "(continued)", "(Fortsetzung)". */
  continued: string;
  questions: string;
  /** Title of the questions slide. */
  questionsPrompt: string;
  /** Paragraph of an unpaginated source in citations ("para. 2", "Abs. 2"). */
  paragraph: string;
  /** Sentences of a long paragraph in citations ("para. 1, sent. 3", "Abs. 1, Satz 3"). */
  sentence: string;
  /** One page ("p. 45", "S. 45"). */
  page: string;
  /** More than one page ("pp. 45–46"). */
  pages: string;
  /** A footnote in a citation ("n. 3"). */
  note: string;
  /** A chapter and a section of a work cited with `cite:` and no citation style ("ch. 4"). */
  chapter: string;
  section: string;
  /** Speaker notes (presenter view, handouts, PDF annotations). */
  notes: string;
  /** "Slide" in "Slide 3 of 15". */
  slide: string;
  /** "of" in "Slide 3 of 15". */
  of: string;
  cited: string;
}

/** Handouts and the reading pack. */
export interface HandoutWords {
  /** Page footer: "page {page} of {pages}", "Seite {page} von {pages}". */
  pageOf: string;
  /** Heading of the passages a notes page prints. */
  passages: string;
  /** "slide 3" and "slides 3, 5" in the reading pack (labels, not counts). */
  slide: string;
  slides: string;
  /** Title of the reading pack. */
  readingPack: string;
  /** The reading pack's first paragraph: `{passages}` and `{sources}` are numbers, after labels (so no plural forms; "Passages: 0" reads well). */
  readingIntro: string;
  /** Before the addresses a slide cites that lie within a note's passage. */
  onSlide: string;
  /** Before the addresses of shorter passages that lie within a printed one. */
  including: string;
  /** Handout titles: slides with notes; N slides per page; N slides with lines for notes. */
  notesKind: string;
  perPage: Plural;
  withLines: Plural;
}

/**
 * The HTML deck's own interface (controls, presenter view, accessible labels):
 * the page's `UiStrings` (src/render/runtime/lib/protocol.ts, where each key is
 * described) but for the three words the deck model shares (`slide`, `of`,
 * `notes`). A key added there must be given a value in every catalogue.
 */
export type InterfaceWords = Omit<UiStrings, 'slide' | 'of' | 'notes'>;

/** Slide titles `lectern draft` writes into an outline it drafts (the lecturer's to change). */
export interface DraftWords {
  /** A section or slide none of whose sentences makes a title: "Key points", "Kernpunkte". */
  keyPoints: string;
  /** The drafted timeline slide. */
  timeline: string;
}

/**
 * The course page (out/index.html, src/course/page.ts). Its headings for the
 * sources, and the names of a lecture's handouts and reading pack, are the
 * deck's and the handouts' own words (`deck.sources`, `handout.*Kind`,
 * `handout.readingPack`), so a link says what the file calls itself.
 */
export interface CourseWords {
  /** Heading of the lecture list. */
  lectures: string;
  /** "Lecture {number}": a lecture's label and the search results' heading. */
  lecture: string;
  search: string;
  /** The search box's label: what is searched. */
  searchLabel: string;
  /** The search's status line: "{count} found", "Найдено: {count}" (a label, so no plural forms). */
  found: string;
  none: string;
  /** Before a passage's address in a search result ("passage: conv#p2"). */
  passage: string;
  /** A lecture's length: "15 slides". */
  slideCount: Plural;
  /** Links to a lecture's HTML deck and its PDF. */
  deck: string;
  pdf: string;
  /** Links to the course's combined outputs (out/course.reading.pdf, out/course.handouts.pdf). */
  courseReading: string;
  allHandouts: string;
  /** Before the numbers of the lectures citing a source. */
  citedIn: string;
  /** Heading of the coverage section, and its summary per source ({cited} and {total} are numbers of paragraphs, after a label). */
  coverage: string;
  coverageSummary: string;
  /** The coverage table's first column, and a paragraph no lecture cites. */
  paragraph: string;
  notCited: string;
  /** The text of a lecture's title-slide image: "Title slide: {title}". */
  thumbAlt: string;
  /** The course reading pack (out/course.reading.pdf): its title, and the line under it ({passages} and {sources} are numbers, after a label). */
  readingTitle: string;
  readingIntro: string;
}

export interface Catalogue {
  /** Opening and closing quotation marks for a short quoted snippet: ["“", "”"], ["„", "“"]. */
  quotes: [string, string];
  deck: DeckWords;
  handout: HandoutWords;
  ui: InterfaceWords;
  draft: DraftWords;
  course: CourseWords;
}

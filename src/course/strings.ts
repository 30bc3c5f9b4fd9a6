/**
 * The course page's words in the course's language: the message catalogue's
 * `course` group (src/messages/<lang>.json, English for a language without
 * one), with the deck's heading for the sources and the handouts' own titles
 * for their links — a link says what the file it opens calls itself.
 */
import { fill, messagesFor, plural } from '../messages/index.js';
import { handoutStrings } from '../print/handouts/strings.js';

export interface PageStrings {
  lectures: string;
  search: string;
  searchLabel: string;
  /** For the page's script: `{n}` stands for the count, the lecture's number. */
  found: string;
  none: string;
  lecture: string;
  passage: string;
  slides: (n: number) => string;
  deck: string;
  pdf: string;
  reading: string;
  /** A handout's title ("Раздаточный материал: 3 слайда с местом для записей"); a layout the catalogue does not name, by its name. */
  handout: (layout: string) => string;
  courseReading: string;
  allHandouts: string;
  sources: string;
  citedIn: string;
  coverage: string;
  coverageSummary: (cited: number, total: number) => string;
  paragraph: string;
  notCited: string;
  thumbAlt: (title: string) => string;
}

export function pageStrings(lang: string): PageStrings {
  const { course, deck } = messagesFor(lang);
  const handouts = handoutStrings(lang);
  const kinds: Record<string, string> = handouts.kinds;
  return {
    lectures: course.lectures,
    search: course.search,
    searchLabel: course.searchLabel,
    found: fill(course.found, { count: '{n}' }),
    none: course.none,
    lecture: fill(course.lecture, { number: '{n}' }),
    passage: course.passage,
    slides: (n) => plural(lang, course.slideCount, n),
    deck: course.deck,
    pdf: course.pdf,
    reading: handouts.readingPack,
    handout: (layout) => kinds[layout] ?? layout,
    courseReading: course.courseReading,
    allHandouts: course.allHandouts,
    sources: deck.sources,
    citedIn: course.citedIn,
    coverage: course.coverage,
    coverageSummary: (cited, total) => fill(course.coverageSummary, { cited, total }),
    paragraph: course.paragraph,
    notCited: course.notCited,
    thumbAlt: (title) => fill(course.thumbAlt, { title }),
  };
}

/**
 * The course page's search index, made at build time with MiniSearch and
 * embedded in index.html as JSON, so that searching works from file:// with
 * nothing fetched. One document per lecture (its title), per slide (title and
 * text) and per cited passage (its text); the page's script loads it with the
 * same options (SEARCH_OPTIONS, termProcessor).
 */
import MiniSearch from 'minisearch';
import type { LectureSummary } from './summary.js';
import { termProcessor, WORD_BREAK } from './terms.js';

export type SearchKind = 'lecture' | 'slide' | 'passage';

/** What a search result shows and links to. */
export interface SearchDocument {
  id: string;
  kind: SearchKind;
  /** The lecture's number and title. */
  lecture: number;
  lectureTitle: string;
  /** The slide's title, or the passage's source and address. */
  title: string;
  text: string;
  /** Relative link: the deck at the slide (NAME.html#3). */
  href: string;
}

/** The fields searched and stored: the page must load the index with the same. */
export const SEARCH_FIELDS = { fields: ['lectureTitle', 'title', 'text'], storeFields: ['kind', 'lecture', 'lectureTitle', 'title', 'text', 'href'] };

export interface IndexedLecture {
  number: number;
  summary: LectureSummary;
  /** The deck's file name in out/, if it was written. */
  deck?: string;
}

export function searchDocuments(lectures: IndexedLecture[]): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const { number, summary, deck } of lectures) {
    const at = (slide?: number) => (deck ? `${encodeURIComponent(deck)}${slide ? `#${slide}` : ''}` : '');
    const base = { lecture: number, lectureTitle: summary.title };
    docs.push({ ...base, id: `${number}`, kind: 'lecture', title: summary.title, text: summary.subtitle ?? '', href: at() });
    for (const s of summary.slides) {
      if (!s.title && !s.text) continue;
      docs.push({ ...base, id: `${number}/${s.number}`, kind: 'slide', title: s.title ?? '', text: s.text, href: at(s.number) });
    }
    for (const p of summary.cited) {
      docs.push({ ...base, id: `${number}/${p.address}`, kind: 'passage', title: `${p.source.title} (${p.address})`, text: p.text, href: at(p.slides[0]) });
    }
  }
  return docs;
}

/** The index as JSON (MiniSearch's own serialisation), for MiniSearch.loadJSON in the page. */
export function searchIndexJson(docs: SearchDocument[], lang: string): string {
  const search = new MiniSearch<SearchDocument>({
    ...SEARCH_FIELDS,
    tokenize: (text) => text.split(WORD_BREAK),
    processTerm: termProcessor(lang),
  });
  search.addAll(docs);
  return JSON.stringify(search);
}

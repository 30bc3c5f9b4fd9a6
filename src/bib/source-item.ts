/**
 * A source's CSL item, from its sidecar: the CSL fields it gives
 * (`type`, `issued`, `container-title`…), and today's plain `author`, `year`,
 * `title`, `url`, `publisher` and `lang` read as CSL. An author written as one
 * string is split into names, and each name into family and given names, the
 * way people write them: "Иванов И. И.", "Е. В. Тарле", "Тарле Евгений
 * Викторович", "Ivan Ivanov", "Smith, John; Doe, Jane", "A and B". A name that
 * is an institution ("World Health Organization", "Министерство
 * образования") stays whole.
 */
import type { CslName, SourceMeta } from '../sources/metadata.js';
import { textDate, type CslItem } from './library.js';

/** Fields beyond a title that make a bibliography entry. */
const BIBLIOGRAPHIC = ['author', 'editor', 'issued', 'publisher', 'container-title', 'URL', 'DOI', 'ISBN', 'publisher-place', 'volume', 'page'] as const;

/** The source's CSL item, or undefined when the sidecar says nothing bibliographic beyond a title. */
export function sourceItem(meta: SourceMeta, id: string): CslItem | undefined {
  const csl = meta.csl ?? {};
  const item: CslItem = { id, type: 'document' };
  const author = csl.author ?? (meta.author?.trim() ? [meta.author] : undefined);
  if (author?.length) item.author = names(author);
  if (csl.editor?.length) item.editor = names(csl.editor);
  if (meta.title) item.title = meta.title;
  const issued = csl.issued ?? (meta.year?.trim() ? textDate(meta.year) : undefined);
  if (issued) item.issued = issued;
  if (meta.publisher) item.publisher = meta.publisher;
  const url = csl.URL ?? meta.url;
  if (url) item.URL = url;
  for (const field of ['container-title', 'publisher-place', 'volume', 'issue', 'page', 'edition', 'DOI', 'ISBN'] as const) {
    if (csl[field]) item[field] = csl[field];
  }
  const language = csl.language ?? meta.lang;
  if (language) item.language = language;
  if (!BIBLIOGRAPHIC.some((f) => item[f] !== undefined)) return undefined;
  item.type = csl.type ?? guessType(item);
  return item;
}

/** Without a `type`: a part of something (a chapter, an article), a book, a web page, or a document. */
function guessType(item: CslItem): string {
  if (item['container-title']) return item.publisher || item.ISBN ? 'chapter' : 'article-journal';
  if (item.publisher || item.ISBN || item['publisher-place']) return 'book';
  if (item.URL && !item.DOI) return 'webpage';
  return 'document';
}

/** Names as written (strings, or CSL name objects kept as they are) as CSL names. */
export function names(list: Array<string | CslName>): CslName[] {
  return list.flatMap((n) => (typeof n === 'string' ? splitNames(n) : [n]));
}

const INSTITUTION =
  /\b(organi[sz]ation|university|institute|society|association|committee|commission|ministry|department|council|agency|office|academy|foundation|bureau|corporation|inc\.?|ltd\.?|press)\b|(министерств|комитет|институт|университет|общество|академи|комисси|совет|управлени|служб|агентств|издательств|редакци)/iu;

/** One author string as names: "Smith, John; Doe, Jane", "A and B", "Е. В. Тарле, В. О. Ключевский". */
export function splitNames(text: string): CslName[] {
  const pieces = text
    .split(/\s*;\s*|\s+(?:and|и|&)\s+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  return pieces.flatMap((piece) => {
    if (INSTITUTION.test(piece)) return [{ literal: piece }];
    const parts = piece.split(/\s*,\s*/).filter(Boolean);
    // "Е. В. Тарле, В. О. Ключевский", "Ivan Ivanov, Petr Petrov": several whole names; "Smith, John", "Иванов, И. И.": one.
    if (parts.length > 1 && parts.every((p) => p.includes(' ') && !initialsOnly(p))) return parts.map(oneName);
    return [oneName(piece)];
  });
}

/** "И. И.", "И.И.", "J. R. R.": only initials. */
function initialsOnly(text: string): boolean {
  return /^(?:\p{Lu}\p{Ll}?\.\s*(?:-\s*)?)+$/u.test(text.trim());
}

const PATRONYMIC = /(?:ович|евич|ич|овна|евна|ична|инична)$/u;

/** One person's name, in whatever order it is written. */
export function oneName(text: string): CslName {
  const name = text.trim().replace(/\s+/g, ' ');
  const comma = name.indexOf(',');
  if (comma > 0) {
    // "Family, Given" (and "Family, Jr., Given" as BibTeX writes it).
    const [family, ...rest] = name.split(/\s*,\s*/);
    const given = rest.length > 1 ? rest.slice(1).join(' ') : rest[0];
    const suffix = rest.length > 1 ? rest[0] : undefined;
    return particles({ family: family!, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) });
  }
  // Initials fused to each other ("И.И.") read as separate ones.
  const tokens = name.replace(/(\p{Lu}\.)(?=\p{Lu}\.)/gu, '$1 ').split(' ');
  if (tokens.length === 1) return { literal: name };
  const isInitial = (t: string) => /^\p{Lu}\p{Ll}?\.$|^\p{Lu}\.-\p{Lu}\.$/u.test(t);
  // "Иванов И. И.": family first, initials after.
  if (!isInitial(tokens[0]!) && tokens.slice(1).every(isInitial)) return { family: tokens[0]!, given: tokens.slice(1).join(' ') };
  // "Е. В. Тарле", "J. R. R. Tolkien": initials, then the family name.
  const firstOther = tokens.findIndex((t) => !isInitial(t));
  if (firstOther > 0) return particles({ family: tokens.slice(firstOther).join(' '), given: tokens.slice(0, firstOther).join(' ') });
  // "Тарле Евгений Викторович": family, given, patronymic.
  if (tokens.length === 3 && PATRONYMIC.test(tokens[2]!) && /\p{Script=Cyrillic}/u.test(name)) return { family: tokens[0]!, given: tokens.slice(1).join(' ') };
  // "Ivan Ivanov", "Ludwig van Beethoven": the family name last, lowercase particles before it.
  let start = tokens.length - 1;
  while (start > 1 && /^\p{Ll}/u.test(tokens[start - 1]!)) start--;
  return particles({ family: tokens.slice(start).join(' '), given: tokens.slice(0, start).join(' ') });
}

/** "van Beethoven" → non-dropping particle "van", family "Beethoven". */
function particles(name: CslName): CslName {
  const m = /^((?:\p{Ll}+\s+)+)(\p{Lu}.*)$/u.exec(name.family ?? '');
  if (!m) return name;
  return { ...name, family: m[2]!, 'non-dropping-particle': m[1]!.trim() };
}

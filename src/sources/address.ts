/**
 * Addresses name passages of a source:
 *   conv#p2          paragraph 2
 *   conv#p2.s3       sentence 3 of paragraph 2
 *   conv#p2.s1-s3    sentences 1 to 3 of paragraph 2
 *   conv#p2-p4       paragraphs 2 to 4
 *   conv#p2.s3-p3.s1 from sentence 3 of p2 to sentence 1 of p3
 *   book#fn3         footnote 3 (fn3.s2, fn3.s1-s2, fn3-fn4 as above)
 *   book#pg45        what starts on printed page 45 (pg45-pg46: pages 45 to 46)
 * Selecting an address yields a Passage: the exact sentences it covers.
 */
import type { Paragraph, Sentence, Source } from './source.js';

export interface Point {
  paragraph: number;
  /** Absent: the whole paragraph (as a start: its first sentence; as an end: its last). */
  sentence?: number;
}

export interface Address {
  source: string;
  /** Which numbering the points count in: paragraphs (p) or footnotes (fn). */
  list?: 'p' | 'fn';
  from: Point;
  to: Point;
  /** A page address (pg45, pg45-pg46): printed page labels; `from`/`to` are then unused. */
  pages?: { from: string; to: string };
}

export class AddressError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const POINT = String.raw`(p|fn)(\d+)(?:\.s(\d+))?`;
const ADDRESS = new RegExp(String.raw`^([^#\s]+)#${POINT}(?:-(?:${POINT}|s(\d+)))?$`);
const PAGE_ADDRESS = /^([^#\s]+)#pg([0-9A-Za-z]+)(?:-(?:pg)?([0-9A-Za-z]+))?$/;

export function parseAddress(text: string): Address {
  const pg = PAGE_ADDRESS.exec(text.trim());
  if (pg) {
    const [, source, first, last] = pg;
    return { source: source!, from: { paragraph: 0 }, to: { paragraph: 0 }, pages: { from: first!, to: last ?? first! } };
  }
  const m = ADDRESS.exec(text.trim());
  if (!m) {
    throw new AddressError(
      `"${text}" is not an address`,
      'write SOURCE#p2, SOURCE#p2.s3, SOURCE#p2.s1-s3, SOURCE#p2-p4, SOURCE#p2.s3-p3.s1, a footnote SOURCE#fn3, or a printed page SOURCE#pg45',
    );
  }
  const [, source, list1, p1, s1, list2, p2, s2, sOnly] = m;
  if (list2 !== undefined && list2 !== list1) {
    throw new AddressError(
      `"${text}": a range runs within paragraphs or within footnotes, not from one to the other`,
      'cite the footnote and the paragraph apart',
    );
  }
  const list = list1 as 'p' | 'fn';
  const from: Point = { paragraph: Number(p1), sentence: s1 === undefined ? undefined : Number(s1) };
  let to: Point = from;
  if (sOnly !== undefined) {
    if (s1 === undefined) throw new AddressError(`"${text}": a sentence range needs a first sentence`, `write ${source}#${list}${p1}.s1-s${sOnly}`);
    to = { paragraph: from.paragraph, sentence: Number(sOnly) };
  } else if (p2 !== undefined) {
    to = { paragraph: Number(p2), sentence: s2 === undefined ? undefined : Number(s2) };
  }
  for (const n of [from.paragraph, from.sentence, to.paragraph, to.sentence]) {
    if (n === 0) throw new AddressError(`"${text}": numbering starts at 1`);
  }
  return { source: source!, ...(list === 'fn' ? { list } : {}), from, to };
}

export function formatAddress(a: Address): string {
  if (a.pages) return `${a.source}#pg${a.pages.from}${a.pages.to === a.pages.from ? '' : `-pg${a.pages.to}`}`;
  const prefix = a.list ?? 'p';
  const point = (p: Point) => `${prefix}${p.paragraph}${p.sentence === undefined ? '' : `.s${p.sentence}`}`;
  if (a.from.paragraph === a.to.paragraph && a.from.sentence === a.to.sentence) return `${a.source}#${point(a.from)}`;
  if (a.from.paragraph === a.to.paragraph && a.from.sentence !== undefined && a.to.sentence !== undefined) {
    return `${a.source}#${point(a.from)}-s${a.to.sentence}`;
  }
  return `${a.source}#${point(a.from)}-${point(a.to)}`;
}

/** The sentences an address covers, grouped by paragraph. */
export interface Passage {
  source: Source;
  address: string;
  parts: Array<{ paragraph: Paragraph; sentences: Sentence[]; whole: boolean }>;
  /** The passage's text, paragraphs joined by a blank line. */
  text: string;
}

export function selectAddress(source: Source, a: Address): Passage {
  if (a.pages) return selectPages(source, a);
  if (a.list === 'fn') return selectFootnotes(source, a);
  const count = source.paragraphs.length;
  const para = (n: number): Paragraph => {
    const p = source.paragraphs[n - 1];
    if (!p) {
      const list = `\`lectern passages ${source.file}\` lists them`;
      // One paragraph (a speech on one line): name its sentences, not "p1–p1".
      const only = count === 1 ? source.paragraphs[0]! : undefined;
      if (only)
        throw new AddressError(
          `paragraph p${n} does not exist in "${source.name}" (it has one paragraph, p1.s1–p1.s${only.sentences.length})`,
          `use p1.s1 to p1.s${only.sentences.length}; ${list}, and \`breaks:\` in the source's metadata can split it into paragraphs`,
        );
      throw new AddressError(
        `paragraph p${n} does not exist in "${source.name}" (${count === 0 ? 'it has no text' : `it has p1–p${count}`})`,
        count === 0 ? 'the source is empty' : `use p1 to p${count}; ${list}`,
      );
    }
    return p;
  };
  const first = para(a.from.paragraph);
  const last = para(a.to.paragraph);
  const check = (p: Paragraph, s: number | undefined) => {
    if (s !== undefined && s > p.sentences.length) {
      throw new AddressError(
        `sentence ${p.id}.s${s} does not exist (${p.id} has ${p.sentences.length} sentence${p.sentences.length === 1 ? '' : 's'})`,
        `use ${p.id}.s1 to ${p.id}.s${p.sentences.length}`,
      );
    }
  };
  check(first, a.from.sentence);
  check(last, a.to.sentence);
  const fromS = a.from.sentence ?? 1;
  const toS = a.to.sentence ?? last.sentences.length;
  if (a.to.paragraph < a.from.paragraph || (a.to.paragraph === a.from.paragraph && toS < fromS)) {
    throw new AddressError(`"${formatAddress(a)}" is a reversed range`, 'write the earlier point first');
  }
  return passageOf(source, a, para);
}

/** The sentences from `a.from` to `a.to` of a numbering whose paragraphs `para` finds (checked already). */
function passageOf(source: Source, a: Address, para: (n: number) => Paragraph): Passage {
  const last = para(a.to.paragraph);
  const fromS = a.from.sentence ?? 1;
  const toS = a.to.sentence ?? last.sentences.length;
  const parts: Passage['parts'] = [];
  for (let n = a.from.paragraph; n <= a.to.paragraph; n++) {
    const p = para(n);
    const lo = n === a.from.paragraph ? fromS : 1;
    const hi = n === a.to.paragraph ? toS : p.sentences.length;
    const sentences = p.sentences.slice(lo - 1, hi);
    parts.push({ paragraph: p, sentences, whole: lo === 1 && hi === p.sentences.length });
  }
  return {
    source,
    address: formatAddress(a),
    parts,
    text: passageText(parts),
  };
}

function selectFootnotes(source: Source, a: Address): Passage {
  const count = source.footnotes.length;
  const note = (n: number): Paragraph => {
    const p = source.footnotes[n - 1];
    if (!p)
      throw new AddressError(
        `footnote fn${n} does not exist in "${source.name}" (${count === 0 ? 'it has no footnotes' : `it has fn1–fn${count}`})`,
        count === 0 ? 'footnotes are read from PDF, DOCX, HTML and EPUB sources' : `use fn1 to fn${count}; \`lectern passages ${source.file}\` lists them`,
      );
    return p;
  };
  const first = note(a.from.paragraph);
  const last = note(a.to.paragraph);
  for (const [p, s] of [
    [first, a.from.sentence],
    [last, a.to.sentence],
  ] as const) {
    if (s !== undefined && s > p.sentences.length)
      throw new AddressError(`sentence ${p.id}.s${s} does not exist (${p.id} has ${p.sentences.length} sentence${p.sentences.length === 1 ? '' : 's'})`);
  }
  if (a.to.paragraph < a.from.paragraph || (a.to.paragraph === a.from.paragraph && (a.to.sentence ?? last.sentences.length) < (a.from.sentence ?? 1))) {
    throw new AddressError(`"${formatAddress(a)}" is a reversed range`, 'write the earlier point first');
  }
  return passageOf(source, a, note);
}

/** pg45, pg45-pg46: the paragraphs' sentences that start on those printed pages, in reading order (not footnotes). */
function selectPages(source: Source, a: Address): Passage {
  const { from, to } = a.pages!;
  const labels = source.pages?.map((p) => p.label) ?? [...new Set(source.paragraphs.map((p) => p.pageLabel).filter((l): l is string => !!l))];
  if (labels.length === 0)
    throw new AddressError(
      `"${source.name}" has no page numbers`,
      'page addresses (pg45) work for PDFs, EPUBs with a page list, and text sources with `pages:` in their metadata',
    );
  const lo = labels.indexOf(from);
  const hi = labels.lastIndexOf(to);
  const shown = labels.length > 6 ? `${labels.slice(0, 3).join(', ')} … ${labels.slice(-2).join(', ')}` : labels.join(', ');
  for (const [label, at] of [
    [from, lo],
    [to, hi],
  ] as const)
    if (at < 0)
      throw new AddressError(
        `"${source.name}" has no printed page "${label}" (its pages are ${shown})`,
        'page addresses use the printed page numbers, as citations show them',
      );
  if (hi < lo) throw new AddressError(`"${formatAddress(a)}" is a reversed range`, 'write the earlier page first');
  const wanted = new Set(labels.slice(lo, hi + 1));
  const parts: Passage['parts'] = [];
  for (const p of source.paragraphs) {
    const sentences = p.sentences.filter((s) => s.pageLabel !== undefined && wanted.has(s.pageLabel));
    if (sentences.length) parts.push({ paragraph: p, sentences, whole: sentences.length === p.sentences.length });
  }
  if (parts.length === 0)
    throw new AddressError(
      `nothing starts on page ${from === to ? from : `${from}–${to}`} of "${source.name}"`,
      'the page may be blank, an image, or left out; `lectern passages FILE --page N` shows it',
    );
  return { source, address: formatAddress(a), parts, text: passageText(parts) };
}

function passageText(parts: Passage['parts']): string {
  return parts.map((part) => (part.whole ? part.paragraph.text : part.sentences.map((s) => s.text).join(' '))).join('\n\n');
}

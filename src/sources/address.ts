/**
 * Addresses name passages of a source:
 *   conv#p2          paragraph 2
 *   conv#p2.s3       sentence 3 of paragraph 2
 *   conv#p2.s1-s3    sentences 1 to 3 of paragraph 2
 *   conv#p2-p4       paragraphs 2 to 4
 *   conv#p2.s3-p3.s1 from sentence 3 of p2 to sentence 1 of p3
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
  from: Point;
  to: Point;
}

export class AddressError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const POINT = String.raw`p(\d+)(?:\.s(\d+))?`;
const ADDRESS = new RegExp(String.raw`^([^#\s]+)#${POINT}(?:-(?:${POINT}|s(\d+)))?$`);

export function parseAddress(text: string): Address {
  const m = ADDRESS.exec(text.trim());
  if (!m) {
    throw new AddressError(`"${text}" is not an address`, 'write SOURCE#p2, SOURCE#p2.s3, SOURCE#p2.s1-s3, SOURCE#p2-p4 or SOURCE#p2.s3-p3.s1');
  }
  const [, source, p1, s1, p2, s2, sOnly] = m;
  const from: Point = { paragraph: Number(p1), sentence: s1 === undefined ? undefined : Number(s1) };
  let to: Point = from;
  if (sOnly !== undefined) {
    if (s1 === undefined) throw new AddressError(`"${text}": a sentence range needs a first sentence`, `write ${source}#p${p1}.s1-s${sOnly}`);
    to = { paragraph: from.paragraph, sentence: Number(sOnly) };
  } else if (p2 !== undefined) {
    to = { paragraph: Number(p2), sentence: s2 === undefined ? undefined : Number(s2) };
  }
  for (const n of [from.paragraph, from.sentence, to.paragraph, to.sentence]) {
    if (n === 0) throw new AddressError(`"${text}": numbering starts at 1`);
  }
  return { source: source!, from, to };
}

export function formatAddress(a: Address): string {
  const point = (p: Point) => `p${p.paragraph}${p.sentence === undefined ? '' : `.s${p.sentence}`}`;
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
    text: parts.map((part) => (part.whole ? part.paragraph.text : part.sentences.map((s) => s.text).join(' '))).join('\n\n'),
  };
}

/**
 * Citations: a passage's short form on a slide ("para. 2", "para. 1, sent.
 * 3–5"), a slide's citation line grouped by source, and the bibliography.
 */
import path from 'node:path';
import type { Passage } from '../sources/address.js';
import type { Source } from '../sources/source.js';
import type { BibEntry, BulletItem, Citation, DeckSlide } from './model.js';
import type { Strings } from './strings.js';

/**
 * A passage's citation: "Отношения СССР и Японии, абз. 2", "Annual Message, para. 1, sent. 3–5";
 * for a source with pages (a PDF, an EPUB with a page list) the pages instead: "Origins, pp. 45–46",
 * "Origins, p. 45, n. 3".
 */
export function citationFor(passage: Passage, strings: Strings): Citation {
  const meta = passage.source.meta;
  const title = meta.short ?? meta.title ?? passage.source.name;
  const paragraphs = passage.parts.map((p) => p.paragraph.index);
  const pages = pagesOf(passage);
  const marks = marksOf(passage);
  const citation: Citation = {
    source: passage.source.name,
    address: passage.address,
    short: citeText(title, marks, pages, strings),
    title,
    paragraphs,
    pages,
    styled: false,
  };
  citationMarks.set(citation, marks);
  return citation;
}

/** The printed pages the cited sentences are on (a sentence across a page break: both), in reading order. */
function pagesOf(passage: Passage): string[] {
  return [
    ...new Set(
      passage.parts.flatMap((p) => p.sentences.flatMap((s) => [s.pageLabel ?? p.paragraph.pageLabel, s.lastPageLabel])).filter((l): l is string => !!l),
    ),
  ];
}

/**
 * What a citation points at, as its short form names it: a paragraph, or the
 * sentences of one (a long paragraph, or a source of one paragraph: "para. 1"
 * alone would say nothing), or a span across paragraphs that starts or ends
 * inside such a paragraph.
 */
type Mark =
  | { kind: 'paged' }
  | { kind: 'note'; note: string }
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'sentences'; paragraph: number; from: number; to: number }
  | { kind: 'span'; from: { paragraph: number; sentence?: number }; to: { paragraph: number; sentence?: number } };

/** Sentences are named in a paragraph of more than this many, or in a source of one paragraph. */
export const SENTENCES_CITED_ABOVE = 5;

const citationMarks = new WeakMap<Citation, Mark[]>();

function marksOf(passage: Passage): Mark[] {
  // Footnotes are named by their number; in a source with pages the pages say where the rest is.
  // A note is named by its printed mark ("n. 3", "n. *"), as the reader sees it on the page.
  const notes: Mark[] = passage.parts
    .filter((p) => p.paragraph.kind === 'footnote')
    .map((p) => ({ kind: 'note', note: p.paragraph.note ?? String(p.paragraph.index) }));
  if (passage.source.pages?.length) return [{ kind: 'paged' }, ...notes];
  if (notes.length) return notes;
  const single = passage.source.paragraphs.length === 1;
  const detailed = (part: Passage['parts'][number]) =>
    !part.whole && part.sentences.length > 0 && (single || part.paragraph.sentences.length > SENTENCES_CITED_ABOVE);
  const sentenceRange = (part: Passage['parts'][number]) => ({ from: part.sentences[0]!.index, to: part.sentences[part.sentences.length - 1]!.index });
  const first = passage.parts[0]!;
  const last = passage.parts[passage.parts.length - 1]!;
  if (passage.parts.length === 1) {
    return [
      detailed(first)
        ? { kind: 'sentences', paragraph: first.paragraph.index, ...sentenceRange(first) }
        : { kind: 'paragraph', paragraph: first.paragraph.index },
    ];
  }
  if (!detailed(first) && !detailed(last)) return passage.parts.map((p) => ({ kind: 'paragraph', paragraph: p.paragraph.index }));
  return [
    {
      kind: 'span',
      from: { paragraph: first.paragraph.index, sentence: detailed(first) ? sentenceRange(first).from : undefined },
      to: { paragraph: last.paragraph.index, sentence: detailed(last) ? sentenceRange(last).to : undefined },
    },
  ];
}

/** "1–3, 5" */
export function runs(numbers: number[]): string {
  const nums = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < nums.length; i++) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out.push(j > i ? `${nums[i]}–${nums[j]}` : `${nums[i]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * "абз. 2, 3–5, с. 112"; with sentences of long paragraphs "para. 1, sent.
 * 361–362", "para. 1, sent. 3, 7, para. 2–3", "para. 4, sent. 9 – para. 5".
 */
function citeWhere(marks: Mark[], pages: string[], strings: Strings): string {
  const notes = [...new Set(marks.flatMap((m) => (m.kind === 'note' ? [m.note] : [])))].join(', ');
  const noted = (text: string) => [text, notes ? `${strings.note} ${notes}` : ''].filter(Boolean).join(', ');
  if (marks.some((m) => m.kind === 'paged')) return noted(pageRange(pages, strings));
  const whole = new Set(marks.flatMap((m) => (m.kind === 'paragraph' ? [m.paragraph] : [])));
  const sentences = new Map<number, number[]>();
  for (const m of marks) {
    if (m.kind !== 'sentences' || whole.has(m.paragraph)) continue;
    const list = sentences.get(m.paragraph) ?? [];
    for (let s = m.from; s <= m.to; s++) list.push(s);
    sentences.set(m.paragraph, list);
  }
  const point = (p: { paragraph: number; sentence?: number }) =>
    `${strings.paragraph} ${p.paragraph}${p.sentence === undefined ? '' : `, ${strings.sentence} ${p.sentence}`}`;
  const spans = [...new Map(marks.flatMap((m) => (m.kind === 'span' ? [[`${point(m.from)} – ${point(m.to)}`, m.from.paragraph] as const] : []))).entries()];
  // In paragraph order: runs of plain paragraphs, a long paragraph's sentences, spans where they start.
  const segments: string[] = [];
  let plain: number[] = [];
  const flush = () => {
    if (plain.length) segments.push(`${strings.paragraph} ${runs(plain)}`);
    plain = [];
  };
  const numbers = [...new Set([...whole, ...sentences.keys(), ...spans.map(([, at]) => at)])].sort((a, b) => a - b);
  for (const n of numbers) {
    if (whole.has(n)) plain.push(n);
    else if (sentences.has(n)) {
      flush();
      segments.push(`${strings.paragraph} ${n}, ${strings.sentence} ${runs(sentences.get(n)!)}`);
    }
    for (const [text, at] of spans) {
      if (at !== n) continue;
      flush();
      segments.push(text);
    }
  }
  flush();
  if (pages.length) segments.push(`${strings.page} ${[...new Set(pages)].join(', ')}`);
  return noted(segments.join(', '));
}

/** "p. 45", "pp. 45–47", "pp. xii, 3" (Russian "с. 45–47"): runs of numeric labels joined by a dash. */
function pageRange(labels: string[], strings: Strings): string {
  const list = [...new Set(labels)];
  if (list.length === 0) return '';
  const numeric = list.every((l) => /^\d+$/.test(l));
  const text = numeric ? runs(list.map(Number)) : list.join(', ');
  return `${list.length === 1 ? strings.page : strings.pages} ${text}`;
}

/** "Title, абз. 2, 3–5, с. 112" */
function citeText(title: string, marks: Mark[], pages: string[], strings: Strings): string {
  return [title, citeWhere(marks, pages, strings)].filter(Boolean).join(', ');
}

/** Where a passage is, as a citation names it without the title ("para. 1, sent. 3–5, p. 112"), e.g. for the reading pack. */
export function passageWhere(passage: Passage, strings: Strings): string {
  return citeWhere(marksOf(passage), pagesOf(passage), strings);
}

/** Where citations point, as a CSL locator with its label, and what CSL has no label for after it ("2" + ", sent. 3"). */
export interface CslWhere {
  locator?: string;
  label?: string;
  suffix?: string;
}

/**
 * Where a group of citations of one work point, as a CSL locator: its pages
 * when known (label page; a footnote after them), else its footnotes (note), else its
 * paragraphs (paragraph), a long paragraph's sentences after the paragraph
 * as today's citations name them; a `cite:`'s locator as written.
 */
export function cslWhere(list: Citation[], strings: Strings): CslWhere {
  const marked = list.filter((c) => citationMarks.has(c));
  if (marked.length === 0) {
    const located = list.filter((c) => c.locator);
    if (!located.length) return {};
    const label = located[0]!.label ?? 'page';
    return { locator: [...new Set(located.filter((c) => (c.label ?? 'page') === label).map((c) => c.locator!))].join(', '), label };
  }
  const marks = marked.flatMap((c) => citationMarks.get(c)!);
  const notes = [...new Set(marks.flatMap((m) => (m.kind === 'note' ? [m.note] : [])))].join(', ');
  const pages = [...new Set(marked.flatMap((c) => c.pages))];
  // Pages whenever they are known (a PDF's, or a text's `pages:`): a reader finds a work's place by its page.
  if (pages.length) {
    const numeric = pages.every((l) => /^\d+$/.test(l));
    return { locator: numeric ? runs(pages.map(Number)) : pages.join(', '), label: 'page', ...(notes ? { suffix: `, ${strings.note} ${notes}` } : {}) };
  }
  if (notes) return { locator: notes, label: 'note' };
  const body = marks.filter((m) => m.kind !== 'paged');
  if (body.every((m) => m.kind === 'paragraph')) return { locator: runs(body.map((m) => m.paragraph)), label: 'paragraph' };
  const sentences = body.filter((m) => m.kind === 'sentences');
  if (sentences.length === body.length && new Set(sentences.map((m) => m.paragraph)).size === 1) {
    const list = sentences.flatMap((m) => Array.from({ length: m.to - m.from + 1 }, (_, i) => m.from + i));
    return { locator: String(sentences[0]!.paragraph), label: 'paragraph', suffix: `, ${strings.sentence} ${runs(list)}` };
  }
  // Spans and mixtures: today's wording after the label's own word.
  const where = citeWhere(body, [], strings);
  return { locator: where.startsWith(`${strings.paragraph} `) ? where.slice(strings.paragraph.length + 1) : where, label: 'paragraph' };
}

/** A slide's citations grouped by source, in order of first appearance. */
export function citeLine(citations: Citation[], strings: Strings): string {
  const bySource = new Map<string, Citation[]>();
  for (const c of citations) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
  const marks = (c: Citation): Mark[] => citationMarks.get(c) ?? c.paragraphs.map((paragraph) => ({ kind: 'paragraph', paragraph }));
  return [...bySource.values()]
    .map((list) =>
      // A `cite:` of a work (no passage) as its own short form.
      list.every((c) => !citationMarks.has(c) && c.key !== undefined && c.paragraphs.length === 0)
        ? [...new Set(list.map((c) => c.short))].join('; ')
        : citeText(
            list[0]!.title,
            list.flatMap(marks),
            list.flatMap((c) => c.pages),
            strings,
          ),
    )
    .join('; ');
}

/** The sources' files that may be read (a refused one is reported when the sources load). */
export function slideCitations(slide: DeckSlide): Citation[] {
  const seen = new Map<string, Citation>();
  const add = (c?: Citation) => {
    if (c && !seen.has(c.address)) seen.set(c.address, c);
  };
  const walk = (items: BulletItem[]) => items.forEach((b) => (add(b.citation), walk(b.bullets)));
  walk(slide.bullets);
  add(slide.quote?.citation);
  slide.paragraphs.forEach((p) => add(p.citation));
  slide.columns.forEach((c) => (walk(c.bullets), add(c.quote?.citation), c.paragraphs.forEach((p) => add(p.citation))));
  slide.timeline.forEach((t) => add(t.citation));
  add(slide.cite);
  return [...seen.values()];
}

export function bibliography(sources: Map<string, Source>, cited: Map<string, { passage: Passage; slides: number[] }>): BibEntry[] {
  const entries: BibEntry[] = [];
  for (const [name, source] of sources) {
    const addresses = [...cited.keys()].filter((a) => a.startsWith(`${name}#`));
    const m = source.meta;
    const title = m.title ?? path.basename(source.file);
    // Each element ends with its full stop: "Author. Title. Publisher, 1905. URL: https://…."
    const entry = [m.author, title, [m.publisher, m.year].filter(Boolean).join(', '), m.url ? `URL: ${m.url}` : '']
      .map((part) => part?.trim() ?? '')
      .filter(Boolean)
      .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
      .join(' ');
    entries.push({
      name,
      entry,
      segments: [{ text: entry, italic: false, bold: false, href: '' }],
      title,
      short: m.short ?? title,
      url: m.url,
      cited: addresses,
    });
  }
  return entries;
}

/**
 * `lectern passages`: every address of a source with its text, for writing
 * outlines; and coverage: which passages the outlines cite, and which none do.
 */
import type { Paragraph, Sentence, Source } from './source.js';
import type { BlockKind, PageInfo } from './formats/types.js';
import type { SourceFormat } from './formats/index.js';
import { foldForMatch } from './text.js';

interface SentenceJson {
  id: string;
  text: string;
  page?: number;
  pageLabel?: string;
}

interface ParagraphJson {
  id: string;
  kind: BlockKind;
  text: string;
  section?: string;
  page?: number;
  pageLabel?: string;
  /** A footnote's mark as printed. */
  note?: string;
  sentences: SentenceJson[];
}

export interface PassagesJson {
  source: string;
  format: SourceFormat;
  lang: string;
  title?: string;
  /** Paginated sources: every physical page, its printed label, and whether its text was read (text, ocr) or not (no-text). */
  pages?: PageInfo[];
  /** What was inferred about the text's structure (plain text that lost it). */
  inferred?: string[];
  corrections: Array<{ find: string; replace: string; count: number; paragraphs: string[] }>;
  /** Body paragraphs and captions (p1, p2, …), then footnotes (fn1, …). */
  paragraphs: ParagraphJson[];
}

/** Which paragraphs to list: those with a sentence containing `grep`, or starting on physical page `page`. */
export interface PassageFilter {
  grep?: string;
  page?: number;
}

/** The JSON shape of `lectern passages --json` (fields beyond source/lang/paragraphs may be added). */
export function passagesJson(source: Source, displayPath: string, filter: PassageFilter | string = {}): PassagesJson {
  const { grep, page } = typeof filter === 'string' ? { grep: filter, page: undefined } : filter;
  const match = grepMatcher(grep);
  const onPage = (s: Sentence, p: Paragraph) => page === undefined || (s.page ?? p.page) === page;
  const filtering = grep !== undefined || page !== undefined;
  return {
    source: displayPath,
    format: source.format,
    lang: source.lang,
    title: source.meta.title,
    ...(source.pages ? { pages: page === undefined ? source.pages : source.pages.filter((p) => p.page === page) } : {}),
    ...(source.inferred.length ? { inferred: source.inferred } : {}),
    corrections: source.corrections,
    paragraphs: [...source.paragraphs, ...source.footnotes]
      .map((p): ParagraphJson => ({
        id: p.id,
        kind: p.kind,
        text: p.text,
        ...(p.section ? { section: p.section } : {}),
        ...pageJson(p),
        ...(p.note !== undefined ? { note: p.note } : {}),
        sentences: p.sentences.filter((s) => match(s.text) && onPage(s, p)).map((s) => ({ id: s.id, text: s.text, ...pageJson(s) })),
      }))
      .filter((p) => !filtering || p.sentences.length > 0),
  };
}

function pageJson(x: { page?: number; pageLabel?: string }): { page?: number; pageLabel?: string } {
  return { ...(x.page !== undefined ? { page: x.page } : {}), ...(x.pageLabel !== undefined ? { pageLabel: x.pageLabel } : {}) };
}

export function passagesText(source: Source, filter: PassageFilter | string = {}): string {
  const lines: string[] = [];
  const json = passagesJson(source, source.file, filter);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const extent = [
    count(source.paragraphs.length, 'paragraph', 'paragraphs'),
    ...(source.footnotes.length ? [count(source.footnotes.length, 'footnote', 'footnotes')] : []),
    ...(source.pages ? [count(source.pages.length, 'page', 'pages')] : []),
  ];
  lines.push(`${source.name} — ${source.meta.title ?? source.file} (${source.lang}, ${extent.join(', ')})`);
  for (const c of source.corrections) lines.push(`  correction "${c.find}" → "${c.replace}": ${c.count}× in ${c.paragraphs.join(', ') || 'nothing'}`);
  for (const note of source.inferred) lines.push(`  inferred: ${note}`);
  const unread = (json.pages ?? []).filter((p) => p.state !== 'text');
  for (const state of ['ocr', 'no-text'] as const) {
    const list = unread.filter((p) => p.state === state).map((p) => p.page);
    if (list.length)
      lines.push(
        state === 'ocr'
          ? `  read by OCR (no usable text layer): ${pageList(list)}`
          : `  no usable text layer, left out (a scan, or fonts without a Unicode map): ${pageList(list)}`,
      );
  }
  let section: string | undefined;
  for (const p of json.paragraphs) {
    // Footnotes come after the body, under a heading of their own.
    const heading = p.kind === 'footnote' ? 'Footnotes' : p.section;
    if (heading && heading !== section) lines.push('', `## ${heading}`);
    section = heading;
    const kind = p.kind === 'body' ? '' : p.kind === 'footnote' ? ` footnote ${p.note ?? ''}`.trimEnd() : ` ${p.kind}`;
    const where = p.pageLabel ? ` (p. ${p.pageLabel}${p.page !== undefined && String(p.page) !== p.pageLabel ? `, sheet ${p.page}` : ''})` : '';
    lines.push('', `${p.id}${kind}${where}`);
    for (const s of p.sentences) lines.push(`  ${s.id.padEnd(8)} ${s.pageLabel && s.pageLabel !== p.pageLabel ? `[p. ${s.pageLabel}] ` : ''}${s.text}`);
  }
  return lines.join('\n') + '\n';
}

/** "3, 7–9" */
function pageList(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    out.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j;
  }
  return `page${pages.length === 1 ? '' : 's'} ${out.join(', ')}`;
}

function grepMatcher(grep: string | undefined): (text: string) => boolean {
  if (!grep) return () => true;
  const needle = foldForMatch(grep).folded;
  return (text) => foldForMatch(text).folded.includes(needle);
}

export interface Citer {
  outline: string;
  slide: number;
  title?: string;
}

/** Which sentences are cited, by which slides; and which are not. */
export function coverageText(source: Source, cited: Map<string, Citer[]>): string {
  const lines: string[] = [];
  let total = 0;
  let covered = 0;
  for (const p of [...source.paragraphs, ...source.footnotes]) {
    const citedHere = p.sentences.filter((s) => cited.has(s.id)).length;
    lines.push(`${p.id}  ${citedHere}/${p.sentences.length} sentences cited`);
    for (const s of p.sentences) {
      total++;
      const by = cited.get(s.id);
      if (by) covered++;
      const where = by ? by.map((c) => `${c.outline} slide ${c.slide}${c.title ? ` «${c.title}»` : ''}`).join('; ') : 'not cited';
      const text = s.text.length > 60 ? `${s.text.slice(0, 57)}…` : s.text;
      lines.push(`  ${by ? '✓' : '·'} ${s.id.padEnd(8)} ${text}\n      ${where}`);
    }
  }
  lines.push('', `${covered} of ${total} sentences cited (${total ? Math.round((100 * covered) / total) : 0}%)`);
  return lines.join('\n') + '\n';
}

/**
 * A Source is a text the lecturer cites: its metadata, and its text cut into
 * addressable paragraphs (p1, p2, …) and sentences (p1.s1, …); footnotes
 * apart (fn1, fn1.s1, …); and, for paginated formats, the page of each.
 *
 * Loading order: bytes → the format's reader (text and Markdown here; PDF,
 * DOCX, HTML and EPUB in formats/, cached by the file's hash) → blocks of a
 * kind → metadata corrections (OCR fixes, applied to a copy; the file is
 * never edited) → title split → paragraphs → sentences → pages.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, type Problem } from '../errors.js';
import { decodeSourceText, foldForMatch } from './text.js';
import { loadSourceMeta, readSidecar, type BreakRule, type SourceMeta } from './metadata.js';
import { splitSentences, type SentenceSpan } from './sentences/index.js';
import type { BlockKind, PageInfo, TextBlock } from './formats/types.js';
import { cacheKey, detectFormat, extractDocument, readCached, writeCached, type SourceFormat } from './formats/index.js';
import { hashText } from '../util/hash.js';
import { plainBlocks } from './formats/plain.js';
import { scriptLang } from '../util/lang.js';

export interface Sentence {
  /** "p2.s3", "fn1.s2" */
  id: string;
  index: number;
  text: string;
  /** Physical page (1-based) where the sentence starts: paginated sources only. */
  page?: number;
  /** The printed page it starts on ("45"): the PDF's page labels, or the metadata's `pages:` map. */
  pageLabel?: string;
  /** The printed page it ends on, when it runs onto a later page than it starts on. */
  lastPageLabel?: string;
}

export interface Paragraph {
  /** "p2", or "fn3" for a footnote */
  id: string;
  index: number;
  text: string;
  sentences: Sentence[];
  /** body, a figure or table caption, or a footnote (headings name sections instead). */
  kind: BlockKind;
  /** The heading this paragraph falls under. */
  section?: string;
  /** Physical page where the paragraph starts (paginated sources). */
  page?: number;
  /** Printed page where the paragraph starts. */
  pageLabel?: string;
  /** A footnote's mark as printed ("3"). */
  note?: string;
}

export interface Source {
  /** The name the outline gives it ("conv"), or the file's base name. */
  name: string;
  /** Absolute path of the source file. */
  file: string;
  format: SourceFormat;
  lang: string;
  meta: SourceMeta;
  /** Where each correction applied (paragraph ids), for reports. */
  corrections: Array<{ find: string; replace: string; count: number; paragraphs: string[] }>;
  paragraphs: Paragraph[];
  /** Footnotes and endnotes, numbered fn1, fn2, … in reading order. */
  footnotes: Paragraph[];
  /** Paginated formats: every physical page with its label and whether its text could be read. */
  pages?: PageInfo[];
  /** What the reader inferred about the text's structure (shown by `lectern passages`). */
  inferred: string[];
  warnings: Problem[];
}

/** Bump when buildSource's output changes: cached sources of documents are then cut again. */
const SOURCE_VERSION = 1;

/** Upper bound on a source's size: anything larger is almost surely not a lecture text. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
/** Upper bound for formats that carry images and fonts besides their text (PDF, EPUB, DOCX). */
export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

export interface LoadOptions {
  /** Overrides the metadata's language (`lectern passages --lang`). */
  lang?: string;
  /** Applies only when the metadata names none (the outline's lang). */
  defaultLang?: string;
  /** The project's abbreviations (the config's `abbreviations:`), cut with besides the sidecar's own. */
  abbreviations?: readonly string[];
}

export async function loadSource(file: string, name?: string, options: LoadOptions = {}): Promise<Source> {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError(
      'source/unreadable',
      code === 'ENOENT' ? `source file not found: ${abs}` : `cannot read source file ${abs} (${code})`,
      { file: abs },
      'check the path under `sources:` (paths are relative to the outline)',
    );
  }
  const format = detectFormat(bytes, abs);
  const limit = format === 'text' || format === 'markdown' || format === 'html' ? MAX_SOURCE_BYTES : MAX_DOCUMENT_BYTES;
  if (bytes.length > limit) {
    throw inputError('source/too-large', `source is too large (${bytes.length} bytes, limit ${limit})`, { file: abs });
  }
  const sourceName = name ?? path.basename(abs).replace(/\.[^.]+$/, '');
  if (format === 'text' || format === 'markdown') {
    const decoded = decodeSourceText(bytes, abs);
    const isMarkdown = format === 'markdown';
    const { meta, body } = await loadSourceMeta(abs, decoded.text, isMarkdown);
    const lang = options.lang ?? meta.lang ?? options.defaultLang ?? 'ru';
    return buildSource({ name: sourceName, file: abs, lang, meta, body, isMarkdown, abbreviations: options.abbreviations, warnings: decoded.warnings });
  }
  const sidecar = await readSidecar(abs);
  // The language to read by (OCR needs it before there is text); a scan should name it in its sidecar.
  const readLang = options.lang ?? sidecar.lang ?? options.defaultLang ?? 'ru';
  const reading = { ...sidecar.reading, lang: readLang };
  // Paragraphs and sentences of a long document take longer to cut than to read back: the source
  // itself is cached, keyed by its extraction and everything else that shapes it.
  const built = hashText(
    'source',
    String(SOURCE_VERSION),
    cacheKey(format, bytes, reading),
    JSON.stringify(sidecar),
    options.lang ?? '',
    readLang,
    JSON.stringify(options.abbreviations ?? []),
  );
  const cached = await readCached<Source>(built, (s) => Array.isArray(s.paragraphs) && Array.isArray(s.footnotes));
  if (cached) return { ...cached, name: sourceName, file: abs, warnings: cached.warnings.map((w) => ({ ...w, file: abs })) };
  const doc = await extractDocument(format, bytes, abs, reading);
  // The file's own metadata fills what the sidecar leaves out.
  const meta: SourceMeta = { ...doc.meta, ...definedOnly(sidecar) };
  // Undeclared: the script of the text itself (the outline's language says nothing about a cited book's).
  const sample = doc.blocks
    .slice(0, 200)
    .map((b) => b.text)
    .join(' ');
  const docLang = options.lang ?? sidecar.lang ?? doc.meta.lang ?? (/[A-Za-z\u0400-\u04FF]/.test(sample) ? scriptLang(sample) : readLang);
  const source = buildSource({
    name: sourceName,
    file: abs,
    lang: docLang,
    meta,
    blocks: doc.blocks,
    pages: doc.pages,
    format,
    abbreviations: options.abbreviations,
    warnings: doc.warnings,
  });
  await writeCached(built, source);
  return source;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

interface BuildInput {
  name: string;
  file: string;
  lang: string;
  meta: SourceMeta;
  /** A text or Markdown source's body (after any front matter)… */
  body?: string;
  isMarkdown?: boolean;
  /** …or a reader's blocks. */
  blocks?: TextBlock[];
  pages?: PageInfo[];
  format?: SourceFormat;
  /** The project's abbreviations (the config's), besides the metadata's own. */
  abbreviations?: readonly string[];
  warnings: Problem[];
}

/** Everything after reading: pure, so tests can build sources from strings or blocks. */
export function buildSource(input: BuildInput): Source {
  const { meta } = input;
  // Both lists apply: the project's for every source, the sidecar's for this one.
  const abbreviations = [...(input.abbreviations ?? []), ...(meta.abbreviations ?? [])];
  let inferred: string[] = [];
  let blocks: TextBlock[];
  if (input.blocks) blocks = input.blocks;
  else {
    let body = input.body ?? '';
    if (meta.splitTitle && meta.title) body = splitOffTitle(body, meta.title, input.file);
    if (input.isMarkdown) blocks = markdownBlocks(body);
    else ({ blocks, inferred } = plainBlocks(body, { lang: input.lang, structure: meta.structure ?? 'auto' }));
  }
  if (input.blocks && meta.splitTitle && meta.title) blocks = splitOffTitleBlock(blocks, meta.title, input.file);
  const labelOf = (page: number | undefined) => (page === undefined ? undefined : (input.pages?.[page - 1]?.label ?? String(page)));
  const corrections = (meta.corrections ?? []).map((c) => ({ ...c, count: 0, paragraphs: [] as string[] }));
  // The paragraphs of the text as it is (the numbering `breaks: - after:` refers to), and the footnotes.
  const drafts: Draft[] = [];
  const notes: Draft[] = [];
  const corrected = new Map<(typeof corrections)[number], Array<{ draft: Draft }>>();
  let section: string | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      section = block.text.replace(/\s+/g, ' ').trim();
      continue;
    }
    const touched = new Set<(typeof corrections)[number]>();
    // Corrections and spacing apply within each page's piece, so that page offsets stay true.
    const pieces = pagePieces(block).map((piece) => {
      let text = piece.text;
      for (const c of corrections) {
        const parts = text.split(c.find);
        if (parts.length > 1) {
          c.count += parts.length - 1;
          touched.add(c);
          text = parts.join(c.replace);
        }
      }
      return { text: text.replace(/[ \u00A0]{2,}/g, ' ').trim(), page: piece.page };
    });
    let text = '';
    const breaks: Array<{ at: number; page: number | undefined }> = [];
    for (const piece of pieces) {
      if (!piece.text) continue;
      if (text) text += ' ';
      breaks.push({ at: text.length, page: piece.page });
      text += piece.text;
    }
    if (!text) continue;
    const draft: Draft = {
      text,
      kind: block.kind,
      section,
      spans: captionSpans(text, splitSentences(text, input.lang, abbreviations)),
      starts: new Set(),
      breaks,
      note: block.note,
    };
    for (const c of touched) corrected.set(c, [...(corrected.get(c) ?? []), { draft }]);
    (block.kind === 'footnote' ? notes : drafts).push(draft);
  }
  for (const rule of meta.breaks ?? []) applyBreak(drafts, rule);

  const pageAt = (d: Draft, offset: number) => {
    let page: number | undefined;
    for (const b of d.breaks) if (b.at <= offset) page = b.page;
    return page;
  };
  const number = (list: Draft[], prefix: 'p' | 'fn') => {
    const out: Paragraph[] = [];
    const became = new Map<Draft, Paragraph[]>();
    for (const d of list) {
      const cuts = [0, ...[...d.starts].sort((a, b) => a - b), d.spans.length];
      const pieces: Paragraph[] = [];
      for (let k = 0; k + 1 < cuts.length; k++) {
        const lo = cuts[k]!;
        const hi = cuts[k + 1]!;
        const index = out.length + 1;
        const id = `${prefix}${index}`;
        // Without breaks a paragraph is its whole text, even where the sentence splitter found nothing.
        const start = cuts.length === 2 ? 0 : (d.spans[lo]?.start ?? 0);
        const text = cuts.length === 2 ? d.text : d.text.slice(d.spans[lo]!.start, d.spans[hi - 1]!.end).trim();
        const mapped = prefix === 'p' ? pageOf(meta, index) : undefined;
        const sentences: Sentence[] = d.spans.slice(lo, hi).map((span, i) => {
          const page = pageAt(d, span.start);
          const last = pageAt(d, Math.max(span.start, span.end - 1));
          return {
            id: `${id}.s${i + 1}`,
            index: i + 1,
            text: d.text.slice(span.start, span.end),
            ...pageFields(page, labelOf(page) ?? mapped),
            ...(last !== page && last !== undefined ? { lastPageLabel: labelOf(last) } : {}),
          };
        });
        const page = pageAt(d, start);
        const p: Paragraph = {
          id,
          index,
          text,
          sentences,
          kind: d.kind,
          ...(d.section ? { section: d.section } : {}),
          ...pageFields(page, labelOf(page) ?? mapped),
          ...(d.note !== undefined ? { note: d.note } : {}),
        };
        out.push(p);
        pieces.push(p);
      }
      became.set(d, pieces);
    }
    return { out, became };
  };
  const body = number(drafts, 'p');
  const footnotes = number(notes, 'fn');
  for (const c of corrections) {
    for (const { draft } of corrected.get(c) ?? []) {
      const pieces = body.became.get(draft) ?? footnotes.became.get(draft) ?? [];
      if (pieces.length === 0) continue;
      // A split paragraph: name the pieces that hold the replacement (the first, if none visibly does).
      const holding = pieces.length === 1 || c.replace === '' ? [] : pieces.filter((p) => p.text.includes(c.replace));
      for (const p of holding.length ? holding : [pieces[0]!]) if (!c.paragraphs.includes(p.id)) c.paragraphs.push(p.id);
    }
  }
  const warnings = [...input.warnings];
  for (const c of corrections) {
    if (c.count === 0) {
      warnings.push({
        severity: 'warning',
        code: 'source/correction-unused',
        message: `correction "${c.find}" → "${c.replace}" matches nothing`,
        hint: 'the text may have been fixed already; remove the correction from the metadata',
        file: input.file,
      });
    }
  }
  const format = input.format ?? (input.isMarkdown ? 'markdown' : 'text');
  return {
    name: input.name,
    file: input.file,
    format,
    lang: input.lang,
    meta,
    corrections,
    paragraphs: body.out,
    footnotes: footnotes.out,
    ...(input.pages ? { pages: input.pages } : {}),
    inferred,
    warnings,
  };
}

/** "Figure 1." / "Table 2:" / "Рис. 3." alone is a caption's label, not a sentence: it starts the one after it. */
const CAPTION_LABEL = /^(?:fig(?:ure)?\.?|table|plate|map|chart|рис(?:унок|\.)?|табл(?:ица|\.)?|схема|карта)\s*[\dIVXLC]+[a-zа-я]?[.:]?$/i;

function captionSpans(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const [first, second, ...rest] = spans;
  if (!first || !second || !CAPTION_LABEL.test(text.slice(first.start, first.end).trim())) return spans;
  return [{ ...second, start: first.start }, ...rest];
}

function pageFields(page: number | undefined, label: string | undefined): { page?: number; pageLabel?: string } {
  return { ...(page !== undefined ? { page } : {}), ...(label !== undefined ? { pageLabel: label } : {}) };
}

/** A block cut where its pages change: each piece with the page it is on. */
function pagePieces(block: TextBlock): Array<{ text: string; page: number | undefined }> {
  const marks = (block.pageBreaks ?? []).filter((b) => b.at > 0 && b.at < block.text.length).sort((a, b) => a.at - b.at);
  const out: Array<{ text: string; page: number | undefined }> = [];
  let from = 0;
  let page = block.page;
  for (const b of marks) {
    out.push({ text: block.text.slice(from, b.at), page });
    from = b.at;
    page = b.page;
  }
  out.push({ text: block.text.slice(from), page });
  return out;
}

/** split_title for a reader's blocks: the first body block starts with the title (an error if it does not). */
function splitOffTitleBlock(blocks: TextBlock[], title: string, file: string): TextBlock[] {
  const i = blocks.findIndex((b) => b.kind === 'body');
  if (i < 0) return blocks;
  const first = blocks[i]!;
  const cut = first.text.length - splitOffTitle(first.text, title, file).length;
  const rest: TextBlock = { ...first, text: first.text.slice(cut), pageBreaks: first.pageBreaks?.map((b) => ({ ...b, at: b.at - cut })) };
  return [...blocks.slice(0, i), rest, ...blocks.slice(i + 1)];
}

/** A paragraph of the text as read, before the metadata's breaks: `starts` are the sentences (0-based) that begin a new paragraph. */
interface Draft {
  text: string;
  kind: BlockKind;
  section?: string;
  spans: SentenceSpan[];
  starts: Set<number>;
  /** Where each page's text begins in `text` (one entry with page undefined for sources without pages). */
  breaks: Array<{ at: number; page: number | undefined }>;
  note?: string;
}

/** Marks where a `breaks:` entry of the metadata starts a paragraph; an entry that cannot apply is an error at its line. */
function applyBreak(drafts: Draft[], rule: BreakRule): void {
  const fail = (message: string, hint: string) => inputError('source/bad-break', message, rule.at, hint);
  const sentenceCount = (d: Draft) => `${d.spans.length} sentence${d.spans.length === 1 ? '' : 's'}`;
  const range = () => (drafts.length === 1 ? `the text has one paragraph, p1.s1–p1.s${drafts[0]!.spans.length}` : `the text has p1–p${drafts.length}`);
  if (rule.after) {
    const { paragraph, sentence } = rule.after;
    const d = drafts[paragraph - 1];
    const where = `p${paragraph}.s${sentence}`;
    if (!d)
      throw fail(
        `break after ${where}: there is no paragraph p${paragraph} (${range()})`,
        '`after:` counts paragraphs and sentences as the text has them without any of the breaks',
      );
    if (sentence > d.spans.length)
      throw fail(`break after ${where}: p${paragraph} has ${sentenceCount(d)}`, `use p${paragraph}.s1 to p${paragraph}.s${d.spans.length}`);
    if (sentence === d.spans.length)
      throw fail(`break after ${where}: that is the last sentence of p${paragraph}, where a paragraph ends already`, 'remove this entry');
    d.starts.add(sentence);
    return;
  }
  const needle = foldForMatch(rule.before!).folded;
  const hits: Array<{ paragraph: number; sentence: number; begins: boolean }> = [];
  drafts.forEach((d, pi) => {
    const { folded, origin } = foldForMatch(d.text);
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      const char = origin[at]!;
      let si = d.spans.findIndex((span) => char < span.end);
      if (si < 0) si = d.spans.length - 1;
      const begins = /^[\s"'«»„“”‘’([—–-]*$/.test(d.text.slice(d.spans[si]!.start, char));
      if (!hits.some((h) => h.paragraph === pi && h.sentence === si)) hits.push({ paragraph: pi, sentence: si, begins });
    }
  });
  const starting = hits.filter((h) => h.begins);
  const chosen = starting.length > 0 ? starting : hits;
  const show = (h: { paragraph: number; sentence: number }) => `p${h.paragraph + 1}.s${h.sentence + 1}`;
  if (chosen.length === 0) {
    throw fail(
      `break before "${rule.before}": no sentence begins with or contains this text`,
      'copy a few words of the sentence exactly (`lectern passages --grep WORD` finds it), or write `after: pN.sM`',
    );
  }
  if (chosen.length > 1) {
    const list = chosen.slice(0, 5).map(show).join(', ') + (chosen.length > 5 ? ', …' : '');
    throw fail(
      `break before "${rule.before}" is ambiguous: ${chosen.length} sentences ${starting.length ? 'begin with' : 'contain'} it (${list})`,
      `quote more words, or write \`after:\` with the sentence before the one you mean (e.g. after: ${show({ paragraph: chosen[0]!.paragraph, sentence: Math.max(0, chosen[0]!.sentence - 1) })})`,
    );
  }
  const hit = chosen[0]!;
  if (hit.sentence === 0) throw fail(`break before "${rule.before}": ${show(hit)} begins a paragraph already`, 'remove this entry');
  drafts[hit.paragraph]!.starts.add(hit.sentence);
}

/** The printed page of paragraph n: the page of the nearest mapped paragraph at or before it. */
function pageOf(meta: SourceMeta, n: number): string | undefined {
  let best: { at: number; page: string } | undefined;
  for (const [p, page] of Object.entries(meta.pages ?? {})) {
    const at = Number(p.replace(/^p/, ''));
    if (at <= n && (!best || at > best.at)) best = { at, page: String(page) };
  }
  return best?.page;
}

/**
 * OCR and copy-paste often fuse a title to the first paragraph
 * ("…СССР и Японией После окончания…"). The metadata names the title; we cut
 * it off the start of the text so that p1 is the first real paragraph.
 */
function splitOffTitle(body: string, title: string, file: string): string {
  const start = body.search(/\S/);
  const head = body.slice(Math.max(start, 0));
  if (!head.startsWith(title)) {
    throw inputError(
      'source/title-not-found',
      `split_title is set, but the text does not start with the title "${title}"`,
      { file },
      'make `title` in the metadata match the first words of the text exactly, or remove split_title',
    );
  }
  return head.slice(title.length).replace(/^[ \t.:—–-]*\n?/, '');
}

/** Plain text: paragraphs are separated by blank lines if the file has any, else by single newlines. */
export function textBlocks(body: string): TextBlock[] {
  const blankSeparated = /\n[ \t]*\n/.test(body.trim());
  const parts = blankSeparated ? body.split(/\n[ \t]*\n/) : body.split('\n');
  // Linear: newlines become spaces, then runs of whitespace one space (a regex
  // like /\s*\n\s*/ is quadratic on a long run of spaces).
  return parts.map((p): TextBlock => ({ kind: 'body', text: p.replace(/\n/g, ' ').replace(/\s+/g, ' ').trim() })).filter((b) => b.text.length > 0);
}

/** An ATX heading's text, or undefined; written without regexes that backtrack on long runs of spaces. */
function headingText(line: string): string | undefined {
  const m = /^ {0,3}(#{1,6})(?=[ \t]|$)/.exec(line);
  if (!m) return undefined;
  let text = line.slice(m[0].length).replace(/\s+/g, ' ').trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0 || text[end - 1] === ' ') text = text.slice(0, end).trim();
  return text;
}

/** Markdown: blocks separated by blank lines; headings are not paragraphs but name the section that follows. */
export function markdownBlocks(body: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const raw of body.split(/\n[ \t]*\n/)) {
    const lines = raw.split('\n');
    const rest: string[] = [];
    for (const line of lines) {
      const h = headingText(line);
      if (h !== undefined) {
        if (rest.length) blocks.push({ kind: 'body', text: rest.join(' ').trim() });
        rest.length = 0;
        blocks.push({ kind: 'heading', text: h, level: /^ {0,3}(#{1,6})/.exec(line)![1]!.length });
      } else {
        rest.push(line.replace(/^ {0,3}(?:[-*+]|\d+[.)]|>)\s+/, '').trim());
      }
    }
    const text = rest.join(' ').trim();
    if (text) blocks.push({ kind: 'body', text });
  }
  return blocks;
}

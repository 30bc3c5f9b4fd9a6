/**
 * The DOCX reader: a Word document's text as blocks in reading order —
 * headings with their level, paragraphs, list items and table rows as body
 * blocks, captions, and its footnotes and endnotes apart at the end, each
 * with its printed mark.
 *
 * The archive is judged before anything else reads it: `readZip` checks its
 * names and sizes and inflates only the XML parts (images and other binaries
 * are never inflated), and each part must be well-behaved XML without any
 * DOCTYPE (a Word document has none; one here is an XXE attempt). mammoth
 * then converts a new archive made of exactly those checked parts, with its
 * embedded style maps and external files turned off, to structured HTML,
 * which is walked into blocks (linkedom).
 *
 * What the text is: the document as it reads with its tracked changes
 * accepted (deletions left out, insertions kept), without comments, headers,
 * footers or a table of contents. Footnote and endnote reference marks are
 * taken out of the body text, so that a note's number never fuses with a
 * sentence; the notes follow the body as kind "footnote" blocks, footnotes
 * numbered 1, 2, … and endnotes i, ii, … unless the document's settings name
 * another format (a note with a mark of its own, like "*", keeps it). A table is read row by row, one body block per row (its
 * cells joined by " | "), so a table never runs into the sentences around it.
 * Heading levels: Heading 1–6 are levels 1–6; a document with a paragraph in
 * the Title style has that as level 1 and its Heading N at level N + 1.
 *
 * Metadata defaults come from docProps/core.xml: title, creator (author),
 * the year created (else modified), and the language's primary subtag;
 * blank and placeholder values ("Untitled", "User") are skipped.
 */
import mammoth from 'mammoth';
import { strToU8, zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { inputError, type Problem } from '../../errors.js';
import type { FileMeta, Reader, TextBlock } from './types.js';
import { readZip, xmlText } from './zip.js';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound document: a Word 97–2003 ".doc" (or another old Office file), not a DOCX. */
export function isOleDoc(bytes: Uint8Array): boolean {
  return bytes.length >= OLE_MAGIC.length && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** The prefix of the ids mammoth gives notes and their references in its HTML. */
const ID = 'lectern-';

/** Style mappings on top of mammoth's defaults (Heading 1–6, lists, notes' own styles). */
const STYLE_MAP = [
  "p[style-name='Title'] => p.lectern-title:fresh",
  "p[style-name='caption'] => p.lectern-caption:fresh",
  "p[style-name='Caption'] => p.lectern-caption:fresh",
  "p[style-name='TOC Heading'] => !",
  ...Array.from({ length: 9 }, (_, i) => `p[style-name='toc ${i + 1}'] => !`),
  ...Array.from({ length: 9 }, (_, i) => `p[style-name='TOC ${i + 1}'] => !`),
];

/** Mammoth's notes about styles and images: expected of any real document, and harmless to its text. */
const QUIET = /^(?:Unrecognised (?:paragraph|run|table|numbering) style|\w+ style with ID .* was referenced but not defined|Image of type )/;
const MAX_NOTES = 3;

export const readDocx: Reader = async (bytes, file) => {
  if (isOleDoc(bytes)) {
    throw inputError(
      'source/doc-binary',
      'this is an old binary Word file (.doc), which Lectern cannot read',
      { file },
      'convert it: soffice --headless --convert-to docx FILE.doc',
    );
  }
  const parts = checkedParts(bytes, file);
  const main = mainPart(parts);
  const document = main ? parts.get(main) : undefined;
  if (!main || document === undefined) {
    throw inputError(
      'source/docx-corrupt',
      'not a Word document: the archive has no word/document.xml',
      { file },
      'open it in a word processor and save it as .docx again',
    );
  }
  const custom = customMarks(document);
  const zipped: Record<string, Uint8Array> = {};
  for (const [name, text] of parts) zipped[name] = strToU8(name === main ? custom.xml : text);
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(zipSync(zipped, { level: 0 })) },
      {
        styleMap: STYLE_MAP,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        idPrefix: ID,
        // Images are not text: none is read (their parts were never inflated).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (err) {
    throw inputError(
      'source/docx-corrupt',
      `cannot read the Word document: ${firstLine(err)}`,
      { file },
      'open it in a word processor and save it as .docx again',
    );
  }
  const formats = noteFormats(parts.get('word/settings.xml'), document);
  const blocks = htmlBlocks(result.value, formats, custom.marks);
  return { blocks, meta: coreMeta(parts), warnings: converterNotes(result.messages, file) };
};

/**
 * The archive's XML parts by name (.xml and .rels entries), each decoded and
 * refused if it has a DOCTYPE; nothing else is inflated.
 */
function checkedParts(bytes: Uint8Array, file: string): Map<string, string> {
  const entries = readZip(bytes, file, { only: (name) => /\.(xml|rels)$/i.test(name) });
  const parts = new Map<string, string>();
  for (const [name, data] of entries) {
    const text = xmlText(data, file, name);
    if (/<!DOCTYPE/i.test(text)) {
      throw inputError(
        'source/archive-unsafe',
        `"${name}" has a DOCTYPE declaration, which no Word document has (it could make an XML reader fetch files); Lectern does not read it`,
        { file },
        'the file looks crafted to harm the reader; get it again from a trusted place',
      );
    }
    parts.set(name, text);
  }
  return parts;
}

/** Where the package's relationships put the main document (as mammoth finds it), else word/document.xml. */
function mainPart(parts: Map<string, string>): string | undefined {
  const target = relationshipTarget(parts.get('_rels/.rels'), '/officeDocument');
  for (const name of [target, 'word/document.xml']) if (name && parts.has(name)) return name;
  return undefined;
}

/** The target (a name inside the archive) of the package relationship whose type ends with `type`. */
function relationshipTarget(rels: string | undefined, type: string): string | undefined {
  for (const m of (rels ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const t = /\bType\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
    const target = /\bTarget\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
    if (t?.endsWith(type) && target && !/^[a-z][a-z0-9+.-]*:/i.test(target)) return decodeXml(target).replace(/^\/+/, '');
  }
  return undefined;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').replace(/^error:\s*/i, '').trim() || 'unknown error';
}

/** Mammoth's notes that say something was left out, a few at most; its complaints about unmapped styles are dropped. */
function converterNotes(messages: Array<{ message: string }>, file: string): Problem[] {
  const distinct = [...new Set(messages.map((m) => m.message.trim()).filter((m) => m && !QUIET.test(m)))];
  const warnings: Problem[] = distinct.slice(0, MAX_NOTES).map((message) => ({
    severity: 'warning',
    code: 'source/docx-note',
    message: `DOCX: ${message}`,
    file,
  }));
  if (distinct.length > MAX_NOTES) {
    warnings.push({ severity: 'warning', code: 'source/docx-note', message: `DOCX: and ${distinct.length - MAX_NOTES} more notes like these`, file });
  }
  return warnings;
}

// ---------------------------------------------------------------- notes' marks

type NoteType = 'footnote' | 'endnote';
interface NoteFormat {
  format: string;
  start: number;
}

/**
 * The number format of footnotes and endnotes: the document's settings, then
 * its last section's properties (which Word also writes); Word's defaults are
 * 1, 2, 3 for footnotes and i, ii, iii for endnotes.
 */
function noteFormats(settings: string | undefined, document: string): Record<NoteType, NoteFormat> {
  const lastSection = document.slice(document.lastIndexOf('<w:sectPr'));
  const read = (type: NoteType, fallback: string): NoteFormat => {
    let format = fallback;
    let start = 1;
    for (const xml of [settings ?? '', lastSection]) {
      const props = new RegExp(`<w:${type}Pr\\b[^>]*>([\\s\\S]*?)</w:${type}Pr>`).exec(xml)?.[1] ?? '';
      format = /<w:numFmt\b[^>]*\bw:val="([^"]+)"/.exec(props)?.[1] ?? format;
      start = Number(/<w:numStart\b[^>]*\bw:val="(\d+)"/.exec(props)?.[1] ?? start);
    }
    return { format, start };
  };
  return { footnote: read('footnote', 'decimal'), endnote: read('endnote', 'lowerRoman') };
}

const CUSTOM_MARK =
  /(<w:(footnote|endnote)Reference\b[^>]*\bw:customMarkFollows="(?:1|true|on)"[^>]*\bw:id="([^"]+)"[^>]*\/>|<w:(footnote|endnote)Reference\b[^>]*\bw:id="([^"]+)"[^>]*\bw:customMarkFollows="(?:1|true|on)"[^>]*\/>)((?:\s|<\/w:r>|<w:r\b[^>]*>|<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr>)*)<w:t\b[^>]*>([^<]*)<\/w:t>/g;

/**
 * Notes with a mark of their own ("*" on a title): Word writes the mark as
 * the text that follows the reference, and does not count the note in its
 * numbering. The marks by note ("footnote-3"), and the document without
 * their text (mammoth would leave it in the sentence).
 */
function customMarks(document: string): { xml: string; marks: Map<string, string> } {
  const marks = new Map<string, string>();
  const xml = document.replace(CUSTOM_MARK, (_whole, ref: string, t1?: string, id1?: string, t2?: string, id2?: string, between = '', text = '') => {
    marks.set(`${t1 ?? t2}-${id1 ?? id2}`, decodeXml(text).trim());
    return `${ref}${between}`;
  });
  return { xml, marks };
}

const CHICAGO = ['*', '†', '‡', '§'];

/** The printed mark of the n-th note (1-based) in a Word number format. */
export function noteMark(n: number, format: string): string {
  switch (format) {
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'chicago':
      return CHICAGO[(n - 1) % 4]!.repeat(Math.floor((n - 1) / 4) + 1);
    default:
      return String(n);
  }
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, digits] of table) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

/** Word's letter numbering: a … z, then aa … zz, aaa … */
function letters(n: number): string {
  if (n <= 0) return String(n);
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

// ---------------------------------------------------------------- HTML to blocks

const BLOCK_TAGS = new Set(['P', 'LI', 'UL', 'OL', 'TABLE', 'TR', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'BLOCKQUOTE']);

/** Whitespace as one space; soft hyphens (invisible) out. */
function clean(text: string): string {
  return text
    .replace(/\u00AD/g, '')
    .replace(/[ \t\n\r\f\v\u2028\u2029]+/g, ' ')
    .trim();
}

/** The text under a node: a space for line breaks and between block elements; images and `skip` elements give nothing. */
function textOf(node: Node, skip?: (el: Element) => boolean): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  if (el.tagName === 'BR') return ' ';
  if (el.tagName === 'IMG' || skip?.(el)) return '';
  let out = '';
  for (const child of Array.from(el.childNodes)) out += textOf(child, skip);
  return BLOCK_TAGS.has(el.tagName) ? ` ${out} ` : out;
}

function htmlBlocks(html: string, formats: Record<NoteType, NoteFormat>, custom: Map<string, string>): TextBlock[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: Document };
  const body = document.body;

  // The notes: mammoth lists them last, in one <ol> of items with note ids.
  const noteItem = /^lectern-(footnote|endnote)-(.+)$/;
  const last = body.lastElementChild;
  const noteList =
    last?.tagName === 'OL' && last.children.length > 0 && Array.from(last.children).every((li) => li.tagName === 'LI' && noteItem.test(li.id))
      ? last
      : undefined;
  noteList?.remove();

  // References: each note's mark by the order its first reference comes in; the marks leave the text.
  const marks = new Map(custom);
  const counts: Record<NoteType, number> = { footnote: 0, endnote: 0 };
  for (const a of Array.from(body.querySelectorAll(`a[id^="${ID}footnote-ref-"], a[id^="${ID}endnote-ref-"]`))) {
    const m = /^lectern-(footnote|endnote)-ref-(.+)$/.exec(a.id);
    if (m) {
      const type = m[1] as NoteType;
      const key = `${type}-${m[2]}`;
      if (!marks.has(key)) marks.set(key, noteMark(formats[type].start + counts[type]++, formats[type].format));
    }
    const sup = a.parentElement;
    if (sup?.tagName === 'SUP' && !clean(textOf(sup, (el) => el === a))) sup.remove();
    else a.remove();
  }

  const blocks: TextBlock[] = [];
  const shift = body.querySelector('p.lectern-title') ? 1 : 0;
  const push = (kind: TextBlock['kind'], text: string, extra: Partial<TextBlock> = {}): void => {
    const t = clean(text);
    if (t) blocks.push({ kind, text: t, ...extra });
  };
  const isNested = (el: Element): boolean => el.tagName === 'UL' || el.tagName === 'OL' || el.tagName === 'TABLE';

  const walk = (el: Element): void => {
    const tag = el.tagName;
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) return push('heading', textOf(el), { level: Number(heading[1]) + shift });
    if (tag === 'P' && el.classList.contains('lectern-title')) return push('heading', textOf(el), { level: 1 });
    if (tag === 'P' && el.classList.contains('lectern-caption')) return push('caption', textOf(el));
    if (tag === 'UL' || tag === 'OL') {
      for (const li of Array.from(el.children)) {
        // A list item's own text, then its nested lists (and tables) in order.
        push('body', textOf(li, isNested));
        for (const child of Array.from(li.children)) if (isNested(child)) walk(child);
      }
      return;
    }
    if (tag === 'TABLE') {
      for (const row of Array.from(el.querySelectorAll('tr'))) {
        if (row.closest('table') !== el) continue;
        const cells = Array.from(row.children)
          .filter((c) => c.tagName === 'TD' || c.tagName === 'TH')
          .map((c) => clean(textOf(c)))
          .filter(Boolean);
        push('body', cells.join(' | '));
      }
      return;
    }
    push('body', textOf(el));
  };
  for (const el of Array.from(body.children)) walk(el);

  // Footnotes, then endnotes, each in the order of their marks.
  const notes: Record<NoteType, TextBlock[]> = { footnote: [], endnote: [] };
  const seen = new Set<string>();
  for (const li of Array.from(noteList?.children ?? [])) {
    const m = noteItem.exec(li.id)!;
    const type = m[1] as NoteType;
    const key = `${type}-${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const back of Array.from(li.querySelectorAll(`a[href^="#${ID}${type}-ref-"]`))) back.remove();
    const text = clean(textOf(li));
    if (text) notes[type].push({ kind: 'footnote', text, note: marks.get(key) ?? '' });
  }
  return [...blocks, ...notes.footnote, ...notes.endnote];
}

// ---------------------------------------------------------------- metadata

const PLACEHOLDERS = new Set(['untitled', 'unknown', 'user', 'admin', 'administrator', 'owner', 'microsoft office user', 'пользователь', 'администратор']);

function decodeXml(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex || dec) {
        const code = parseInt((hex ?? dec)!, hex ? 16 : 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name!.toLowerCase()] ?? whole;
    },
  );
}

/** One element's text in core.xml (any prefix), cleaned; undefined when blank or a placeholder. */
function coreField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(xml);
  if (!m) return undefined;
  const value = clean(decodeXml(m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]*>/g, '')));
  return value && !PLACEHOLDERS.has(value.toLowerCase()) ? value : undefined;
}

function coreMeta(parts: Map<string, string>): FileMeta {
  const name = relationshipTarget(parts.get('_rels/.rels'), '/core-properties');
  const xml = (name && parts.get(name)) || parts.get('docProps/core.xml');
  if (!xml) return {};
  const meta: FileMeta = {};
  const title = coreField(xml, 'title');
  const author = coreField(xml, 'creator');
  if (title) meta.title = title;
  if (author) meta.author = author;
  const latest = new Date().getFullYear() + 1;
  for (const field of ['created', 'modified']) {
    const year = Number(/^(\d{4})(?:-|$)/.exec(coreField(xml, field) ?? '')?.[1]);
    if (year > 1900 && year <= latest) {
      meta.year = String(year);
      break;
    }
  }
  const lang = coreField(xml, 'language')?.split(/[-_]/)[0]?.toLowerCase();
  if (lang && /^[a-z]{2,3}$/.test(lang) && !['und', 'zxx', 'mul'].includes(lang)) meta.lang = lang;
  return meta;
}

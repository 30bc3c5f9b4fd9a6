/**
 * HTML sources: a saved web page read as its article, and the XHTML chapters
 * of an EPUB (src/sources/formats/epub.ts), as blocks in reading order.
 *
 * Nothing in the page is ever run or fetched: linkedom builds a DOM without a
 * script engine or a resource loader, and scripts, styles, frames and
 * embedded objects are removed before anything else reads the tree. A saved
 * page then goes through Readability (the article only: navigation, sidebars,
 * footers and comments left out); an EPUB chapter is read whole.
 *
 * What becomes what: h1–h6 are headings with their level; paragraphs, list
 * items, blockquotes, definitions and loose text between blocks are body
 * blocks; figcaptions are captions. Data tables are left out entirely (a row
 * of cells is not a sentence); a layout table (one holding paragraphs) is
 * read as the blocks inside it. Footnotes and endnotes (Wikipedia's
 * `ol.references`, `epub:type="footnote"`, `role="doc-footnote"`, Pandoc's
 * `.footnotes`) become one footnote block each, with their mark, after the
 * body; their reference marks ([1], superscript links) and back-links are
 * removed from the text. Text is NFC with whitespace collapsed (a single
 * no-break space is kept), invisible and control characters removed.
 *
 * The page's own metadata gives the defaults a sidecar can override: title,
 * author, year, publisher (site name), canonical URL and language.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { inputError, type Problem } from '../../errors.js';
import { firstInvalidUtf8 } from '../text.js';
import type { ExtractedDocument, FileMeta, Reader, TextBlock } from './types.js';

export interface HtmlBlocksOptions {
  file: string;
  /** A saved web page: keep the article only (Readability). False for an EPUB chapter: read everything. */
  article: boolean;
  /** Element ids whose place in the text the caller wants (an EPUB's page-list targets). */
  anchors?: ReadonlySet<string>;
}

/** Where an element with a wanted id falls: block index and character offset in that block's text (at = 0: the block's start). */
export interface AnchorPlace {
  block: number;
  at: number;
}

export interface HtmlBlocksResult {
  blocks: TextBlock[];
  meta: FileMeta;
  /** Only for the ids asked for in `anchors` that were found; an anchor after the last block has block = blocks.length. */
  anchors: Map<string, AnchorPlace>;
}

export const readHtml: Reader = async (bytes, file) => {
  const { text, warnings } = decodeHtml(bytes, file);
  const { blocks, meta } = htmlBlocks(text, { file, article: true });
  if (!blocks.some((b) => b.kind === 'body')) {
    warnings.push({
      severity: 'warning',
      code: 'source/html-no-text',
      message: 'no article text was found in this page',
      hint: 'save the page again once it has loaded completely ("Save page as… → Web page, complete"), or copy its text into a .txt file',
      file,
    });
  }
  const result: ExtractedDocument = { blocks, meta, warnings };
  return result;
};

// ---------------------------------------------------------------------------
// Decoding

/**
 * The page's text: a byte-order mark first, then a `<meta charset>` (or
 * http-equiv Content-Type) in the first kilobyte, else UTF-8, strictly.
 */
export function decodeHtml(bytes: Uint8Array, file: string): { text: string; warnings: Problem[] } {
  const warnings: Problem[] = [];
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
    const declared = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (declared && !/^utf-?16/.test(declared)) label = declared;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    warnings.push({ severity: 'warning', code: 'source/unknown-charset', message: `unknown character set "${label}"; read as UTF-8`, file });
    label = 'utf-8';
    decoder = new TextDecoder(label, { fatal: true });
  }
  try {
    return { text: decoder.decode(bytes), warnings };
  } catch {
    const offset = label === 'utf-8' ? firstInvalidUtf8(bytes) : undefined;
    throw inputError(
      'source/not-utf8',
      label === 'utf-8'
        ? `not UTF-8 at byte ${offset} (0x${(bytes[offset!] ?? 0).toString(16).padStart(2, '0')}), and the page declares no other character set`
        : `not valid ${label} text, although the page declares that character set`,
      { file },
      'add the right <meta charset="…"> to the page (e.g. windows-1251, koi8-r), or save it again as UTF-8',
    );
  }
}

// ---------------------------------------------------------------------------
// Text

/** Soft hyphen, zero-width characters, word joiner, stray BOM; bidirectional controls. */
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanPiece(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .normalize('NFC')
    .replace(/\s+/g, (m) => (m === '\u00A0' || m === '\u202F' ? m : ' '));
}

/** A short string of the page (a title, an author): whitespace collapsed and trimmed. */
function clean(s: string | null | undefined): string | undefined {
  const out = s ? cleanPiece(s).replace(/\s+/g, ' ').trim() : '';
  return out || undefined;
}

/** Blocks built from text pieces, whitespace collapsed as they come, with the places of wanted anchors. */
class Collector {
  readonly blocks: TextBlock[] = [];
  readonly anchors = new Map<string, AnchorPlace>();
  /** Footnote mode: block boundaries become spaces, one block in the end. */
  flat = false;
  private buffer = '';
  private pending: string[] = [];
  private afterBreak = false;

  constructor(private readonly wanted: ReadonlySet<string>) {}

  text(raw: string): void {
    let s = cleanPiece(raw);
    if (!s) return;
    if (/^\s+$/.test(s) && s !== '\u00A0') s = ' ';
    if (!this.buffer || /\s$/.test(this.buffer)) s = s.replace(/^\s+/, '');
    if (!s) return;
    this.buffer += s;
    if (/\S/.test(s)) this.afterBreak = false;
  }

  /** A `<br>`: a space; two in a row (with nothing but spaces between) end the paragraph. */
  br(kind: TextBlock['kind'], level?: number): void {
    if (this.afterBreak && !this.flat) {
      this.flush(kind, level);
      return;
    }
    this.text(' ');
    this.afterBreak = true;
  }

  mark(id: string): void {
    if (!this.wanted.has(id) || this.anchors.has(id)) return;
    this.anchors.set(id, { block: this.blocks.length, at: this.buffer.length });
    this.pending.push(id);
  }

  flush(kind: TextBlock['kind'], level?: number, note?: string): void {
    this.afterBreak = false;
    if (this.flat) {
      this.text(' ');
      return;
    }
    const text = this.buffer.trim();
    this.buffer = '';
    const ids = this.pending;
    this.pending = [];
    if (!text) {
      for (const id of ids) this.anchors.set(id, { block: this.blocks.length, at: 0 });
      return;
    }
    for (const id of ids) {
      const place = this.anchors.get(id)!;
      // A place at a space is the start of the next word.
      while (place.at < text.length && /\s/.test(text[place.at]!)) place.at++;
      if (place.at >= text.length) this.anchors.set(id, { block: this.blocks.length + 1, at: 0 });
    }
    const block: TextBlock = { kind, text };
    if (kind === 'heading') block.level = level ?? 1;
    if (note !== undefined) block.note = note;
    this.blocks.push(block);
  }
}

// ---------------------------------------------------------------------------
// Structure

/** Never text, never looked into. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'template',
  'link',
  'meta',
  'head',
  'title',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'img',
  'picture',
  'source',
  'map',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'table',
]);

/** Removed before anything reads the tree: executable, embedded or interactive content. */
const REMOVE = new Set([
  'script',
  'style',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'template',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'textarea',
]);

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'ol',
  'p',
  'section',
  'summary',
  'ul',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'legend',
]);

const NOTE_SELECTOR = [
  'ol.references > li',
  '.reflist li',
  '.footnotes li',
  '[role~="doc-endnotes"] li',
  '[role~="doc-footnote"]',
  '[role~="doc-endnote"]',
  '[epub\\:type~="footnote"]',
  '[epub\\:type~="endnote"]',
  '[epub\\:type~="rearnote"]',
  '[epub\\:type~="footnotes"] li',
  '[epub\\:type~="endnotes"] li',
  '[epub\\:type~="rearnotes"] li',
].join(', ');

const BACKLINK_SELECTOR = [
  '.mw-cite-backlink',
  'a[role~="doc-backlink"]',
  'a.footnote-back',
  'a.footnote-backref',
  'a[href^="#fnref"]',
  'a[href^="#cite_ref"]',
].join(', ');

const NOTEREF_SELECTOR = ['sup.reference', 'a[role~="doc-noteref"]', 'a[epub\\:type~="noteref"]', 'a.footnote-ref', 'a[href^="#cite_note"]'].join(', ');

/** Wikipedia's furniture inside the article: edit links, jump links, site line, contents, navigation boxes; landmarks that are not the article. */
const CRUFT_CLASSES = new Set(['mw-editsection', 'mw-jump-link', 'toc', 'navbox', 'catlinks', 'printfooter', 'mw-indicators']);
const CRUFT_IDS = new Set(['toc', 'siteSub', 'contentSub']);
const CRUFT_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);

/** A printed footnote mark: a number, a letter or a few symbols, maybe bracketed. */
const MARK = /^[[(]?\s*(\d{1,4}|[a-zA-Z]|[*†‡§¶]{1,3})\s*[\])]?$/;

function tagOf(el: Element): string {
  return (el.localName || el.tagName || '').toLowerCase();
}

function elementsOf(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')];
}

/** A fragment identifier as an id (a malformed %-escape taken as it is). */
function decodeId(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function remove(el: Element): void {
  el.parentNode?.removeChild(el);
}

function isLayoutTable(table: Element): boolean {
  const role = table.getAttribute('role');
  if (role === 'presentation' || role === 'none') return true;
  if (/\b(infobox|wikitable|navbox|sidebar|vcard|metadata)\b/.test(table.getAttribute('class') ?? '')) return false;
  return table.querySelector('p, h1, h2, h3, h4, h5, h6, blockquote, pre') !== null;
}

interface Note {
  element: Element;
  mark?: string;
}

/** Removes what is never text, the footnotes (returned) and their reference marks. */
function prepare(document: Document, article: boolean): Note[] {
  // One pass over the elements (linkedom is slow at selectors): what is never text, hidden elements,
  // the article's furniture, bylines, page-break numbers; heading levels noted.
  for (const el of elementsOf(document)) {
    if (!el.isConnected) continue;
    const tag = tagOf(el);
    // JSON-LD is data (Readability reads it with JSON.parse for the byline and date), never run.
    if (tag === 'script' && (el.getAttribute('type') ?? '').toLowerCase() === 'application/ld+json') continue;
    if (REMOVE.has(tag) || (tag === 'link' && (el.getAttribute('rel') ?? '').toLowerCase() !== 'canonical')) {
      remove(el);
      continue;
    }
    const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || /display:none|visibility:hidden/.test(style)) {
      remove(el);
      continue;
    }
    if (article) {
      const classes = (el.getAttribute('class') ?? '').split(/\s+/);
      const id = el.getAttribute('id') ?? '';
      const role = el.getAttribute('role') ?? '';
      if (classes.some((c) => CRUFT_CLASSES.has(c)) || CRUFT_IDS.has(id) || CRUFT_ROLES.has(role) || (tag === 'sup' && classes.includes('noprint'))) {
        remove(el);
        continue;
      }
      // A byline ("By …, 12 May 1998") is metadata, not a paragraph of the article.
      if (/\b(byline|dateline|post-meta|entry-meta|article-meta)\b/i.test(`${classes.join(' ')} ${id}`) && (el.textContent ?? '').length < 200) {
        remove(el);
        continue;
      }
    }
    // Page-break markers keep their place (an id a page list points at) but lose their printed number.
    if (/\bpagebreak\b/.test(el.getAttribute('epub:type') ?? '') || /\bdoc-pagebreak\b/.test(el.getAttribute('role') ?? '')) el.textContent = '';
    // Readability turns h1 into h2: the level as written goes along in an attribute it keeps.
    if (/^h[1-6]$/.test(tag)) el.setAttribute('data-lectern-level', tag.slice(1));
  }
  // Data tables go before Readability sees them: it would keep some.
  for (const table of elementsOf(document).filter((e) => tagOf(e) === 'table')) {
    if (table.isConnected && !isLayoutTable(table)) remove(table);
  }

  // Footnotes, outermost only, in document order.
  // (Each selector is matched once over the document: linkedom compiles it on every call.)
  const noteElements = new Set(document.querySelectorAll(NOTE_SELECTOR));
  const within = (el: Element, set: ReadonlySet<Element>) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (set.has(up)) return true;
    return false;
  };
  const outer = [...noteElements].filter((el) => !within(el, noteElements));
  const outerSet = new Set(outer);
  const targets = new Map<string, Element>();
  for (const el of outer) {
    for (const withId of [el, ...elementsOf(el)]) {
      const id = withId.getAttribute('id');
      if (id) targets.set(id, el);
    }
  }
  // What the body's links to each note say (their marks), and which links are note references.
  const markOf = new Map<Element, string>();
  const refs = new Set<Element>(document.querySelectorAll(NOTEREF_SELECTOR));
  for (const a of elementsOf(document).filter((e) => tagOf(e) === 'a')) {
    if (within(a, outerSet)) continue;
    const href = a.getAttribute('href') ?? '';
    const hash = href.indexOf('#');
    const target = hash >= 0 ? targets.get(decodeId(href.slice(hash + 1))) : undefined;
    const text = (a.textContent ?? '').replace(/\s+/g, '');
    const markLike = MARK.test(text);
    const inSup = tagOf(a.parentElement ?? a) === 'sup' || a.getElementsByTagName('sup').length > 0;
    if (target || refs.has(a) || (hash >= 0 && markLike && inSup)) {
      refs.add(a);
      if (target && markLike && !markOf.has(target)) markOf.set(target, text.replace(/^[[(]|[\])]$/g, ''));
    }
  }
  for (const ref of refs) {
    const parent = ref.parentElement;
    remove(ref);
    if (parent && tagOf(parent) === 'sup' && !(parent.textContent ?? '').trim()) remove(parent);
  }
  for (const sup of elementsOf(document).filter((e) => tagOf(e) === 'sup')) {
    if (/^\[\d{1,4}\]$/.test((sup.textContent ?? '').trim())) remove(sup);
  }

  for (const back of [...document.querySelectorAll(BACKLINK_SELECTOR)]) if (within(back, outerSet)) remove(back);
  const notes: Note[] = [];
  outer.forEach((element) => {
    for (const a of elementsOf(element).filter((e) => tagOf(e) === 'a')) {
      if (/^[↩↑^]\uFE0E?\uFE0F?$/.test((a.textContent ?? '').trim())) remove(a);
    }
    let mark = markOf.get(element);
    const parent = element.parentElement;
    if (mark === undefined && tagOf(element) === 'li' && parent && tagOf(parent) === 'ol') {
      const value = Number(element.getAttribute('value'));
      const start = Number(parent.getAttribute('start') ?? '1') || 1;
      const siblings = [...parent.children].filter((c) => tagOf(c) === 'li');
      mark = String(Number.isInteger(value) && value > 0 ? value : start + siblings.indexOf(element));
    }
    notes.push({ element, mark });
  });
  for (const note of notes) remove(note.element);
  return notes;
}

/** Walks a subtree, turning its structure into blocks. */
function walk(node: Node, c: Collector, kind: TextBlock['kind'], level?: number): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === 3) {
      c.text((child as Text).data);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = tagOf(el);
    const id = el.getAttribute('id');
    if (id) c.mark(id);
    if (tag === 'br') {
      c.br(kind, level);
    } else if (tag === 'table') {
      c.flush(kind, level);
      if (isLayoutTable(el)) walk(el, c, kind, level);
      c.flush(kind, level);
    } else if (SKIP.has(tag)) {
      continue;
    } else if (/^h[1-6]$/.test(tag)) {
      const written = Number(el.getAttribute('data-lectern-level') ?? tag[1]);
      c.flush(kind, level);
      walk(el, c, 'heading', written);
      c.flush('heading', written);
    } else if (tag === 'figcaption' || tag === 'caption') {
      c.flush(kind, level);
      walk(el, c, 'caption');
      c.flush('caption');
    } else if (tag === 'pre') {
      c.flush(kind, level);
      for (const para of (el.textContent ?? '').split(/\n[ \t\u00A0]*\n/)) {
        c.text(para);
        c.flush(kind, level);
      }
    } else if (BLOCK.has(tag)) {
      c.flush(kind, level);
      walk(el, c, kind, level);
      c.flush(kind, level);
    } else {
      walk(el, c, kind, level);
    }
  }
}

/** Headings with nothing under them before the next heading of the same or a higher level (a page's emptied "References"). */
function dropEmptyHeadings(blocks: TextBlock[]): TextBlock[] {
  return blocks.filter((block, i) => {
    if (block.kind !== 'heading') return true;
    for (const next of blocks.slice(i + 1)) {
      if (next.kind !== 'heading') return true;
      if ((next.level ?? 1) <= (block.level ?? 1)) return false;
    }
    return false;
  });
}

/**
 * Blocks and metadata of an HTML document (already decoded). Used by
 * readHtml (article: true) and for each EPUB chapter (article: false).
 */
export function htmlBlocks(html: string, options: HtmlBlocksOptions): HtmlBlocksResult {
  const document = htmlDocument(html);
  const meta = pageMeta(document);
  const notes = prepare(document, options.article);
  let root: Node = document.body ?? document.documentElement;
  if (options.article) {
    const parsed = new Readability<Element>(document, { serializer: (el) => el as Element }).parse();
    if (parsed?.content) root = parsed.content;
    if (!meta.author) {
      const byline = clean(parsed?.byline);
      if (byline) meta.author = byline;
    }
    if (!meta.year) {
      const year = yearOf(parsed?.publishedTime);
      if (year) meta.year = year;
    }
  }
  const c = new Collector(options.anchors ?? new Set());
  walk(root, c, 'body');
  c.flush('body');
  const body = c.blocks.length;
  notes.forEach((note, i) => {
    c.flat = true;
    walk(note.element, c, 'footnote');
    c.flat = false;
    const before = c.blocks.length;
    c.flush('footnote', undefined, note.mark);
    const block = c.blocks[before];
    if (!block || note.mark !== undefined) return;
    // A note that prints its own mark first ("3. Text", "* Text"); else its place among the notes.
    const own = /^[[(]?(\d{1,4}|[*†‡§¶]{1,3})[\]).]?\s+(?=\S)/.exec(block.text);
    if (own) block.text = block.text.slice(own[0].length);
    block.note = own ? own[1] : String(i + 1);
  });
  const blocks = options.article ? [...dropEmptyHeadings(c.blocks.slice(0, body)), ...c.blocks.slice(body)] : c.blocks;
  return { blocks, meta, anchors: c.anchors };
}

/** A DOM of an HTML or XHTML document (XHTML's self-closing elements read as empty), built without running or loading anything. */
export function htmlDocument(html: string): Document {
  const xhtml = /^\s*(?:\uFEFF)?<\?xml/.test(html) || /<html[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml/i.test(html);
  let source = xhtml ? expandSelfClosing(html) : html;
  // linkedom needs the <html> element to find the body.
  if (!/<html[\s>]/i.test(source)) source = /<body[\s>]/i.test(source) ? `<html>${source}</html>` : `<html><body>${source}</body></html>`;
  return parseHTML(source).document;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** XHTML's `<span/>` read as an HTML parser would not: an empty element, not an open one. */
function expandSelfClosing(xhtml: string): string {
  return xhtml.replace(/<([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/>/g, (whole, tag: string, attrs: string) =>
    VOID.has(tag.toLowerCase()) ? whole : `<${tag}${attrs}></${tag}>`,
  );
}

// ---------------------------------------------------------------------------
// Metadata

function yearOf(date: string | null | undefined): string | undefined {
  return date ? /(?:^|\D)(1[5-9]\d\d|20\d\d)(?!\d)/.exec(date)?.[1] : undefined;
}

function absoluteUrl(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function primaryLang(tag: string | null | undefined): string | undefined {
  const lang = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return lang && /^[a-z]{2,3}$/.test(lang) ? lang : undefined;
}

/** The page's description of itself, read before anything is removed. */
function pageMeta(document: Document): FileMeta {
  const metas = new Map<string, string>();
  for (const el of elementsOf(document).filter((e) => tagOf(e) === 'meta')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('http-equiv') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
    const content = el.getAttribute('content');
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  const h1 = clean(document.querySelector('h1')?.textContent);
  const site = clean(metas.get('og:site_name'));
  let title = clean(metas.get('og:title')) ?? clean(document.querySelector('title')?.textContent) ?? h1;
  if (title) {
    const separated = /^(.+?)\s+[-–—|:·•]\s+(.+)$/.exec(title);
    if (separated && ((site && separated[2] === site) || (h1 && separated[1] === h1))) title = separated[1];
  }
  const authorMeta = clean(metas.get('author')) ?? clean(metas.get('article:author')) ?? clean(metas.get('dc.creator')) ?? clean(metas.get('citation_author'));
  const author = authorMeta && !/^https?:/.test(authorMeta) ? authorMeta : undefined;
  const date =
    metas.get('article:published_time') ??
    metas.get('date') ??
    metas.get('dc.date') ??
    metas.get('dcterms.created') ??
    metas.get('citation_publication_date') ??
    metas.get('datepublished') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime');
  const canonical = elementsOf(document).find((e) => tagOf(e) === 'link' && (e.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const root = document.documentElement;
  const meta: FileMeta = {};
  if (title) meta.title = title;
  if (author) meta.author = author;
  const year = yearOf(date);
  if (year) meta.year = year;
  if (site) meta.publisher = site;
  const url = absoluteUrl(canonical?.getAttribute('href')) ?? absoluteUrl(metas.get('og:url'));
  if (url) meta.url = url;
  const lang =
    primaryLang(root?.getAttribute('lang')) ??
    primaryLang(root?.getAttribute('xml:lang')) ??
    primaryLang(metas.get('content-language')) ??
    primaryLang(metas.get('og:locale'));
  if (lang) meta.lang = lang;
  return meta;
}

/**
 * EPUB sources: the book's chapters in spine order as blocks, its metadata
 * from the package document, and its printed pages when it has a page list.
 *
 * The archive is read through zip.ts (names and sizes checked before
 * anything is inflated; XML refused when it declares entities). Then:
 * META-INF/container.xml names the package (OPF); the OPF's spine orders the
 * chapters, each an XHTML file read by htmlBlocks (article: false); a chapter
 * without a heading of its own gets its table-of-contents title as a level-1
 * heading. dc:title, dc:creator, dc:date, dc:language and dc:publisher are the
 * file's metadata.
 *
 * Printed pages come from an EPUB 3 page list (the navigation document's
 * `epub:type="page-list"`, or an EPUB 2 NCX pageList): one PageInfo per entry
 * (physical = its place in the list, label = its text), and each block gets
 * the page it starts on, with `pageBreaks` where a page begins inside it.
 * Blocks before the first page marker have no page.
 *
 * A DRM-protected book (encryption.xml encrypting content with anything but
 * font obfuscation, a rights.xml or an Apple sinf.xml) is refused with
 * `source/epub-drm`; a damaged one with `source/epub-corrupt` naming what is
 * missing.
 */
import path from 'node:path';
import { DOMParser } from 'linkedom';
import { inputError, LecternError, type Problem } from '../../errors.js';
import { htmlBlocks, htmlDocument } from './html.js';
import type { ExtractedDocument, FileMeta, PageInfo, Reader, TextBlock } from './types.js';
import { readZip, xmlText } from './zip.js';

/** Algorithms that only obfuscate embedded fonts: the text stays readable. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);
/** Entries never read: images, fonts, audio, video, styles, scripts. */
const MEDIA = /\.(jpe?g|png|gif|webp|bmp|tiff?|svg|ttf|otf|woff2?|eot|mp3|mp4|m4a|m4v|aac|ogg|oga|opus|wav|webm|css|js|pdf|ico)$/i;
const FONT = /\.(ttf|otf|woff2?|eot)$/i;

function corrupt(file: string, message: string): LecternError {
  return inputError(
    'source/epub-corrupt',
    message,
    { file },
    'the e-book is damaged or incomplete; download it again, or open it in Calibre and convert it to EPUB',
  );
}

/** Elements by local name (any namespace prefix), in document order. */
function byName(root: ParentNode, name: string): Element[] {
  return [...root.querySelectorAll('*')].filter((el) => (el.tagName.split(':').pop() ?? '').toLowerCase() === name);
}

function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
}

function textOf(el: Element | undefined): string | undefined {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim().normalize('NFC');
  return text || undefined;
}

/** A path inside the archive, from an href relative to the file that holds it; undefined when it leaves the archive or is a URL. */
function resolve(from: string, href: string): { path: string; id?: string } | undefined {
  const hash = href.indexOf('#');
  const target = hash >= 0 ? href.slice(0, hash) : href;
  const id = hash >= 0 ? decodeURIComponent(href.slice(hash + 1)) : undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    decoded = target;
  }
  const joined = decoded ? path.posix.normalize(path.posix.join(path.posix.dirname(from), decoded)) : from;
  if (joined.startsWith('../') || joined === '..' || path.posix.isAbsolute(joined)) return undefined;
  return { path: joined, id: id || undefined };
}

function primaryLang(tag: string | undefined): string | undefined {
  const lang = tag?.split(/[-_]/)[0]?.toLowerCase();
  return lang && /^[a-z]{2,3}$/.test(lang) ? lang : undefined;
}

/** Refuses a book whose content is encrypted (font obfuscation alone is fine). */
function checkDrm(entries: Map<string, Uint8Array>, names: Set<string>, file: string): void {
  const drm = (why: string) =>
    inputError(
      'source/epub-drm',
      `this e-book is DRM-protected (${why}); Lectern cannot read it`,
      { file },
      'use a DRM-free copy of the book (many publishers and libraries offer one), or cite it from a PDF or text you may use',
    );
  if (names.has('META-INF/rights.xml')) throw drm('it has META-INF/rights.xml');
  if (names.has('META-INF/sinf.xml')) throw drm('it has Apple FairPlay rights, META-INF/sinf.xml');
  const encryption = entries.get('META-INF/encryption.xml');
  if (!encryption) return;
  const doc = parseXml(xmlText(encryption, file, 'META-INF/encryption.xml'));
  for (const data of byName(doc, 'encrypteddata')) {
    const algorithm = byName(data, 'encryptionmethod')[0]?.getAttribute('Algorithm') ?? '';
    const uri = byName(data, 'cipherreference')[0]?.getAttribute('URI') ?? '';
    if (FONT_OBFUSCATION.has(algorithm)) continue;
    if (FONT.test(uri)) continue;
    throw drm(`META-INF/encryption.xml encrypts ${uri || 'its content'} with ${algorithm || 'an unnamed algorithm'}`);
  }
}

interface PageTarget {
  label: string;
  path: string;
  id?: string;
}

interface Navigation {
  /** The first table-of-contents title of each file. */
  titles: Map<string, string>;
  pages: PageTarget[];
}

/** Table of contents and page list, from the EPUB 3 navigation document, else the EPUB 2 NCX. */
function navigation(entries: Map<string, Uint8Array>, file: string, navPath: string | undefined, ncxPath: string | undefined): Navigation {
  const titles = new Map<string, string>();
  const pages: PageTarget[] = [];
  const addTitle = (from: string, href: string | null, label: string | undefined) => {
    const target = href ? resolve(from, href) : undefined;
    if (target && label && !titles.has(target.path)) titles.set(target.path, label);
  };
  const addPage = (from: string, href: string | null, label: string | undefined) => {
    const target = href ? resolve(from, href) : undefined;
    if (target && label) pages.push({ label, path: target.path, id: target.id });
  };
  const navBytes = navPath ? entries.get(navPath) : undefined;
  if (navPath && navBytes) {
    const doc = htmlDocument(xmlText(navBytes, file, navPath));
    for (const nav of byName(doc, 'nav')) {
      const type = nav.getAttribute('epub:type') ?? nav.getAttribute('role') ?? '';
      const links = byName(nav, 'a');
      if (/\b(toc|doc-toc)\b/.test(type)) for (const a of links) addTitle(navPath, a.getAttribute('href'), textOf(a));
      if (/\b(page-list|doc-pagelist)\b/.test(type)) for (const a of links) addPage(navPath, a.getAttribute('href'), textOf(a));
    }
  }
  const ncxBytes = ncxPath ? entries.get(ncxPath) : undefined;
  if (ncxPath && ncxBytes) {
    const doc = parseXml(xmlText(ncxBytes, file, ncxPath));
    for (const point of byName(doc, 'navpoint')) {
      addTitle(ncxPath, byName(point, 'content')[0]?.getAttribute('src') ?? null, textOf(byName(point, 'navlabel')[0]));
    }
    if (!pages.length) {
      for (const target of byName(doc, 'pagetarget')) {
        addPage(ncxPath, byName(target, 'content')[0]?.getAttribute('src') ?? null, textOf(byName(target, 'navlabel')[0]));
      }
    }
  }
  return { titles, pages };
}

function packageMeta(opf: Document): FileMeta {
  const meta: FileMeta = {};
  const title = textOf(byName(opf, 'title')[0]);
  if (title) meta.title = title;
  // Creators that are authors: EPUB 3 says so in a <meta refines="#id" property="role">, EPUB 2 in opf:role.
  const roles = new Map<string, string>();
  for (const m of byName(opf, 'meta')) {
    const refines = m.getAttribute('refines');
    if (refines?.startsWith('#') && m.getAttribute('property') === 'role') roles.set(refines.slice(1), textOf(m) ?? '');
  }
  const creators = byName(opf, 'creator').map((el) => ({
    name: textOf(el),
    role: el.getAttribute('opf:role') ?? el.getAttribute('role') ?? roles.get(el.getAttribute('id') ?? '') ?? '',
  }));
  const authors = creators.filter((c) => c.name && (c.role === '' || c.role === 'aut'));
  const author = (authors.length ? authors : creators).map((c) => c.name).filter(Boolean);
  if (author.length) meta.author = author.join(', ');
  const year = /(?:^|\D)(1[0-9]\d\d|20\d\d)(?!\d)/.exec(textOf(byName(opf, 'date')[0]) ?? '')?.[1];
  if (year) meta.year = year;
  const publisher = textOf(byName(opf, 'publisher')[0]);
  if (publisher) meta.publisher = publisher;
  const lang = primaryLang(textOf(byName(opf, 'language')[0]));
  if (lang) meta.lang = lang;
  return meta;
}

export const readEpub: Reader = async (bytes, file) => {
  let entries: Map<string, Uint8Array>;
  const names = new Set<string>();
  try {
    entries = readZip(bytes, file, {
      only: (name) => {
        names.add(name);
        return !MEDIA.test(name);
      },
    });
  } catch (err) {
    if (err instanceof LecternError && err.code === 'source/archive-corrupt') {
      throw corrupt(file, `not a readable EPUB: ${err.problems[0]!.message}`);
    }
    throw err;
  }
  const warnings: Problem[] = [];
  const mimetype = entries.get('mimetype');
  if (mimetype && new TextDecoder().decode(mimetype).trim() !== 'application/epub+zip') {
    throw corrupt(file, `its "mimetype" entry says ${JSON.stringify(new TextDecoder().decode(mimetype).trim().slice(0, 60))}, not application/epub+zip`);
  }
  checkDrm(entries, names, file);

  const container = entries.get('META-INF/container.xml');
  if (!container) throw corrupt(file, 'META-INF/container.xml is missing, so the book has no package document (OPF)');
  const rootfiles = byName(parseXml(xmlText(container, file, 'META-INF/container.xml')), 'rootfile');
  const rootfile = rootfiles.find((r) => r.getAttribute('media-type') === 'application/oebps-package+xml') ?? rootfiles[0];
  const opfPath = rootfile?.getAttribute('full-path');
  if (!opfPath) throw corrupt(file, 'META-INF/container.xml names no package document (rootfile full-path)');
  const opfBytes = entries.get(opfPath);
  if (!opfBytes) throw corrupt(file, `the package document ${opfPath} named in META-INF/container.xml is missing`);
  const opf = parseXml(xmlText(opfBytes, file, opfPath));

  const manifest = new Map<string, { path: string; type: string; properties: string }>();
  for (const item of byName(opf, 'item')) {
    const id = item.getAttribute('id');
    const target = resolve(opfPath, item.getAttribute('href') ?? '');
    if (id && target) manifest.set(id, { path: target.path, type: item.getAttribute('media-type') ?? '', properties: item.getAttribute('properties') ?? '' });
  }
  const spine = byName(opf, 'spine')[0];
  if (!spine) throw corrupt(file, `the package document ${opfPath} has no spine (the reading order)`);
  const navItem = [...manifest.values()].find((m) => /\bnav\b/.test(m.properties));
  const ncxItem = manifest.get(spine.getAttribute('toc') ?? '') ?? [...manifest.values()].find((m) => m.type === 'application/x-dtbncx+xml');
  const nav = navigation(entries, file, navItem?.path, ncxItem?.path);

  // Pages: each page-list entry is a physical page; its target is where it begins.
  const pages: PageInfo[] = nav.pages.map((p, i) => ({ page: i + 1, label: p.label, state: 'text' }));
  const blocks: TextBlock[] = [];
  const events: Array<{ block: number; at: number; page: number }> = [];
  const found = new Set<number>();
  const itemrefs = byName(spine, 'itemref');
  if (!itemrefs.length) throw corrupt(file, `the spine of ${opfPath} lists no chapters`);
  for (const ref of itemrefs) {
    const idref = ref.getAttribute('idref') ?? '';
    const item = manifest.get(idref);
    if (!item) throw corrupt(file, `the spine names "${idref}", which the manifest of ${opfPath} does not list`);
    if (!/^(application\/xhtml\+xml|text\/html)$/.test(item.type)) continue;
    const chapterBytes = entries.get(item.path);
    if (!chapterBytes) throw corrupt(file, `the chapter ${item.path} listed in the spine is missing from the archive`);
    const targets = nav.pages.map((p, i) => ({ ...p, page: i + 1 })).filter((p) => p.path === item.path);
    const chapter = htmlBlocks(xmlText(chapterBytes, file, item.path), {
      file,
      article: false,
      anchors: new Set(targets.flatMap((t) => (t.id ? [t.id] : []))),
    });
    const title = nav.titles.get(item.path);
    const addTitle = title !== undefined && chapter.blocks.length > 0 && !chapter.blocks.some((b) => b.kind === 'heading');
    const base = blocks.length;
    if (addTitle) blocks.push({ kind: 'heading', text: title, level: 1 });
    for (const target of targets) {
      const place = target.id ? chapter.anchors.get(target.id) : { block: 0, at: 0 };
      if (!place) continue;
      found.add(target.page);
      const shifted = addTitle && !(place.block === 0 && place.at === 0) ? 1 : 0;
      events.push({ block: base + place.block + shifted, at: place.at, page: target.page });
    }
    blocks.push(...chapter.blocks);
  }
  const lost = pages.filter((p) => !found.has(p.page)).map((p) => p.label);
  if (lost.length) {
    warnings.push({
      severity: 'warning',
      code: 'source/epub-page-missing',
      message: `the page list points at places that are not in the text for page${lost.length > 1 ? 's' : ''} ${lost.slice(0, 10).join(', ')}${lost.length > 10 ? ', …' : ''}`,
      file,
    });
  }
  events.sort((a, b) => a.block - b.block || a.at - b.at || a.page - b.page);
  let current: number | undefined;
  let next = 0;
  blocks.forEach((block, i) => {
    for (; next < events.length && events[next]!.block === i && events[next]!.at === 0; next++) current = events[next]!.page;
    if (current !== undefined && pages.length) block.page = current;
    for (; next < events.length && events[next]!.block === i; next++) {
      const event = events[next]!;
      if (event.page === current) continue;
      (block.pageBreaks ??= []).push({ at: event.at, page: event.page });
      current = event.page;
    }
  });
  if (!blocks.some((b) => b.kind === 'body')) {
    warnings.push({
      severity: 'warning',
      code: 'source/epub-no-text',
      message: 'no text was found in this e-book (its chapters may be images)',
      hint: 'an e-book of scanned pages cannot be cited paragraph by paragraph; use a PDF with OCR instead',
      file,
    });
  }
  const result: ExtractedDocument = { blocks, meta: packageMeta(opf), warnings };
  if (pages.length) result.pages = pages;
  return result;
};

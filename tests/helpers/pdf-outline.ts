/**
 * Reading back what pdf.ts's helpers do not: bookmarks (walking the outline
 * dictionaries and checking their links), annotations, the document
 * information with the catalog's language, and image XObjects.
 */
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, type PDFObject } from 'pdf-lib';

async function load(file: string | Uint8Array): Promise<PDFDocument> {
  const bytes = typeof file === 'string' ? await readFile(file) : file;
  return PDFDocument.load(bytes, { updateMetadata: false });
}

function text(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFHexString || obj instanceof PDFString ? obj.decodeText() : undefined;
}

export interface Bookmark {
  title: string;
  /** 1-based page number the bookmark opens. */
  page: number;
  /** The destination's fit type: "Fit", "XYZ", … */
  fit: string;
  /** /Count as written (open items: the number of visible descendants). */
  count?: number;
  children: Bookmark[];
}

/**
 * The outline tree, read by following /First and /Next. Throws if the links
 * are inconsistent (/Prev, /Parent, /Last, /Count), as a strict reader would.
 */
export async function pdfBookmarks(file: string | Uint8Array): Promise<Bookmark[]> {
  const doc = await load(file);
  const context = doc.context;
  const pages = doc.getPages().map((p) => p.ref);
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return [];
  const ref = (dict: PDFDict, key: string) => dict.get(PDFName.of(key)) as PDFRef | undefined;
  const walk = (parentRef: PDFRef | undefined, parent: PDFDict): Bookmark[] => {
    const items: Bookmark[] = [];
    let prevRef: PDFRef | undefined;
    let currentRef = ref(parent, 'First');
    while (currentRef) {
      const item = context.lookup(currentRef, PDFDict);
      if (parentRef && ref(item, 'Parent') !== parentRef) throw new Error(`bookmark ${currentRef.toString()}: /Parent does not point back`);
      if (ref(item, 'Prev') !== prevRef) throw new Error(`bookmark ${currentRef.toString()}: /Prev is wrong`);
      const dest = item.lookup(PDFName.of('Dest'), PDFArray);
      const target = dest.get(0) as PDFRef;
      const page = pages.findIndex((p) => p === target) + 1;
      if (page === 0) throw new Error(`bookmark ${currentRef.toString()}: /Dest is not a page of the document`);
      const count = item.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber();
      const children = walk(currentRef, item);
      items.push({ title: text(item.get(PDFName.of('Title'))) ?? '', page, fit: String(dest.get(1)).replace(/^\//, ''), count, children });
      prevRef = currentRef;
      currentRef = ref(item, 'Next');
    }
    if (items.length > 0 && ref(parent, 'Last') !== prevRef) throw new Error('outline: /Last is not the last item');
    return items;
  };
  const root = walk(undefined, outlines);
  const visible = (list: Bookmark[]): number => list.reduce((n, b) => n + 1 + ((b.count ?? 0) > 0 ? visible(b.children) : 0), 0);
  const rootCount = outlines.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber();
  if (rootCount !== undefined && rootCount !== visible(root)) throw new Error(`outline: /Count ${rootCount}, but ${visible(root)} items are visible`);
  return root;
}

/** The outline as pdf.js (Firefox's reader) sees it: titles and 1-based pages. */
export async function pdfjsBookmarks(
  file: string | Uint8Array,
): Promise<Array<{ title: string; page: number; children: Array<{ title: string; page: number }> }>> {
  const data = typeof file === 'string' ? new Uint8Array(await readFile(file)) : new Uint8Array(file);
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  const outline = (await doc.getOutline()) ?? [];
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
    if (!explicit) return 0;
    return (await doc.getPageIndex(explicit[0] as { num: number; gen: number })) + 1;
  };
  const result = [];
  for (const item of outline) {
    const children = [];
    for (const child of item.items) children.push({ title: child.title, page: await pageOf(child.dest) });
    result.push({ title: item.title, page: await pageOf(item.dest), children });
  }
  await doc.destroy();
  return result;
}

export interface Annotation {
  /** 1-based page. */
  page: number;
  subtype: string;
  contents?: string;
  title?: string;
  flags?: number;
}

export async function pdfAnnotations(file: string | Uint8Array): Promise<Annotation[]> {
  const doc = await load(file);
  const out: Annotation[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.Annots();
    if (!annots) return;
    for (let k = 0; k < annots.size(); k++) {
      const a = annots.lookup(k, PDFDict);
      out.push({
        page: i + 1,
        subtype: String(a.get(PDFName.of('Subtype'))).replace(/^\//, ''),
        contents: text(a.get(PDFName.of('Contents'))),
        title: text(a.get(PDFName.of('T'))),
        flags: a.lookupMaybe(PDFName.of('F'), PDFNumber)?.asNumber(),
      });
    }
  });
  return out;
}

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  creationDate?: Date;
  modificationDate?: Date;
  /** The catalog's /Lang. */
  lang?: string;
  /** The catalog says the PDF is tagged (/MarkInfo /Marked true) and has a structure tree. */
  tagged: boolean;
  pageMode?: string;
  displayDocTitle?: boolean;
}

export async function pdfInfo(file: string | Uint8Array): Promise<PdfInfo> {
  const doc = await load(file);
  const catalog = doc.catalog;
  const mark = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const prefs = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return {
    title: doc.getTitle(),
    author: doc.getAuthor(),
    subject: doc.getSubject(),
    keywords: doc.getKeywords(),
    creator: doc.getCreator(),
    producer: doc.getProducer(),
    creationDate: doc.getCreationDate(),
    modificationDate: doc.getModificationDate(),
    lang: text(catalog.get(PDFName.of('Lang'))),
    tagged: String(mark?.get(PDFName.of('Marked'))) === 'true' && catalog.get(PDFName.of('StructTreeRoot')) !== undefined,
    pageMode: catalog.get(PDFName.of('PageMode'))?.toString().replace(/^\//, ''),
    displayDocTitle: prefs ? String(prefs.get(PDFName.of('DisplayDocTitle'))) === 'true' : undefined,
  };
}

/** How many image XObjects the file holds (0 when everything is drawn as vectors and text). */
export async function pdfImageCount(file: string | Uint8Array): Promise<number> {
  const doc = await load(file);
  let n = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) n++;
  }
  return n;
}

/**
 * Finishing Chromium's PDFs with pdf-lib: document metadata (Info dictionary
 * and the catalog's /Lang), bookmarks (the PDF outline: sections with their
 * slides nested) and, on request, each slide's speaker notes as a text
 * annotation on its page. Chromium's own structure (tagged PDF, fonts) is
 * kept as it is.
 */
import { trace } from '../trace.js';
import { sourceDate } from '../util/source-date.js';
import { dropUnreachable, splicePages } from './splice.js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, ParseSpeeds, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext } from 'pdf-lib';
import type { Deck } from '../deck/model.js';
import { deckMetadata, deckOutline, firstPage, notesText, type OutlineNode, type PageSlides, type PdfMetadata } from './deck-meta.js';

export { deckMetadata, deckOutline, notesText, slideLabel, type OutlineNode, type PageSlides, type PdfMetadata } from './deck-meta.js';

export interface FinishOptions {
  /** Add each slide's speaker notes as a text annotation on its page (`--pdf-notes`). */
  notes?: boolean;
  date?: Date;
  /** Which slide each page shows, when a slide has several pages (`--pdf-steps`): bookmarks and notes go to each slide's first page. */
  pages?: PageSlides;
}

/**
 * pdf-lib parses and writes a few dozen objects per event-loop turn by
 * default (to keep a browser page responsive); here that only adds waiting —
 * for a 200-page deck, 0.25 s instead of 0.09 s.
 */
const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;
const SAVE = { updateFieldAppearances: false, objectsPerTick: Infinity } as const;

/** The deck PDF as delivered: metadata, bookmarks and optionally notes annotations. */
export async function finishDeckPdf(pdf: Uint8Array | PDFDocument, deck: Deck, options: FinishOptions = {}): Promise<Uint8Array> {
  trace('finish: start');
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, LOAD);
  applyMetadata(doc, { ...deckMetadata(deck), date: options.date });
  writeOutline(doc, deckOutline(deck, options.pages));
  if (options.notes) addNotes(doc, deck, options.pages);
  return doc.save(SAVE);
}

/**
 * The previous deck PDF with pages `at` (0-based) replaced by the pages of
 * `part`, printed from just those slides; undefined when they cannot be
 * spliced (see splicePages), and the whole deck must be printed.
 */
export async function spliceDeckPdf(previous: Uint8Array, part: Uint8Array, at: number[]): Promise<PDFDocument | undefined> {
  const [base, pages] = await Promise.all([PDFDocument.load(previous, LOAD), PDFDocument.load(part, LOAD)]);
  const result = await splicePages(base, pages, at);
  if (!result.spliced) {
    trace(`splice: not spliced, ${result.why}`);
    return undefined;
  }
  // The old bookmarks go (finishDeckPdf writes new ones), and with them
  // everything only the replaced pages used.
  base.catalog.delete(PDFName.of('Outlines'));
  dropUnreachable(base);
  return base;
}

/**
 * Runs the finishing code once on a tiny document. pdf-lib's first run is
 * several times slower than the next (its code is compiled as it first runs);
 * called while Chromium prints, it leaves the real finish quick.
 */
export async function warmUp(): Promise<void> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < 3; i++) doc.addPage([1280, 720]);
  applyMetadata(doc, { title: 'Lectern', lang: 'en', author: 'Lectern', subject: 'warm-up', keywords: ['a', 'b'] });
  writeOutline(doc, [
    { title: 'Раздел', page: 0, children: [{ title: 'Slide', page: 1, children: [] }] },
    { title: 'End', page: 2, children: [] },
  ]);
  const again = await PDFDocument.load(await doc.save(SAVE), LOAD);
  applyMetadata(again, { title: 'Lectern', lang: 'en' });
  await again.save(SAVE);
}

export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, LOAD);
  applyMetadata(doc, meta);
  return doc.save(SAVE);
}

function applyMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  const date = meta.date ?? sourceDate();
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  const info = infoDict(doc);
  const text = (key: string, value: string | undefined) => {
    if (value) info.set(PDFName.of(key), PDFHexString.fromText(value));
    else info.delete(PDFName.of(key));
  };
  text('Author', meta.author);
  text('Subject', meta.subject);
  // pdf-lib joins keywords with spaces; ours contain spaces, so "; " keeps them apart.
  text('Keywords', meta.keywords?.length ? meta.keywords.join('; ') : undefined);
  text('Creator', meta.creator ?? 'Lectern');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.lang);
}

function infoDict(doc: PDFDocument): PDFDict {
  const existing = doc.context.trailerInfo.Info;
  const dict = existing ? doc.context.lookup(existing) : undefined;
  if (dict instanceof PDFDict) return dict;
  const fresh = doc.context.obj({});
  doc.context.trailerInfo.Info = doc.context.register(fresh);
  return fresh;
}

/**
 * Writes the document outline (bookmarks) with pdf-lib's object API:
 * /Outlines → items linked by /First /Last /Next /Prev /Parent, each with a
 * /Dest [page /Fit]; every item is open, so /Count is the number of visible
 * descendants. Entries for pages the PDF does not have are left out.
 */
export function writeOutline(doc: PDFDocument, nodes: OutlineNode[]): void {
  const context = doc.context;
  const pages = doc.getPages().map((p) => p.ref);
  const prune = (list: OutlineNode[]): OutlineNode[] =>
    list.filter((n) => n.page >= 0 && n.page < pages.length).map((n) => ({ ...n, children: prune(n.children) }));
  const tree = prune(nodes);
  if (tree.length === 0) return;
  const rootRef = context.nextRef();
  const root = context.obj({ Type: 'Outlines' });
  const count = writeItems(context, tree, rootRef, root, pages);
  root.set(PDFName.of('Count'), PDFNumber.of(count));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Writes sibling items under `parent`; returns how many items are visible below it. */
function writeItems(context: PDFContext, nodes: OutlineNode[], parentRef: PDFRef, parent: PDFDict, pages: PDFRef[]): number {
  const refs = nodes.map(() => context.nextRef());
  let visible = 0;
  nodes.forEach((node, i) => {
    const item = context.obj({});
    item.set(PDFName.of('Title'), PDFHexString.fromText(node.title));
    item.set(PDFName.of('Parent'), parentRef);
    const dest = PDFArray.withContext(context);
    dest.push(pages[node.page]!);
    dest.push(PDFName.of('Fit'));
    item.set(PDFName.of('Dest'), dest);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < nodes.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    visible += 1;
    if (node.children.length > 0) {
      const below = writeItems(context, node.children, refs[i]!, item, pages);
      item.set(PDFName.of('Count'), PDFNumber.of(below));
      visible += below;
    }
    context.assign(refs[i]!, item);
  });
  parent.set(PDFName.of('First'), refs[0]!);
  parent.set(PDFName.of('Last'), refs[refs.length - 1]!);
  return visible;
}

/** A closed "comment" note in the top right corner of the (first) page of each slide that has notes, titled with the slide's number; the icon is not printed. */
function addNotes(doc: PDFDocument, deck: Deck, pageSlides?: PageSlides): void {
  const context = doc.context;
  const pages = doc.getPages();
  for (const slide of deck.slides) {
    const page = pages[firstPage(slide.number, pageSlides)];
    const text = notesText(slide);
    if (!page || !text) continue;
    const { width, height } = page.getSize();
    const annot = context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [width - 36, height - 36, width - 12, height - 12],
      Name: 'Comment',
      Open: false,
      // NoZoom | NoRotate; without Print, so the icon stays off paper.
      F: 24,
      C: [0.96, 0.45, 0.09],
    });
    annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    annot.set(PDFName.of('T'), PDFHexString.fromText(`${deck.strings.notes}: ${deck.strings.slide} ${slide.number}`));
    annot.set(PDFName.of('NM'), PDFString.of(`lectern-notes-${slide.number}`));
    annot.set(PDFName.of('P'), page.ref);
    page.node.addAnnot(context.register(annot));
  }
}

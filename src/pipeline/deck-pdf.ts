/**
 * The deck PDF (out/NAME.pdf), printed no more than needed:
 * - the same print document as last time, and the file still as written: kept;
 * - a few slides of a large deck changed, nothing around them: only those are
 *   printed, and their pages replace the old ones (see spliceDeckPdf);
 * - otherwise: the whole deck.
 * Overflow is measured on what is printed and remembered per slide, so every
 * build reports the same overflow however much it printed.
 * With `--pdf-steps` a slide with step-by-step items prints a page per step
 * (always whole: pages are no longer slides); bookmarks go to each slide's
 * first page, and overflow is read from its finished page.
 */
import { readFile } from 'node:fs/promises';
import type { Deck } from '../deck/model.js';
import type { Problem } from '../errors.js';
import type { BrowserSession } from '../print/browser/index.js';
import type { RenderedSlides } from '../render/marp.js';
import type { Legibility, Overflow } from '../print/overflow.js';
import { VERSION } from '../version.js';
import { fontPackages } from '../render/fonts.js';
import { finishKey } from '../print/deck-meta.js';
import { hashText, type OutputRecord } from './cache.js';

/** Smaller decks print whole: a full print is quick, and one way is simpler. */
export const SPLICE_MIN_SLIDES = 12;
/** Beyond this share of changed slides, a full print costs about the same. */
export const SPLICE_MAX_SHARE = 0.25;

export interface DeckPdf {
  /** The new PDF; undefined when the previous file is kept as it is. */
  data?: Uint8Array;
  /** What to remember for the next build (see OutputRecord). */
  record: Pick<OutputRecord, 'printKey' | 'frame' | 'slides' | 'overflow'>;
  /** Slides printed again when only some were; undefined for none or all. */
  printed?: number;
}

export async function deckPdf(args: {
  session: BrowserSession;
  deck: Deck;
  slides: RenderedSlides;
  file: string;
  /** The record of the previous PDF, when the file is still as it was written. */
  previous?: OutputRecord;
  force?: boolean;
  pdfNotes?: boolean;
  /** A page per step of each slide with step-by-step items (`--pdf-steps`). */
  pdfSteps?: boolean;
  /** The legibility floors (px at the slide's size): text under them is reported with the overflow (default 24 and 16). */
  legibility?: Legibility;
  warn: (p: Problem) => void;
}): Promise<DeckPdf> {
  const { session, deck, slides, previous, force, pdfNotes, pdfSteps, legibility } = args;
  const [page, pdf, overflowModule] = await Promise.all([import('../render/page.js'), import('../print/pdf.js'), import('../print/overflow.js')]);
  const { width, height } = page.slideSize(deck);
  const html = page.printDocument(deck, slides, undefined, !!pdfSteps);
  const pages = page.printedPages(slides, !!pdfSteps);
  const stepped = pages.length > slides.slideCount;
  /** Which slide each page shows, when slides print as several pages: bookmarks and notes go to each slide's first page. */
  const pageSlides = stepped ? pages.map((p) => p.slide + 1) : undefined;
  const parts = page.printParts(deck, slides);
  // Print documents name the embedded fonts rather than carry them: the keys name them too.
  const fonts = fontPackages().join();
  // The printed pages come from the document; the rest of the PDF (metadata,
  // bookmarks, notes) from the deck. Pages printed by another Chromium are not
  // mixed into an older PDF.
  // The legibility floors decide what of the measure is reported (and remembered): other floors, measured again.
  const printKey = hashText(VERSION, fonts, 'pdf', finishKey(deck, !!pdfNotes, pageSlides), JSON.stringify(legibility ?? null), html);
  const slideKeys = parts.slides.map((s) => hashText(s));
  const report = (overflow: Overflow[]) => overflowModule.overflowProblems(deck, overflow).forEach(args.warn);

  if (!force && previous?.printKey === printKey) {
    // The same PDF: no browser needed. Its overflow is reported again.
    const overflow = previous.overflow ?? [];
    report(overflow);
    return { record: { printKey, frame: previous.frame, slides: slideKeys, overflow } };
  }
  const record = { printKey, frame: hashText(VERSION, fonts, 'pdf', await session.version(), parts.frame), slides: slideKeys };

  // pdf-lib loads and warms up while Chromium prints (a failure shows where it is awaited).
  const finishing = import('../print/pdf-meta.js').then(async (m) => (await m.warmUp(), m));
  finishing.catch(() => undefined);
  const count = record.slides.length;
  const changed = record.slides.flatMap((key, i) => (key === previous?.slides?.[i] ? [] : [i]));
  const spliceable =
    !force &&
    !pdfNotes && // notes annotations are on every page: print whole
    !stepped &&
    previous?.frame === record.frame &&
    previous.slides?.length === count &&
    count >= SPLICE_MIN_SLIDES &&
    changed.length > 0 &&
    changed.length <= count * SPLICE_MAX_SHARE;
  // Chromium prints the slides of `only` (default: all), measuring their overflow.
  const print = async (only?: number[]) => {
    let overflow: Overflow[] = [];
    const bytes = await pdf.printPdf(session, only ? page.printDocument(deck, slides, only) : html, {
      width,
      height,
      output: args.file,
      inspect: async (p) => {
        const measured = await overflowModule.measureOverflow(p, legibility);
        // A slide printed as several steps is measured once, on its finished page.
        overflow = stepped
          ? measured.flatMap((o) => (pages[o.index]?.finished ? [{ ...o, index: pages[o.index]!.slide }] : []))
          : measured.map((o) => ({ ...o, index: only ? only[o.index]! : o.index }));
      },
    });
    return { bytes, overflow };
  };
  if (spliceable) {
    const part = await print(changed);
    const before = await readFile(args.file).catch(() => undefined);
    const meta = await finishing;
    // A previous file pdf-lib cannot read (damaged, replaced meanwhile) means a full print, not a failed build.
    const doc = before && (await meta.spliceDeckPdf(before, part.bytes, changed).catch(() => undefined));
    if (doc) {
      const overflow = [...(previous.overflow ?? []).filter((o) => !changed.includes(o.index)), ...part.overflow].sort((a, b) => a.index - b.index);
      report(overflow);
      return { data: await meta.finishDeckPdf(doc, deck, { notes: pdfNotes, pages: pageSlides }), record: { ...record, overflow }, printed: changed.length };
    }
  }
  const whole = await print();
  report(whole.overflow);
  return {
    data: await (await finishing).finishDeckPdf(whole.bytes, deck, { notes: pdfNotes, pages: pageSlides }),
    record: { ...record, overflow: whole.overflow },
  };
}

/**
 * The deck PDF (out/NAME.pdf), printed no more than needed:
 * - the same print document as last time, and the file still as written: kept;
 * - a few slides of a large deck changed, nothing around them: only those are
 *   printed, and their pages replace the old ones (see spliceDeckPdf);
 * - otherwise: the whole deck.
 * Overflow is measured on what is printed and remembered per slide, so every
 * build reports the same overflow however much it printed.
 */
import { readFile } from 'node:fs/promises';
import type { Deck } from '../deck/model.js';
import type { Problem } from '../errors.js';
import type { BrowserSession } from '../render/browser.js';
import type { RenderedSlides } from '../render/marp.js';
import type { Overflow } from '../render/overflow.js';
import { VERSION } from '../version.js';
import { fontPackages } from '../render/fonts.js';
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
  /** Slides Chromium printed (all, some, or none). */
  printed: number;
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
  warn: (p: Problem) => void;
}): Promise<DeckPdf> {
  const { session, deck, slides, previous, force, pdfNotes } = args;
  const [page, pdf, overflowModule] = await Promise.all([import('../render/page.js'), import('../render/pdf.js'), import('../render/overflow.js')]);
  const { width, height } = page.slideSize(deck);
  const html = page.printDocument(deck, slides);
  const parts = page.printParts(deck, slides);
  // Print documents name the embedded fonts rather than carry them: the keys name them too.
  const fonts = fontPackages().join();
  const record = {
    printKey: hashText(VERSION, fonts, 'pdf', String(!!pdfNotes), html),
    frame: hashText(VERSION, fonts, 'pdf', String(!!pdfNotes), parts.frame),
    slides: parts.slides.map((s) => hashText(s)),
  };
  const report = (overflow: Overflow[]) => overflowModule.overflowProblems(deck, overflow).forEach(args.warn);

  if (!force && previous?.printKey === record.printKey) {
    const overflow = previous.overflow ?? [];
    report(overflow);
    return { record: { ...record, overflow }, printed: 0 };
  }

  // pdf-lib loads and warms up while Chromium prints.
  const finishing = import('../render/pdf-meta.js').then(async (m) => (await m.warmUp(), m));
  const count = record.slides.length;
  const changed = record.slides.flatMap((key, i) => (key === previous?.slides?.[i] ? [] : [i]));
  const spliceable =
    !force && previous?.frame === record.frame && previous.slides?.length === count && count >= SPLICE_MIN_SLIDES && changed.length > 0 && changed.length <= count * SPLICE_MAX_SHARE;
  if (spliceable) {
    let measured: Overflow[] = [];
    const part = await pdf.printPdf(session, page.printDocument(deck, slides, changed), {
      width,
      height,
      inspect: async (p) => {
        measured = (await overflowModule.measureOverflow(p)).map((o) => ({ ...o, index: changed[o.index]! }));
      },
    });
    const before = await readFile(args.file).catch(() => undefined);
    const meta = await finishing;
    const doc = before && (await meta.spliceDeckPdf(before, part, changed));
    if (doc) {
      const overflow = [...(previous.overflow ?? []).filter((o) => !changed.includes(o.index)), ...measured].sort((a, b) => a.index - b.index);
      report(overflow);
      return { data: await meta.finishDeckPdf(doc, deck, { notes: pdfNotes }), record: { ...record, overflow }, printed: changed.length };
    }
  }

  let overflow: Overflow[] = [];
  const printed = await pdf.printPdf(session, html, {
    width,
    height,
    inspect: async (p) => {
      overflow = await overflowModule.measureOverflow(p);
    },
  });
  report(overflow);
  return { data: await (await finishing).finishDeckPdf(printed, deck, { notes: pdfNotes }), record: { ...record, overflow }, printed: count };
}

/** Printing a handout or the reading pack: the document, through the run's browser, with the PDF's metadata. */
import type { Deck } from '../../deck/model.js';
import type { Resolved } from '../../deck/resolve.js';
import type { RenderedSlides } from '../../render/marp.js';
import type { BrowserSession } from '../browser/index.js';
import { printPdf } from '../pdf.js';
import { deckMetadata } from '../deck-meta.js';
import { setPdfMetadata } from '../pdf-meta.js';
import type { HandoutOptions } from './document.js';
import { handoutPaper } from './geometry.js';
import type { Handout } from './kinds.js';
import { READY, handoutDocument } from './layouts.js';
import { readingDocument } from './reading.js';
import { handoutStrings } from './strings.js';

/** Print one handout (or the reading pack) to PDF bytes, with metadata. */
export async function printHandout(
  session: BrowserSession,
  deck: Deck,
  slides: RenderedSlides,
  layout: Handout,
  cited: Resolved['citedPassages'],
  /** `html`: the document, if already made (by handoutDocument or readingDocument, with the same options). */
  options: HandoutOptions & { html?: string; output?: string } = {},
): Promise<Uint8Array> {
  const paper = handoutPaper(layout, options.paper ?? 'A4');
  const html = options.html ?? (layout === 'reading' ? readingDocument(deck, cited, options) : handoutDocument(deck, slides, layout, options));
  const pdf = await printPdf(session, html, {
    width: `${paper.width}mm`,
    height: `${paper.height}mm`,
    ready: layout === 'notes' ? READY : undefined,
    output: options.output,
  });
  const s = handoutStrings(deck.lang);
  const base = deckMetadata(deck);
  return setPdfMetadata(pdf, { ...base, subject: [s.kinds[layout], base.subject].filter(Boolean).join(' — '), date: options.date });
}

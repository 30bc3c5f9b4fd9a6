/** What a build can write (nothing imported beyond the handout list, which imports nothing: the command line's early start reads these too). */
export const FORMATS = ['md', 'html', 'pdf', 'png', 'pptx', 'bib'] as const;
export type Format = (typeof FORMATS)[number];
/** What a build writes unless told otherwise: PNG images, PowerPoint and the references (bib: NAME.bib and NAME.csl.json) are asked for. */
export const DEFAULT_FORMATS: readonly Format[] = ['md', 'html', 'pdf'];
/** Formats made in Chromium: the deck PDF and the slide images (handouts too). PPTX is written without a browser. */
export const BROWSER_FORMATS: readonly Format[] = ['pdf', 'png'];
/** --png-scale: 1 is 1280 px wide; the bounds keep an image between 128 and 5120 px wide. */
export const PNG_SCALE = { min: 0.1, max: 4, width: 1280 } as const;
/** Handouts: NAME.handout-LAYOUT.pdf, and the reading pack NAME.reading.pdf; the list is the print stage's. */
export { HANDOUTS, type Handout } from '../print/handouts/kinds.js';

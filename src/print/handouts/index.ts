/**
 * Handouts and the reading pack: HTML documents printed by the run's browser.
 * The list (kinds.ts), fixed strings (strings.ts), page geometry
 * (geometry.ts), the documents of slides (layouts.ts) and the reading pack
 * (reading.ts), and printing them (print.ts).
 */
export { HANDOUTS, type Handout, type SlideHandout } from './kinds.js';
export type { HandoutOptions } from './document.js';
export { HANDOUT_GRID, PAPER, handoutPages, handoutPaper } from './geometry.js';
export { handoutStrings } from './strings.js';
export { READY, handoutDocument, slideSvgs } from './layouts.js';
export { readingDocument } from './reading.js';
export { printHandout } from './print.js';

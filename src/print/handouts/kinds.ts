/**
 * The handouts a build can print besides the deck: NAME.handout-LAYOUT.pdf,
 * and the reading pack NAME.reading.pdf. Defined once, here (the pipeline's
 * formats.ts reads it too); no imports, so that the command line's early
 * start can read it without loading anything else.
 */
export const HANDOUTS = ['notes', '2', '3-lines', '4', '6', 'reading'] as const;
export type Handout = (typeof HANDOUTS)[number];
/** The handouts made of slides: all but the reading pack. */
export type SlideHandout = Exclude<Handout, 'reading'>;

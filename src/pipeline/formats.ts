/** What a build can write (no imports: the command line's early start reads these too). */
export const FORMATS = ['md', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];
/** Handouts: NAME.handout-LAYOUT.pdf, and the reading pack NAME.reading.pdf. */
export const HANDOUTS = ['notes', '2', '3-lines', '4', '6', 'reading'] as const;
export type Handout = (typeof HANDOUTS)[number];

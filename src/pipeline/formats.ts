/** What a build can write (nothing imported beyond the handout list, which imports nothing: the command line's early start reads these too). */
export const FORMATS = ['md', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];
/** Handouts: NAME.handout-LAYOUT.pdf, and the reading pack NAME.reading.pdf; the list is the print stage's. */
export { HANDOUTS, type Handout } from '../print/handouts/kinds.js';

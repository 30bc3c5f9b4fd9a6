/** Limits that keep a drafted slide readable (`lectern draft`). */
import { BULLET_FIT } from '../deck/continue.js';

export const DRAFT_LIMITS = {
  defaultSlides: 12,
  minSlides: 6,
  maxSlides: 60,
  /** A bullet longer than this gets a shortened `text:` (the ref keeps the citation). */
  bulletChars: 110,
  /** At most this many characters of bullets on one slide (past the third bullet). */
  slideChars: 420,
  /**
   * And at most this many lines (BULLET_FIT, textLines) (each bullet a little more for the space
   * around it): what one bullet slide holds, so that no drafted slide continues onto another.
   */
  slideLines: BULLET_FIT.lines,
  bulletSpace: BULLET_FIT.itemSpace,
  minBullets: 3,
  maxBullets: 5,
  quoteChars: 300,
  timelineChars: 90,
  timelineEntries: 6,
  maxSections: 8,
  /** A paragraph longer than this many sentences may hold several topics (else a section takes it whole). */
  longParagraph: 12,
  /** Notes cite the slide's whole passage when it is at most this long. */
  notesChars: 1500,
} as const;

/**
 * What out/NAME.html hands its script, as JSON in the page (written by
 * src/render/page.ts, read by the runtime), and the messages the audience and
 * presenter windows exchange. Types only: shared by Node and browser code.
 */

/**
 * The words of the deck's own interface, in the outline's language: the `ui`
 * words of its message catalogue (src/messages/<lang>.json) — a key added here
 * needs a value in every catalogue — with `slide`, `of` and `notes` from its `deck` words.
 */
export interface UiStrings {
  /** "Слайд" / "Slide" */
  slide: string;
  /** "из" / "of" */
  of: string;
  /** aria-roledescription of one slide: "слайд" / "slide". */
  slideRole: string;
  /** aria-roledescription of the whole deck. */
  deckRole: string;
  controls: string;
  previous: string;
  next: string;
  overview: string;
  presenter: string;
  fullscreen: string;
  blackout: string;
  currentSlide: string;
  upNext: string;
  end: string;
  notes: string;
  noNotes: string;
  notesOmitted: string;
  elapsed: string;
  clock: string;
  resetTimer: string;
  /** The presenter's buttons that make the notes' text smaller and larger (also - and +). */
  notesSmaller: string;
  notesLarger: string;
  popupBlocked: string;
  noAudience: string;
  goTo: string;
  /** The live region's words when a step is taken back: "Шаг 2 из 5" / "Step 2 of 5". */
  step: string;
  /** The toolbar's button (and key V) that shows the slides as one page to read, for phones. */
  reading: string;
}

/** `<script type="application/json" id="lectern-config">` */
export interface DeckConfig {
  /** Outline name (out/NAME.html): keeps two decks' windows apart. */
  name: string;
  lang: string;
  count: number;
  /** Each slide's title (may be empty). */
  titles: string[];
  /** Each slide's accessible name: "Слайд 3 из 15: Итоги". */
  labels: string[];
  /** Whether speaker notes are in the file (`lectern-notes`). */
  notes: boolean;
  ui: UiStrings;
}

/** One speaker note (`<script type="application/json" id="lectern-notes">` holds one list per slide). */
export interface NoteItem {
  /** The note, or for a reference the full text of the cited passage. */
  text: string;
  /** Short citation: "Отношения СССР и Японии, абз. 2". */
  cite?: string;
  /** Canonical address: "conv#p2.s2-s4". */
  address?: string;
}

export const CONFIG_ID = 'lectern-config';
export const NOTES_ID = 'lectern-notes';

/** The presenter window carries this in its query: NAME.html?presenter#5 */
export const PRESENTER_PARAM = 'presenter';

/** postMessage between the audience window and its presenter window. */
export interface SyncMessage {
  lectern: 'sync';
  deck: string;
  type: 'hello' | 'state' | 'bye';
  index?: number;
  /** Step-by-step items shown on the slide. */
  revealed?: number;
  black?: boolean;
}

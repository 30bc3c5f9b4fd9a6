/**
 * The reading view: the deck as one page of slides under one another, their
 * text at a size for reading on a phone (a 16:9 slide 390 px wide would show
 * 10 px text and 5.5 px citations). Built at run time from the slides' own
 * DOM — each slide's content copied out of its scaled SVG into an article
 * that flows, styled by the deck's CSS (`.lectern-reading`), not the theme's
 * — so the file carries nothing twice. Order, headings and citations are the
 * slides'; speaker notes follow their slide when the file has them (a deck
 * built with --no-notes has none to show). On by itself on a narrow screen,
 * and with V or the toolbar's button anywhere but the presenter window.
 */
import { el, store, stored } from './dom.js';
import type { DeckConfig, NoteItem } from './protocol.js';
import type { Show } from './show.js';
import { HIDDEN } from './steps.js';

/** Screens this narrow read the slides rather than watch them (a phone held upright). */
export const NARROW = '(max-width: 640px)';

export class ReadingView {
  private root?: HTMLElement;
  private articles: HTMLElement[] = [];
  private readonly listeners: Array<(on: boolean) => void> = [];

  constructor(
    private readonly show: Show,
    private readonly config: DeckConfig,
    private readonly notes: NoteItem[][] | undefined,
    private readonly deck: HTMLElement,
  ) {
    // Back, forward or a typed hash while reading: go to that slide's article.
    show.onChange((origin) => {
      if (this.isOn && origin === 'history') this.articles[show.index]?.scrollIntoView({ block: 'start' });
    });
  }

  get isOn(): boolean {
    return document.documentElement.classList.contains('lectern-reading-on');
  }

  onToggle(listener: (on: boolean) => void): void {
    this.listeners.push(listener);
  }

  /**
   * On by itself when the screen is narrow, unless the reader chose otherwise
   * in this tab; and again when the screen turns (a phone turned on its side shows slides).
   */
  follow(narrow: MediaQueryList): void {
    const chosen = () => stored('session', this.choiceKey());
    const apply = () => {
      const choice = chosen();
      this.set(choice === undefined ? narrow.matches : choice === 'on');
    };
    apply();
    narrow.addEventListener('change', apply);
  }

  /** The reader's own choice (key or button): kept for this tab. */
  toggle(): void {
    const on = !this.isOn;
    store('session', this.choiceKey(), on ? 'on' : 'off');
    this.set(on);
  }

  set(on: boolean): void {
    if (on === this.isOn) return;
    if (on) {
      this.root ??= this.build();
      document.documentElement.classList.add('lectern-reading-on');
      this.root.hidden = false;
      this.articles[this.show.index]?.scrollIntoView({ block: 'start' });
    } else {
      // Back to the slides where the reader was: the article at the top of the screen.
      const at = this.articles.findIndex((a) => a.getBoundingClientRect().bottom > 1);
      if (this.root) this.root.hidden = true;
      document.documentElement.classList.remove('lectern-reading-on');
      window.scrollTo(0, 0);
      if (at >= 0 && at !== this.show.index) this.show.go(at, 'local');
    }
    for (const listener of this.listeners) listener(on);
  }

  private choiceKey(): string {
    return `lectern:reading:${this.config.name}`;
  }

  private build(): HTMLElement {
    const { labels, ui } = this.config;
    this.articles = this.show.slides.map((svg, i) => {
      const section = svg.querySelector(':scope > foreignObject > section');
      const body = el('div', { class: 'lectern-reading-body' });
      if (section) {
        for (const child of Array.from(section.childNodes)) body.append(child.cloneNode(true));
      }
      // Copies: no duplicate ids, every step-by-step item shown.
      for (const node of Array.from(body.querySelectorAll('[id]'))) node.removeAttribute('id');
      for (const node of Array.from(body.querySelectorAll(`[${HIDDEN}]`))) node.removeAttribute(HIDDEN);
      const notes = this.notes?.[i] ?? [];
      return el(
        'article',
        { class: 'lectern-reading-slide', 'aria-label': labels[i] ?? `${ui.slide} ${i + 1}`, 'data-layout': section?.getAttribute('class') ?? undefined },
        [
          el('p', { class: 'lectern-reading-number', 'aria-hidden': 'true' }, [`${i + 1} / ${this.show.count}`]),
          body,
          notes.length
            ? el('div', { class: 'lectern-reading-notes' }, [
                el('p', { class: 'lectern-reading-notes-title' }, [ui.notes]),
                ...notes.map((note) => el('p', {}, [note.text, note.cite ? el('span', { class: 'lectern-reading-notes-cite' }, [` · ${note.cite}`]) : null])),
              ])
            : null,
        ],
      );
    });
    const root = el('div', { class: 'lectern-reading', hidden: true }, this.articles);
    this.deck.append(root);
    return root;
  }
}

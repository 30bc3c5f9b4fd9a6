/**
 * The overview: every slide as a thumbnail in a grid, a modal dialog over
 * the deck. Click a thumbnail, or move with the arrow keys and press Enter,
 * to jump there; Esc or `o` closes it where you were.
 */
import { slidePicture } from './clone.js';
import { el } from './dom.js';
import type { DeckConfig } from './protocol.js';
import type { Show } from './show.js';

export class Overview {
  private root?: HTMLDivElement;
  private buttons: HTMLButtonElement[] = [];
  private returnFocus: HTMLElement | null = null;

  /** `background`: what becomes inert while the overview is open. */
  constructor(
    private readonly show: Show,
    private readonly config: DeckConfig,
    private readonly background: () => HTMLElement[],
    private readonly fallbackFocus: () => HTMLElement | null,
  ) {}

  get isOpen(): boolean {
    return this.root !== undefined && !this.root.hidden;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  open(): void {
    if (this.show.count === 0) return;
    this.root ??= this.build();
    this.returnFocus = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    this.buttons.forEach((b, i) => {
      if (i === this.show.index) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    });
    if (this.show.black) this.show.set({ black: false }, 'local');
    for (const node of this.background()) node.inert = true;
    this.root.hidden = false;
    document.documentElement.classList.add('lectern-overview-open');
    const current = this.buttons[this.show.index];
    current?.focus();
    current?.scrollIntoView({ block: 'nearest' });
  }

  close(restoreFocus = true): void {
    if (!this.root || this.root.hidden) return;
    this.root.hidden = true;
    document.documentElement.classList.remove('lectern-overview-open');
    for (const node of this.background()) node.inert = false;
    if (restoreFocus) {
      const target = this.returnFocus && this.returnFocus.isConnected ? this.returnFocus : this.fallbackFocus();
      target?.focus({ preventScroll: true });
    }
    this.returnFocus = null;
  }

  /** Keys while the overview is open; true when handled. */
  handleKey(e: KeyboardEvent): boolean {
    if (e.altKey || e.ctrlKey || e.metaKey) return false;
    const focused = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    const from = focused >= 0 ? focused : this.show.index;
    const columns = this.columns();
    let to: number | undefined;
    switch (e.key) {
      case 'ArrowRight':
        to = from + 1;
        break;
      case 'ArrowLeft':
        to = from - 1;
        break;
      case 'ArrowDown':
      case 'PageDown':
        to = from + columns;
        break;
      case 'ArrowUp':
      case 'PageUp':
        to = from - columns;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = this.buttons.length - 1;
        break;
      case 'Escape':
      case 'Esc':
      case 'o':
      case 'O':
        this.close();
        return true;
      case 'Enter':
      case ' ':
        if (focused >= 0) return false; // the button clicks itself
        this.choose(from);
        return true;
      default:
        return false;
    }
    const target = this.buttons[Math.max(0, Math.min(this.buttons.length - 1, to))];
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
    return true;
  }

  /** Jump to a slide and close. */
  choose(index: number): void {
    this.close(false);
    this.show.go(index, 'local');
    this.fallbackFocus()?.focus({ preventScroll: true });
  }

  private columns(): number {
    const first = this.buttons[0];
    if (!first) return 1;
    const top = first.getBoundingClientRect().top;
    let n = 0;
    for (const b of this.buttons) {
      if (Math.abs(b.getBoundingClientRect().top - top) > 2) break;
      n++;
    }
    return Math.max(1, n);
  }

  private build(): HTMLDivElement {
    const { ui, labels } = this.config;
    const list = el('ol', { class: 'lectern-grid' });
    this.show.slides.forEach((svg, i) => {
      // The picture lies under the button (a button's name must be the text it shows).
      const button = el('button', { type: 'button', class: 'lectern-thumb' }, [
        el('span', { class: 'lectern-thumb-number', 'aria-hidden': 'true' }, [String(i + 1)]),
        el('span', { class: 'lectern-sr' }, [labels[i] ?? `${ui.slide} ${i + 1}`]),
      ]);
      button.addEventListener('click', () => this.choose(i));
      this.buttons.push(button);
      list.append(el('li', {}, [slidePicture(svg), button]));
    });
    const root = el('div', { class: 'lectern-overview', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lectern-overview-title', hidden: true }, [
      el('h2', { class: 'lectern-overview-title', id: 'lectern-overview-title' }, [ui.overview]),
      list,
    ]);
    document.body.append(root);
    return root;
  }
}

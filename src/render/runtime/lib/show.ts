/**
 * The state of a showing: which slide, and whether the screen is blacked
 * out. Views (audience, presenter, overview) listen; every change says where
 * it came from so that views know whether to touch history or tell the other
 * window.
 */

/** init: first render; local: this window's user; remote: the other window; history: back/forward or a typed hash. */
export type Origin = 'init' | 'local' | 'remote' | 'history';

export interface ShowState {
  index: number;
  black: boolean;
}

export type Listener = (origin: Origin, previous: ShowState) => void;

export class Show {
  index = 0;
  black = false;
  private readonly listeners: Listener[] = [];

  constructor(readonly slides: readonly SVGSVGElement[]) {}

  get count(): number {
    return this.slides.length;
  }

  get state(): ShowState {
    return { index: this.index, black: this.black };
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  clamp(index: number): number {
    if (!Number.isFinite(index)) return this.index;
    return Math.max(0, Math.min(this.count - 1, Math.trunc(index)));
  }

  /** Change the state; listeners run when something changed (always for 'init'). */
  set(change: Partial<ShowState>, origin: Origin): void {
    if (this.count === 0) return;
    const previous = this.state;
    const index = change.index === undefined ? this.index : this.clamp(change.index);
    const black = change.black ?? this.black;
    if (origin !== 'init' && index === previous.index && black === previous.black) return;
    this.index = index;
    this.black = black;
    for (const listener of this.listeners) listener(origin, previous);
  }

  /** Go to a slide; a blacked-out screen comes back first (the lecturer sees where they are). */
  go(index: number, origin: Origin = 'local'): void {
    this.set({ index, black: false }, origin);
  }

  /** Next/previous: while blacked out, the first press only lifts the blackout. */
  step(delta: number): void {
    if (this.black) this.set({ black: false }, 'local');
    else this.go(this.index + delta);
  }

  toggleBlack(): void {
    this.set({ black: !this.black }, 'local');
  }
}

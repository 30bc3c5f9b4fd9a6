/**
 * The state of a showing: which slide, how many of its step-by-step items
 * show, and whether the screen is blacked out. Views (audience, presenter,
 * overview) listen; every change says where it came from so that views know
 * whether to touch history or tell the other window.
 */

/** init: first render; local: this window's user; remote: the other window; history: back/forward or a typed hash. */
export type Origin = 'init' | 'local' | 'remote' | 'history';

export interface ShowState {
  index: number;
  /** Items of the slide revealed so far (0 to its step count; see steps.ts). */
  revealed: number;
  black: boolean;
}

export type Listener = (origin: Origin, previous: ShowState) => void;

export class Show {
  index = 0;
  revealed = 0;
  black = false;
  private readonly listeners: Listener[] = [];

  /** `steps`: each slide's number of step-by-step items (none: 0 for every slide). */
  constructor(
    readonly slides: readonly SVGSVGElement[],
    readonly steps: readonly number[] = [],
  ) {}

  get count(): number {
    return this.slides.length;
  }

  get state(): ShowState {
    return { index: this.index, revealed: this.revealed, black: this.black };
  }

  /** The number of step-by-step items of a slide. */
  stepsOf(index: number): number {
    return this.steps[index] ?? 0;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  clamp(index: number): number {
    if (!Number.isFinite(index)) return this.index;
    return Math.max(0, Math.min(this.count - 1, Math.trunc(index)));
  }

  /** Change the state; listeners run when something changed (always for 'init'). A new slide starts at its first step unless `revealed` says otherwise. */
  set(change: Partial<ShowState>, origin: Origin): void {
    if (this.count === 0) return;
    const previous = this.state;
    const index = change.index === undefined ? this.index : this.clamp(change.index);
    const wanted = change.revealed ?? (index === previous.index ? this.revealed : 0);
    const revealed = Number.isFinite(wanted) ? Math.max(0, Math.min(this.stepsOf(index), Math.trunc(wanted))) : this.stepsOf(index);
    const black = change.black ?? this.black;
    if (origin !== 'init' && index === previous.index && revealed === previous.revealed && black === previous.black) return;
    this.index = index;
    this.revealed = revealed;
    this.black = black;
    for (const listener of this.listeners) listener(origin, previous);
  }

  /**
   * Go to a slide; a blacked-out screen comes back first (the lecturer sees where they are).
   * Another slide opens at its first step (`revealed`: Infinity for the finished slide); the same slide stays as it is.
   */
  go(index: number, origin: Origin = 'local', revealed?: number): void {
    this.set({ index, black: false, ...(revealed === undefined ? {} : { revealed }) }, origin);
  }

  /**
   * Next/previous: while blacked out, the first press only lifts the blackout.
   * Forward reveals the slide's next item, then moves on; back hides the last
   * item shown, then shows the previous slide finished.
   */
  step(delta: number): void {
    if (this.black) {
      this.set({ black: false }, 'local');
    } else if (delta > 0) {
      if (this.revealed < this.stepsOf(this.index)) this.set({ revealed: this.revealed + 1 }, 'local');
      else if (this.index < this.count - 1) this.go(this.index + 1);
    } else if (delta < 0) {
      if (this.revealed > 0) this.set({ revealed: this.revealed - 1 }, 'local');
      else if (this.index > 0) this.go(this.index - 1, 'local', Infinity);
    }
  }

  toggleBlack(): void {
    this.set({ black: !this.black }, 'local');
  }
}

/**
 * The audience window: the slide filling the screen, the URL hash following
 * it (#5, #5.2 for slide 5 with two of its step-by-step items shown; back and
 * forward work), a progress bar, a live region announcing each slide and each
 * revealed item, blackout, click/tap zones and swipes, and a small toolbar
 * that shows on pointer movement or keyboard focus.
 */
import { controlButton, el, icon, ICONS } from './dom.js';
import type { DeckConfig } from './protocol.js';
import type { Show } from './show.js';
import { hashOf, revealedText } from './steps.js';

export interface AudienceActions {
  overview(): void;
  presenter(): void;
  fullscreen(): void;
  reading(): void;
  /** Whether the reading view is on: clicks and swipes then leave the slides alone. */
  isReading(): boolean;
}

export interface AudienceView {
  /** Say something in the live region, and show it for a moment. */
  notify(text: string): void;
  /** Elements that go inert under the overview. */
  background(): HTMLElement[];
  /** The reading view's button shows whether it is on. */
  setReading(on: boolean): void;
}

/** Where a hash points: a slide, and how many of its items show. */
export interface Position {
  index: number;
  revealed: number;
}

/**
 * #5 → slide index 4 as it starts; #5.2 → slide index 4 with two items shown
 * (Marp's heading ids never hold a full stop, so the forms cannot meet);
 * #some-heading → the slide holding that element; otherwise undefined.
 * Marp's heading ids are themselves percent-encoded (`id="%D0%BF…"` for «п…»), and the
 * address bar gives `#%D0%BF…` for a link written either way: the id is looked up as
 * written, then decoded.
 */
export function positionFromHash(hash: string, slides: readonly Element[] = []): Position | undefined {
  const m = /^#(\d{1,6})(?:\.(\d{1,4}))?$/.exec(hash);
  if (m) return { index: Number(m[1]) - 1, revealed: Number(m[2] ?? 0) };
  if (hash.length < 2) return undefined;
  const raw = hash.slice(1);
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = undefined;
  }
  for (const id of [raw, decoded]) {
    const target = id ? document.getElementById(id) : null;
    const index = target ? slides.findIndex((s) => s.contains(target)) : -1;
    if (index >= 0) return { index, revealed: 0 };
  }
  return undefined;
}

export function startAudience(show: Show, config: DeckConfig, deck: HTMLElement, actions: AudienceActions): AudienceView {
  const { ui } = config;
  const status =
    document.querySelector<HTMLElement>('.lectern-status') ??
    deck.appendChild(el('div', { class: 'lectern-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }));
  const black = el('div', { class: 'lectern-black', hidden: true });
  const toast = el('div', { class: 'lectern-toast', 'aria-hidden': 'true', hidden: true });
  const counter = el('span', { class: 'lectern-counter', 'aria-hidden': 'true' });
  const button = (label: string, keys: string, shortcut: string, path: string, onClick: () => void) =>
    controlButton({ 'aria-label': label, title: `${label} (${keys})`, 'aria-keyshortcuts': shortcut }, [icon(path)], onClick);
  const readingButton = button(ui.reading, 'V', 'V', ICONS.reading, actions.reading);
  readingButton.classList.add('lectern-reading-button');
  readingButton.setAttribute('aria-pressed', 'false');
  const bar = el('nav', { class: 'lectern-bar', 'aria-label': ui.controls }, [
    button(ui.previous, '←', 'ArrowLeft', ICONS.previous, () => show.step(-1)),
    counter,
    button(ui.next, '→', 'ArrowRight', ICONS.next, () => show.step(1)),
    button(ui.overview, 'O', 'O', ICONS.overview, actions.overview),
    button(ui.presenter, 'P', 'P', ICONS.presenter, actions.presenter),
    button(ui.fullscreen, 'F', 'F', ICONS.fullscreen, actions.fullscreen),
    readingButton,
  ]);
  document.body.append(bar, black, toast);

  let toastTimer = 0;
  const notify = (text: string) => {
    status.textContent = text;
    toast.textContent = text;
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => (toast.hidden = true), 4000);
  };

  show.onChange((origin, previous) => {
    const { index, revealed } = show;
    black.hidden = !show.black;
    counter.textContent = `${index + 1} / ${show.count}`;
    document.documentElement.style.setProperty('--lectern-progress', String((index + 1) / show.count));
    const hash = hashOf(index, revealed);
    // #0, #99, #5.9 (opened or typed): show the nearest slide and step and say so in the address.
    if ((origin === 'init' || origin === 'history') && location.hash && location.hash !== hash && positionFromHash(location.hash) !== undefined)
      history.replaceState(null, '', hash);
    if (origin === 'init') return;
    const slide = show.slides[index];
    if (index !== previous.index) status.textContent = config.labels[index] ?? `${ui.slide} ${index + 1} ${ui.of} ${show.count}`;
    else if (show.black !== previous.black) status.textContent = show.black ? ui.blackout : (config.labels[index] ?? '');
    // A step forward says the item it showed; a step back says where the slide is now.
    else if (revealed > previous.revealed && slide) status.textContent = revealedText(slide, previous.revealed, revealed);
    else if (revealed < previous.revealed) status.textContent = `${ui.step} ${revealed} ${ui.of} ${show.stepsOf(index)}`;
    // A new slide is a new entry of the history; its steps only update the entry.
    if ((origin === 'local' || origin === 'remote') && location.hash !== hash) {
      if (index !== previous.index) history.pushState(null, '', hash);
      else history.replaceState(null, '', hash);
    }
  });

  const fromHistory = () => {
    const at = positionFromHash(location.hash, show.slides);
    if (at) show.go(at.index, 'history', at.revealed);
    else if (!location.hash) show.go(0, 'history', 0);
  };
  window.addEventListener('popstate', fromHistory);
  window.addEventListener('hashchange', fromHistory);

  // Pointer: show the toolbar (and the cursor) while the pointer moves.
  let idleTimer = 0;
  const awake = () => {
    document.documentElement.classList.add('lectern-pointer');
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(() => document.documentElement.classList.remove('lectern-pointer'), 2500);
  };
  window.addEventListener('pointermove', awake, { passive: true });
  window.addEventListener('pointerdown', awake, { passive: true });

  // Click or tap: the left third goes back, the rest goes forward.
  let lastSwipe = 0;
  deck.addEventListener('click', (e) => {
    if (actions.isReading()) return;
    if (e.button !== 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
    if (e.target instanceof Element && e.target.closest('a[href], button, input, select, textarea, summary, label')) return;
    if (Date.now() - lastSwipe < 1000) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const rect = deck.getBoundingClientRect();
    show.step(e.clientX - rect.left < rect.width / 3 ? -1 : 1);
  });

  // Swipe: left goes forward, right goes back.
  let touch: { x: number; y: number; t: number } | undefined;
  deck.addEventListener(
    'touchstart',
    (e) => {
      const t = e.touches[0];
      touch = e.touches.length === 1 && t ? { x: t.clientX, y: t.clientY, t: Date.now() } : undefined;
    },
    { passive: true },
  );
  deck.addEventListener(
    'touchend',
    (e) => {
      const t = e.changedTouches[0];
      const start = touch;
      touch = undefined;
      if (!start || !t || actions.isReading()) return;
      const dx = t.clientX - start.x;
      const dy = t.clientY - start.y;
      if (Math.abs(dx) < 50 || Math.abs(dx) < 1.5 * Math.abs(dy) || Date.now() - start.t > 1000) return;
      // A swipe is not also a tap: cancelling the touchend stops the browser
      // from sending the click it may synthesize for it (which, arriving late
      // on a busy machine, would step a second time); the time window below
      // covers browsers that send it anyway.
      if (e.cancelable) e.preventDefault();
      lastSwipe = Date.now();
      show.step(dx < 0 ? 1 : -1);
    },
    { passive: false },
  );

  return {
    notify,
    background: () => [deck, bar],
    setReading(on) {
      readingButton.setAttribute('aria-pressed', String(on));
    },
  };
}

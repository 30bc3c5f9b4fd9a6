/**
 * The HTML deck's script (runs in the browser), bundled into out/NAME.html
 * by src/render/runtime.ts. One slide at a time, step-by-step items one per
 * step; keyboard, clicker, click, tap and swipe navigation; the URL hash
 * following the slide and step; overview; blackout; fullscreen; a reading
 * view for phones; and with `p` a presenter window kept in sync.
 *
 * Keys: → ↓ PageDown Space next (the slide's next item, then the next slide)
 * · ← ↑ PageUp Shift+Space previous (the last item shown, then the previous
 * slide finished) ·
 * Home/End first/last · digits + Enter go to a slide · o overview · b or .
 * blackout · v reading view (the slides as one page to scroll) · f fullscreen · F5 start the show (full screen) · Esc leaves the
 * overview, the blackout or full screen (and never opens anything: a
 * clicker's "start/stop show" key sends F5 and Esc) · p presenter view ·
 * in the presenter view: r reset the timer, + and - notes larger and
 * smaller, ↑ ↓ scroll the notes when they have focus. The deck's keys work
 * whatever control has focus: Space never presses a toolbar button again.
 */
import { positionFromHash, startAudience } from './lib/audience.js';
import { isControl, isTextField, el, readJson } from './lib/dom.js';
import { keyAction } from './lib/keys.js';
import { Overview } from './lib/overview.js';
import { startPresenter } from './lib/presenter.js';
import { CONFIG_ID, NOTES_ID, PRESENTER_PARAM, type DeckConfig, type NoteItem } from './lib/protocol.js';
import { NARROW, ReadingView } from './lib/reading.js';
import { Show } from './lib/show.js';
import { hashOf, revealItems, stepCount } from './lib/steps.js';
import { linkAudience, linkPresenter } from './lib/sync.js';
import { keepScreenOn } from './lib/wakelock.js';
// The catalogue itself (esbuild bundles the JSON): the fallback's words live in one place.
import english from '../../messages/en.json' with { type: 'json' };

const slides = Array.from(document.querySelectorAll<SVGSVGElement>('.lectern-deck > .marpit > svg[data-marpit-svg]'));
const deck = document.querySelector<HTMLElement>('.lectern-deck') ?? document.body;
const config: DeckConfig = readJson<DeckConfig>(CONFIG_ID) ?? fallbackConfig(slides.length);
const notes = readJson<NoteItem[][]>(NOTES_ID);
const show = new Show(
  slides,
  slides.map((svg) => stepCount(svg)),
);
const presenterMode = new URLSearchParams(location.search).has(PRESENTER_PARAM);

// Both windows: one slide visible, its items up to the step; the others hidden from everyone.
show.onChange(() => {
  slides.forEach((svg, i) => {
    const active = i === show.index;
    svg.classList.toggle('active', active);
    if (active) svg.removeAttribute('aria-hidden');
    else svg.setAttribute('aria-hidden', 'true');
    if (show.stepsOf(i) > 0) revealItems(svg, active ? show.revealed : 0);
  });
  // Focus must not stay inside a slide that was just hidden.
  const focused = document.activeElement;
  if (focused instanceof Element && focused !== deck && deck.contains(focused) && !slides[show.index]?.contains(focused)) {
    deck.focus({ preventScroll: true });
  }
});

// Digits typed before Enter: "go to slide N", shown while typing.
const gotoBox = el('div', { class: 'lectern-goto', 'aria-hidden': 'true', hidden: true });
document.body.append(gotoBox);
let typed = '';
let typedTimer = 0;
const setTyped = (value: string) => {
  typed = value.slice(0, 6);
  gotoBox.textContent = `${config.ui.goTo}: ${typed}`;
  gotoBox.hidden = typed === '';
  window.clearTimeout(typedTimer);
  if (typed) typedTimer = window.setTimeout(() => setTyped(''), 4000);
};

let background: () => HTMLElement[] = () => [deck];
const overview = new Overview(
  show,
  config,
  () => background(),
  () => deck,
);

let openPresenter = () => {};
let resetTimer = () => {};
let resizeNotes: ((step: number) => void) | undefined;
let notesBox: HTMLElement | undefined;
let reading: ReadingView | undefined;

if (presenterMode) {
  const view = startPresenter(show, config, config.notes ? notes : undefined, deck);
  background = view.background;
  resetTimer = view.resetTimer;
  resizeNotes = view.resizeNotes;
  notesBox = view.notes;
  linkAudience(show, config, view.setLinked);
  const fromHash = () => {
    const at = positionFromHash(location.hash, slides);
    if (at) show.go(at.index, 'history', at.revealed);
  };
  window.addEventListener('hashchange', fromHash);
} else {
  const link = linkPresenter(show, config, () => `${location.href.replace(/[?#].*$/, '')}?${PRESENTER_PARAM}${hashOf(show.index, show.revealed)}`);
  const readingView = new ReadingView(show, config, config.notes ? notes : undefined, deck);
  reading = readingView;
  const view = startAudience(show, config, deck, {
    overview: () => overview.toggle(),
    presenter: () => openPresenter(),
    fullscreen: () => toggleFullscreen(),
    reading: () => readingView.toggle(),
    isReading: () => readingView.isOn,
  });
  readingView.onToggle((on) => view.setReading(on));
  background = view.background;
  openPresenter = () => {
    if (!link.openPresenter()) view.notify(config.ui.popupBlocked);
  };
}

function toggleFullscreen(): void {
  const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen?.();
  void done?.catch(() => undefined);
}

function enterFullscreen(): void {
  if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/** Esc: leave whatever is open, one thing a press (typed digits, blackout, full screen); false when nothing was. */
function escape(): boolean {
  if (typed) setTyped('');
  else if (show.black) show.set({ black: false }, 'local');
  else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else return false;
  return true;
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || isTextField(e.target)) return;
  const action = keyAction(e);
  if (typed && action?.type === 'enter') {
    const n = Number(typed);
    setTyped('');
    if (overview.isOpen) overview.choose(n - 1);
    else show.go(n - 1);
    e.preventDefault();
    return;
  }
  if (overview.isOpen) {
    if (action?.type === 'start') {
      // The clicker's "start show": back to the slide, full screen.
      overview.close();
      enterFullscreen();
      e.preventDefault();
    } else if (action?.type === 'digit') {
      setTyped(typed + action.digit);
      e.preventDefault();
    } else if (overview.handleKey(e)) {
      setTyped('');
      e.preventDefault();
    }
    return;
  }
  if (!action) return;
  // Reading: the page scrolls (arrows, Space, PageDown are the browser's); only the view's own keys and the windows' work.
  if (reading?.isOn && !['reading', 'fullscreen', 'start', 'presenter'].includes(action.type)) return;
  // Enter on a button or link belongs to it (a keyboard user's Tab and Enter); Space is the deck's
  // everywhere, so that after a click on a toolbar button Space still moves on rather than pressing it again.
  if (action.type === 'enter' && isControl(e.target)) return;
  // The presenter's notes, focused: ↑ and ↓ scroll them (the browser's own scrolling); PageUp,
  // PageDown and a clicker's keys still change slides.
  if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && notesBox && e.target instanceof Node && notesBox.contains(e.target)) return;
  switch (action.type) {
    case 'next':
      show.step(1);
      break;
    case 'previous':
      show.step(-1);
      break;
    case 'first':
      show.go(0);
      break;
    case 'last':
      show.go(show.count - 1, 'local', Infinity);
      break;
    case 'reading':
      if (!reading) return;
      reading.toggle();
      break;
    case 'fullscreen':
      toggleFullscreen();
      break;
    case 'start':
      enterFullscreen();
      break;
    case 'overview':
      overview.open();
      break;
    case 'escape':
      if (!escape()) return;
      break;
    case 'black':
      show.toggleBlack();
      break;
    case 'presenter':
      if (presenterMode) return;
      openPresenter();
      break;
    case 'reset-timer':
      if (!presenterMode) return;
      resetTimer();
      break;
    case 'larger':
    case 'smaller':
      if (!resizeNotes) return;
      resizeNotes(action.type === 'larger' ? 1 : -1);
      break;
    case 'digit':
      setTyped(typed + action.digit);
      break;
    case 'backspace':
      if (!typed) return;
      setTyped(typed.slice(0, -1));
      break;
    case 'enter':
      return;
  }
  if (typed && action.type !== 'digit' && action.type !== 'backspace') setTyped('');
  e.preventDefault();
});

document.documentElement.classList.add('lectern-js');
keepScreenOn();
const start = positionFromHash(location.hash, slides);
show.set({ index: start?.index ?? 0, revealed: start?.revealed ?? 0 }, 'init');
reading?.follow(window.matchMedia(NARROW));

/** Without the JSON (a hand-edited file), still a working deck, in English: the words are en.json's, bundled in. */
function fallbackConfig(count: number): DeckConfig {
  const { slide, of, notes } = english.deck;
  const labels = slides.map((s, i) => s.getAttribute('aria-label') ?? `${slide} ${i + 1} ${of} ${count}`);
  return {
    name: document.title,
    lang: document.documentElement.lang || 'en',
    count,
    titles: labels.map(() => ''),
    labels,
    notes: false,
    ui: { ...english.ui, slide, of, notes },
  };
}

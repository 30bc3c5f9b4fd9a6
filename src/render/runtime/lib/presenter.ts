/**
 * The presenter window (NAME.html?presenter): the current slide with the
 * items revealed so far, what comes next (the slide's next item, else the
 * next slide as it starts), the speaker notes of the current slide (with the text of the passages
 * they cite), elapsed time and the clock. It drives the audience window and
 * follows it (see sync.ts).
 */
import { slidePicture } from './clone.js';
import { controlButton, el, icon, ICONS, store, stored } from './dom.js';
import type { DeckConfig, NoteItem } from './protocol.js';
import type { Show } from './show.js';
import { hashOf } from './steps.js';

export interface PresenterView {
  resetTimer(): void;
  /** Notes a step larger (+1) or smaller (-1). */
  resizeNotes(step: number): void;
  /** The scrolling notes: ↑ and ↓ scroll them while they have focus. */
  notes: HTMLElement;
  /** Whether the audience window answers. */
  setLinked(linked: boolean): void;
  background(): HTMLElement[];
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** Notes sizes in px: the lecturer's choice is kept (localStorage) for every deck. */
export const NOTES_SIZES = [16, 18, 20, 22, 24, 28, 32, 36, 42, 48];
const NOTES_DEFAULT = 24;
const NOTES_KEY = 'lectern:notes-size';

/** The timer's start, kept for the presenter window's session: a reload (F5, a crash) keeps counting. */
function timerKey(config: DeckConfig): string {
  return `lectern:timer:${config.name}`;
}

export function startPresenter(show: Show, config: DeckConfig, notes: NoteItem[][] | undefined, deck: HTMLElement): PresenterView {
  const { ui } = config;
  document.documentElement.classList.add('lectern-presenter');
  document.title = `${ui.presenter} — ${document.title}`;
  deck.setAttribute('aria-label', ui.currentSlide);

  const blackBadge = el('div', { class: 'lectern-pv-black', hidden: true }, [ui.blackout]);
  deck.append(blackBadge);

  const nextView = el('div', { class: 'lectern-pv-next-view' });
  const nextPanel = el('section', { class: 'lectern-pv-next', 'aria-labelledby': 'lectern-pv-next-title' }, [
    el('h2', { class: 'lectern-pv-heading', id: 'lectern-pv-next-title' }, [ui.upNext]),
    nextView,
  ]);
  // The notes scroll inside their box, under a heading that stays; focused (click or Tab), ↑ and ↓ scroll them.
  const notesBody = el('div', { class: 'lectern-pv-notes-body', role: 'group', 'aria-labelledby': 'lectern-pv-notes-title', tabindex: '0' });
  let notesSize = Number(stored('local', NOTES_KEY));
  if (!NOTES_SIZES.includes(notesSize)) notesSize = NOTES_DEFAULT;
  const sizeButton = (label: string, path: string, step: number, key: string) =>
    controlButton({ 'aria-label': label, title: `${label} (${key})` }, [icon(path)], () => resizeNotes(step));
  const smaller = sizeButton(ui.notesSmaller, ICONS.smaller, -1, '-');
  const larger = sizeButton(ui.notesLarger, ICONS.larger, 1, '+');
  const resizeNotes = (step: number) => {
    const at = NOTES_SIZES.indexOf(notesSize);
    const to = NOTES_SIZES[Math.max(0, Math.min(NOTES_SIZES.length - 1, at + step))] ?? NOTES_DEFAULT;
    // Keep the line being read in view: the same fraction of the notes stays at the top.
    const fraction = notesBody.scrollHeight > 0 ? notesBody.scrollTop / notesBody.scrollHeight : 0;
    notesSize = to;
    applyNotesSize();
    notesBody.scrollTop = fraction * notesBody.scrollHeight;
    store('local', NOTES_KEY, String(to));
  };
  const applyNotesSize = () => {
    notesBody.style.fontSize = `${notesSize}px`;
    smaller.disabled = notesSize === NOTES_SIZES[0];
    larger.disabled = notesSize === NOTES_SIZES[NOTES_SIZES.length - 1];
  };
  applyNotesSize();
  const notesPanel = el('section', { class: 'lectern-pv-notes', 'aria-labelledby': 'lectern-pv-notes-title' }, [
    el('div', { class: 'lectern-pv-notes-head' }, [
      el('h2', { class: 'lectern-pv-heading', id: 'lectern-pv-notes-title' }, [ui.notes]),
      el('span', { class: 'lectern-pv-sizes' }, [smaller, larger]),
    ]),
    notesBody,
  ]);
  // Another window of this deck (a second presenter window) changed the size.
  window.addEventListener('storage', (e) => {
    const size = Number(e.newValue);
    if (e.key === NOTES_KEY && NOTES_SIZES.includes(size)) {
      notesSize = size;
      applyNotesSize();
    }
  });

  const counter = el('span', { class: 'lectern-pv-counter' });
  const title = el('span', { class: 'lectern-pv-title' });
  const elapsed = el('time', { class: 'lectern-pv-elapsed' });
  const clock = el('time', { class: 'lectern-pv-clock' });
  const link = el('span', { class: 'lectern-pv-link', role: 'status' });
  const button = (label: string, path: string, onClick: () => void, keys: string) =>
    controlButton({ 'aria-label': label, title: `${label} (${keys})` }, [icon(path)], onClick);
  const keptStart = Number(stored('session', timerKey(config)));
  let started = Number.isFinite(keptStart) && keptStart > 0 && keptStart <= Date.now() ? keptStart : Date.now();
  store('session', timerKey(config), String(started));
  const tick = () => {
    elapsed.textContent = elapsedText(Date.now() - started);
    clock.textContent = new Date().toLocaleTimeString(config.lang, { hour: '2-digit', minute: '2-digit' });
  };
  const resetTimer = () => {
    started = Date.now();
    store('session', timerKey(config), String(started));
    tick();
  };
  const bar = el('section', { class: 'lectern-pv-bar', 'aria-label': ui.controls }, [
    button(ui.previous, ICONS.previous, () => show.step(-1), '←'),
    counter,
    button(ui.next, ICONS.next, () => show.step(1), '→'),
    title,
    el('span', { class: 'lectern-pv-timer' }, [el('span', { class: 'lectern-pv-label' }, [ui.elapsed, ' ']), elapsed]),
    button(ui.resetTimer, ICONS.reset, resetTimer, 'R'),
    el('span', { class: 'lectern-pv-time' }, [el('span', { class: 'lectern-pv-label' }, [ui.clock, ' ']), clock]),
    link,
  ]);
  document.body.append(nextPanel, notesPanel, bar);
  tick();
  window.setInterval(tick, 1000);

  const renderNotes = (index: number) => {
    notesBody.replaceChildren();
    if (!notes) {
      notesBody.append(el('p', { class: 'lectern-pv-empty' }, [ui.notesOmitted]));
      return;
    }
    const list = notes[index] ?? [];
    if (list.length === 0) {
      notesBody.append(el('p', { class: 'lectern-pv-empty' }, [ui.noNotes]));
      return;
    }
    for (const note of list) {
      notesBody.append(
        el('div', { class: note.cite ? 'lectern-note lectern-note-cited' : 'lectern-note' }, [
          el('p', {}, [note.text]),
          note.cite ? el('p', { class: 'lectern-note-cite' }, [note.cite, note.address ? ` · ${note.address}` : '']) : null,
        ]),
      );
    }
    notesBody.scrollTop = 0;
  };

  show.onChange((origin, previous) => {
    const { index } = show;
    blackBadge.hidden = !show.black;
    // On a slide with step-by-step items, where in them the lecturer is: "2 / 15 · Step 1 of 4", in the catalogue's words.
    const steps = show.stepsOf(index);
    counter.textContent = `${index + 1} / ${show.count}${steps > 0 ? ` · ${ui.step} ${show.revealed} ${ui.of} ${steps}` : ''}`;
    title.textContent = config.titles[index] ?? '';
    document.documentElement.style.setProperty('--lectern-progress', String((index + 1) / show.count));
    if (origin === 'init' || index !== previous.index || show.revealed !== previous.revealed) {
      const current = show.slides[index];
      const next = show.slides[index + 1];
      const picture =
        current && show.revealed < show.stepsOf(index)
          ? slidePicture(current, show.revealed + 1)
          : next
            ? slidePicture(next, 0)
            : el('p', { class: 'lectern-pv-end' }, [ui.end]);
      nextView.replaceChildren(picture);
    }
    if (origin === 'init' || index !== previous.index) renderNotes(index);
    const hash = hashOf(index, show.revealed);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  });

  return {
    resetTimer,
    resizeNotes,
    notes: notesBody,
    setLinked(linked) {
      link.textContent = linked ? '' : ui.noAudience;
      document.documentElement.classList.toggle('lectern-unlinked', !linked);
    },
    background: () => [deck, nextPanel, notesPanel, bar],
  };
}

/**
 * Keeping the audience window and the presenter window on the same slide.
 *
 * The presenter window is the same file opened by script (window.open of
 * NAME.html?presenter#N). Between two file:// documents Chromium allows
 * neither DOM access nor a shared BroadcastChannel reliably, but the windows
 * hold each other's WindowProxy (the popup's `window.opener`, the opener's
 * return value of window.open), and postMessage works across any origins.
 * So: the presenter says `hello` to its opener; the audience window answers
 * with its `state` and from then on each window posts its `state` on every
 * change it makes itself; a window applies a received state without posting
 * it back. Messages are accepted only from the partner window and for the
 * same deck. When the audience window reloads it says `bye`, and the
 * presenter says `hello` again until the new page answers.
 */
import type { DeckConfig, SyncMessage } from './protocol.js';
import type { Show } from './show.js';

function parse(data: unknown, deck: string): SyncMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Partial<SyncMessage>;
  if (m.lectern !== 'sync' || m.deck !== deck) return undefined;
  if (m.type !== 'hello' && m.type !== 'state' && m.type !== 'bye') return undefined;
  return m as SyncMessage;
}

function post(target: Window | null, message: SyncMessage): boolean {
  if (!target || target.closed) return false;
  try {
    // file:// documents have opaque origins: no narrower target origin can match.
    target.postMessage(message, '*');
    return true;
  } catch {
    return false;
  }
}

function stateMessage(show: Show, deck: string, type: SyncMessage['type'] = 'state'): SyncMessage {
  return { lectern: 'sync', deck, type, index: show.index, revealed: show.revealed, black: show.black };
}

function apply(show: Show, m: SyncMessage): void {
  show.set(
    {
      index: typeof m.index === 'number' ? m.index : undefined,
      revealed: typeof m.revealed === 'number' ? m.revealed : undefined,
      black: typeof m.black === 'boolean' ? m.black : undefined,
    },
    'remote',
  );
}

export interface AudienceLink {
  /** Open the presenter window (or bring it forward); false when the browser blocked it. */
  openPresenter(): boolean;
}

/** The audience window's side. */
export function linkPresenter(show: Show, config: DeckConfig, presenterUrl: () => string): AudienceLink {
  let presenter: Window | null = null;
  const send = () => post(presenter, stateMessage(show, config.name));

  show.onChange((origin) => {
    if (origin !== 'remote') send();
  });
  window.addEventListener('message', (e) => {
    const m = parse(e.data, config.name);
    if (!m || !e.source || e.source === window) return;
    const source = e.source as Window;
    // Only our own presenter window, or (after this page reloaded) a window we opened earlier saying hello.
    if (presenter && !presenter.closed && source !== presenter) return;
    if (m.type === 'bye') {
      if (source === presenter) presenter = null;
      return;
    }
    presenter = source;
    if (m.type === 'hello') send();
    else apply(show, m);
  });
  window.addEventListener('pagehide', () => post(presenter, stateMessage(show, config.name, 'bye')));

  return {
    openPresenter() {
      if (presenter && !presenter.closed) {
        presenter.focus();
        send();
        return true;
      }
      const opened = window.open(presenterUrl(), `lectern-presenter-${config.name}`, 'popup,width=1280,height=800');
      if (!opened) return false;
      presenter = opened;
      return true;
    },
  };
}

/** The presenter window's side; `onLink(true|false)` tells whether the audience window answers. */
export function linkAudience(show: Show, config: DeckConfig, onLink: (linked: boolean) => void): void {
  const audience = window.opener as Window | null;
  let linked = false;
  const setLinked = (value: boolean) => {
    if (value !== linked) {
      linked = value;
      onLink(value);
    }
  };
  onLink(false);
  if (!audience) return;

  show.onChange((origin) => {
    if (origin === 'local' || origin === 'history') post(audience, stateMessage(show, config.name));
  });
  window.addEventListener('message', (e) => {
    if (e.source !== audience) return;
    const m = parse(e.data, config.name);
    if (!m) return;
    if (m.type === 'bye') {
      setLinked(false);
      return;
    }
    if (m.type === 'state') {
      setLinked(true);
      apply(show, m);
    }
  });
  window.addEventListener('pagehide', () => post(audience, stateMessage(show, config.name, 'bye')));
  const hello = () => {
    if (audience.closed) {
      setLinked(false);
      return;
    }
    if (!linked) post(audience, stateMessage(show, config.name, 'hello'));
  };
  hello();
  // Until the audience window answers (it may be reloading), and to notice when it is closed.
  window.setInterval(hello, 1000);
}

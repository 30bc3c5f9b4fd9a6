/** Small DOM helpers for the deck's script. */

type Child = Node | string | null | undefined | false;

/** Create an element with attributes (string values; `true` for a bare attribute) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** Parse the JSON of a `<script type="application/json" id=…>`; undefined when absent or broken. */
export function readJson<T>(id: string): T | undefined {
  const text = document.getElementById(id)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Is the event's target a control that handles Enter and Space itself? */
export function isControl(target: EventTarget | null): boolean {
  return (
    target instanceof Element && target.closest('button, a[href], input, select, textarea, summary, [contenteditable=""], [contenteditable="true"]') !== null
  );
}

/** Is the event's target a field that takes typed text? */
export function isTextField(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]') !== null;
}

/**
 * A toolbar button. A pointer press does not focus it: the keys that follow
 * (Space, Enter, arrows) stay the deck's, and the toolbar hides after its
 * usual delay. From the keyboard (Tab) it takes focus and works as a button.
 */
export function controlButton(attrs: Record<string, string>, children: Child[], onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'lectern-button', ...attrs }, children);
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', (e) => {
    // A pointer click (detail > 0) on a button that had focus anyway (from Tab earlier): let it go.
    if (e.detail > 0 && document.activeElement === b) b.blur();
    onClick();
  });
  return b;
}

/** A value kept in localStorage or sessionStorage; nothing when storage is refused (file:// in some browsers, private windows). */
export function stored(kind: 'local' | 'session', key: string): string | undefined {
  try {
    return (kind === 'local' ? window.localStorage : window.sessionStorage).getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function store(kind: 'local' | 'session', key: string, value: string): void {
  try {
    (kind === 'local' ? window.localStorage : window.sessionStorage).setItem(key, value);
  } catch {
    // not kept: the deck works the same
  }
}

/** An inline icon (24×24 viewBox, drawn with strokes); decorative. */
export function icon(path: string): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'lectern-icon');
  const p = document.createElementNS(NS, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}

export const ICONS = {
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  overview: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z',
  presenter: 'M3 5h18v11H3zM8 20h8M12 16v4',
  fullscreen: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  reset: 'M4 12a8 8 0 1 0 3-6.2M4 4v5h5',
  smaller: 'M5 12h14',
  larger: 'M5 12h14M12 5v14',
  reading: 'M5 5h14M5 9.5h14M5 14h14M5 18.5h9',
};

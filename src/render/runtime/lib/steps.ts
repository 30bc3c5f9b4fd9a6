/**
 * Step-by-step reveals: list items marp-core marks `data-marpit-fragment="N"`
 * (Markdown's `*` lists, an outline's `reveal: true`) appear one per step.
 * A slide's step is how many of its items show (0 to its count). Hidden items
 * keep their place (visibility, so nothing moves when one appears) and are
 * told to screen readers through the live region as they appear.
 */

const FRAGMENT = 'data-marpit-fragment';
/** Set on an item not yet revealed; the deck's CSS hides it (`.lectern-js` only: without the script every item shows). */
export const HIDDEN = 'data-lectern-hidden';

function numberOf(item: Element): number {
  const n = Number(item.getAttribute(FRAGMENT));
  return Number.isFinite(n) ? n : 0;
}

/** How many steps a slide has: its highest fragment number (0: none). */
export function stepCount(slide: Element): number {
  let most = 0;
  for (const item of Array.from(slide.querySelectorAll(`[${FRAGMENT}]`))) most = Math.max(most, numberOf(item));
  return most;
}

/** Show the items numbered up to `revealed`, hide the rest (Infinity: the finished slide). */
export function revealItems(slide: Element, revealed: number): void {
  for (const item of Array.from(slide.querySelectorAll(`[${FRAGMENT}]`))) {
    if (numberOf(item) > revealed) item.setAttribute(HIDDEN, '');
    else item.removeAttribute(HIDDEN);
  }
}

/** The words of the items a step revealed (from `after` to `upTo`), without their sub-items: what the live region says. */
export function revealedText(slide: Element, after: number, upTo: number): string {
  const parts: string[] = [];
  for (const item of Array.from(slide.querySelectorAll(`[${FRAGMENT}]`))) {
    const n = numberOf(item);
    if (n <= after || n > upTo) continue;
    const copy = item.cloneNode(true) as Element;
    for (const list of Array.from(copy.querySelectorAll('ul, ol'))) list.remove();
    const text = (copy.textContent ?? '')
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) parts.push(text);
  }
  return parts.join(' ');
}

/** The hash of a position: #5 for slide 5 as it starts (or a slide without steps), #5.2 with two items shown. */
export function hashOf(index: number, revealed: number): string {
  return revealed > 0 ? `#${index + 1}.${revealed}` : `#${index + 1}`;
}

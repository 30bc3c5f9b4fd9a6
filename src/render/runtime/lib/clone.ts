/** Pictures of slides (overview thumbnails, the presenter's next slide): inert copies of the slide's SVG. */
import { revealItems } from './steps.js';

/**
 * A copy of a slide's `<svg data-marpit-svg>` wrapped in `<div class="marpit">`
 * (Marp's theme CSS is scoped to `div.marpit > svg > foreignObject > section`),
 * hidden from assistive technology, without ids (they would be duplicates) and
 * without working links; showing `revealed` of its step-by-step items (all by default: the finished slide).
 */
export function slidePicture(svg: SVGSVGElement, revealed = Infinity): HTMLDivElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  revealItems(copy, revealed);
  copy.classList.remove('active');
  for (const name of ['role', 'aria-label', 'aria-roledescription', 'aria-hidden', 'id', 'tabindex']) copy.removeAttribute(name);
  for (const node of Array.from(copy.querySelectorAll('[id]'))) {
    // MathJax's own SVGs may refer to their ids; keep those.
    if (node.closest('svg') === copy) node.removeAttribute('id');
  }
  for (const link of Array.from(copy.querySelectorAll('a[href]'))) link.removeAttribute('href');
  for (const node of Array.from(copy.querySelectorAll('[tabindex]'))) node.removeAttribute('tabindex');
  const frame = document.createElement('div');
  frame.className = 'marpit';
  frame.setAttribute('aria-hidden', 'true');
  frame.inert = true;
  frame.append(copy);
  return frame;
}

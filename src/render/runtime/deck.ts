/**
 * The HTML deck's script (runs in the browser): one slide at a time,
 * keyboard navigation, and the URL hash following the slide.
 * Bundled into out/NAME.html by src/render/runtime.ts.
 */

const slides = Array.from(document.querySelectorAll<SVGSVGElement>('.lectern-deck > .marpit > svg[data-marpit-svg]'));
let current = 0;

function show(index: number, updateHash = true): void {
  if (slides.length === 0) return;
  current = Math.max(0, Math.min(slides.length - 1, index));
  slides.forEach((s, i) => {
    const active = i === current;
    s.classList.toggle('active', active);
    s.setAttribute('aria-hidden', active ? 'false' : 'true');
  });
  document.documentElement.style.setProperty('--lectern-progress', String((current + 1) / slides.length));
  if (updateHash && location.hash !== `#${current + 1}`) history.pushState(null, '', `#${current + 1}`);
}

function fromHash(): number {
  const n = Number.parseInt(location.hash.slice(1), 10);
  return Number.isFinite(n) ? n - 1 : 0;
}

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  switch (e.key) {
    case 'ArrowRight': case 'ArrowDown': case 'PageDown': case ' ':
      show(current + 1); break;
    case 'ArrowLeft': case 'ArrowUp': case 'PageUp':
      show(current - 1); break;
    case 'Home': show(0); break;
    case 'End': show(slides.length - 1); break;
    default: return;
  }
  e.preventDefault();
});
window.addEventListener('hashchange', () => show(fromHash(), false));
window.addEventListener('popstate', () => show(fromHash(), false));
show(fromHash(), false);
document.documentElement.classList.add('lectern-js');

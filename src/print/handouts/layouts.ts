/**
 * Handouts of slides: N-up pages (2, 4, 6), notes pages and 3-lines pages, as
 * HTML documents (pure; printed by print.ts).
 *
 * Handouts reuse Marp's rendered slides — each `<svg data-marpit-svg>` is
 * placed in a box sized in millimetres and scales as a vector (never a
 * screenshot). Every handout page is an element of its own with its header
 * and footer in the HTML, so the page count is known up front
 * (ceil(slides ÷ N)) and the running text uses the embedded fonts.
 */
import { htmlText } from '../../compose/escape.js';
import type { Deck, DeckSlide, Piece } from '../../deck/model.js';
import type { RenderedSlides } from '../../render/marp.js';
import { slideLabel } from '../deck-meta.js';
import { documentHead, norm, paragraphsHtml, type HandoutOptions } from './document.js';
import { CAPTION, FOOTER, geometry, HANDOUT_GRID, handoutPages, HEADER, MARGIN, mm, RULE } from './geometry.js';
import type { SlideHandout } from './kinds.js';
import { handoutStrings, type HandoutStrings } from './strings.js';

/** The `<svg data-marpit-svg>` elements of Marp's output, one per slide (nested SVG, e.g. math, stays inside). */
export function slideSvgs(html: string): string[] {
  const out: string[] = [];
  const tag = /<svg\b|<\/svg\s*>/gi;
  let depth = 0;
  let start = -1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[0].startsWith('</')) {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push(html.slice(start, m.index + m[0].length));
        start = -1;
      }
    } else {
      if (depth === 0) start = m.index;
      depth++;
    }
  }
  return out.filter((svg) => /^<svg\b[^>]*\bdata-marpit-svg/i.test(svg));
}

// ---------------------------------------------------------------- the page: styles, running header and footer, slide boxes

const HANDOUT_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; break-inside: auto; page-break-inside: auto; }
body { font-family: 'PT Sans', 'Noto Sans', 'DejaVu Sans', sans-serif; color: #111827; font-size: 10pt; line-height: 1.35; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.lectern-page { position: relative; overflow: hidden; display: flex; flex-direction: column; break-after: page; page-break-after: always; }
.lectern-page:last-child { break-after: auto; page-break-after: auto; }
.lectern-running { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; font-size: 8.5pt; line-height: 1.2; color: #4b5563; flex: none; }
.lectern-running > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lectern-running > span:first-child { flex: 0 1 auto; min-width: 0; }
.lectern-running > span:last-child { flex: 0 0 auto; max-width: 45%; text-align: right; }
header.lectern-running { border-bottom: 0.3mm solid #d1d5db; padding-bottom: 1.6mm; }
header.lectern-running .lectern-title { font-weight: 700; color: #111827; }
footer.lectern-running { border-top: 0.3mm solid #d1d5db; padding-top: 1.6mm; align-items: flex-start; }
.lectern-body { flex: none; display: grid; }
.lectern-cell { display: flex; flex-direction: column; align-items: center; justify-content: center; min-width: 0; min-height: 0; }
.lectern-slide { flex: none; border: 0.25mm solid #9ca3af; background: #fff; overflow: hidden; }
.lectern-slide > div.marpit { width: 100%; height: 100%; }
.lectern-slide > div.marpit > svg[data-marpit-svg] { display: block; width: 100%; height: 100%; }
.lectern-caption { flex: none; width: 100%; height: ${CAPTION}mm; padding-top: 1.2mm; font-size: 8pt; line-height: 1.2; color: #4b5563; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lectern-caption b { color: #111827; }
/* 3-lines: the slide on the left, ruled lines for students' notes on the right. */
.lectern-layout-3-lines .lectern-cell { flex-direction: row; align-items: stretch; justify-content: flex-start; gap: 7mm; }
.lectern-layout-3-lines .lectern-left { flex: none; display: flex; flex-direction: column; justify-content: flex-start; }
.lectern-lines { flex: 1 1 auto; display: flex; flex-direction: column; justify-content: flex-start; }
.lectern-rule { flex: none; height: ${RULE}mm; border-bottom: 0.3mm solid #8b929c; }
/* notes: the slide above its notes and the passages it cites. */
.lectern-layout-notes .lectern-cell { justify-content: flex-start; align-items: stretch; }
.lectern-layout-notes .lectern-slide { align-self: center; }
.lectern-notes-head { flex: none; margin: 3mm 0 1mm; font-size: 10pt; color: #4b5563; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lectern-notes-head b { color: #111827; font-size: 11pt; }
.lectern-fit { position: relative; flex: 1 1 auto; min-height: 0; overflow: hidden; font-size: 10.5pt; line-height: 1.4; }
.lectern-fit[data-overflow]::after { content: '[…]'; position: absolute; right: 0; bottom: 0; padding-left: 2mm; background: #fff; color: #9a3412; font-weight: 700; }
.lectern-fit h3 { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.06em; color: #9a3412; margin: 3mm 0 1mm; }
.lectern-fit p { margin: 0 0 1.6mm; }
.lectern-fit .lectern-passage { font-family: 'PT Serif', 'Noto Serif', serif; }
.lectern-ref { font-size: 0.82em; color: #4b5563; white-space: nowrap; }
.lectern-ref code, .lectern-address { font-family: 'PT Sans', sans-serif; font-size: 1em; color: #9a3412; }
.lectern-quote { font-family: 'PT Serif', 'Noto Serif', serif; margin: 0 0 2mm; padding-left: 3mm; border-left: 0.6mm solid #fdba74; }
.lectern-quote p { margin: 0 0 1mm; }
`;

/**
 * Shrinks the text of a notes page until it fits (rarely needed: about 3,000
 * characters fit at the normal size), down to 9px; what still does not fit is
 * cut, and the page shows a mark that it was. Then tells printPdf it is ready.
 */
const FIT_SCRIPT = `
document.fonts.ready.then(function () {
  document.querySelectorAll('.lectern-fit').forEach(function (box) {
    var size = parseFloat(getComputedStyle(box).fontSize);
    while (box.scrollHeight > box.clientHeight + 1 && size > 9) {
      size -= 0.5;
      box.style.fontSize = size + 'px';
    }
    if (box.scrollHeight > box.clientHeight + 1) box.setAttribute('data-overflow', 'true');
  });
  document.documentElement.setAttribute('data-lectern-ready', 'true');
});
`;

export const READY = "document.documentElement.getAttribute('data-lectern-ready') === 'true'";

function runningHeader(deck: Deck): string {
  const right = [deck.course, deck.date].filter(Boolean).join(' · ');
  return `<header class="lectern-running"><span class="lectern-title">${htmlText(deck.title)}</span><span>${htmlText(right)}</span></header>`;
}

function runningFooter(deck: Deck, s: HandoutStrings, page: number, pages: number): string {
  const left = [deck.author, deck.institution].filter(Boolean).join(', ');
  return `<footer class="lectern-running"><span>${htmlText(left)}</span><span class="lectern-page-number">${htmlText(s.pageOf(page, pages))}</span></footer>`;
}

function slideBox(svg: string | undefined, size: { width: number; height: number }): string {
  return `<div class="lectern-slide" style="width:${mm(size.width)};height:${mm(size.height)}"><div class="marpit">${svg ?? ''}</div></div>`;
}

function caption(deck: Deck, slide: DeckSlide | undefined, index: number, width: number): string {
  const label = slide ? slideLabel(deck, slide) : '';
  return `<div class="lectern-caption" style="width:${mm(width)}"><b>${index + 1}</b>${label ? ` · ${htmlText(label)}` : ''}</div>`;
}

// ---------------------------------------------------------------- notes pages

interface CitedText {
  address: string;
  short: string;
  text: string;
}

/** The passages a slide shows, with their full text, each once, in order. */
function slidePassages(slide: DeckSlide): CitedText[] {
  const byAddress = new Map<string, CitedText>();
  const add = (p: Piece) => {
    if (p.citation && p.passage !== undefined && !byAddress.has(p.citation.address)) {
      byAddress.set(p.citation.address, { address: p.citation.address, short: p.citation.short, text: p.passage });
    }
  };
  const walk = (items: DeckSlide['bullets']) => items.forEach((b) => (add(b), walk(b.bullets)));
  walk(slide.bullets);
  if (slide.quote) add(slide.quote);
  slide.paragraphs.forEach(add);
  slide.columns.forEach((c) => (walk(c.bullets), c.quote && add(c.quote), c.paragraphs.forEach(add)));
  slide.timeline.forEach(add);
  return slide.citations.map((c) => byAddress.get(c.address)).filter((c): c is CitedText => !!c);
}

/**
 * Passages grouped so that no text is printed twice: a passage whose text lies
 * within another (or within a note that quotes a passage) is listed by address
 * under it instead.
 */
function groupByContainment(
  passages: CitedText[],
  shown: CitedText[],
): { groups: Array<{ main: CitedText; within: CitedText[] }>; inShown: Map<string, CitedText[]> } {
  const inShown = new Map<string, CitedText[]>();
  const rest: CitedText[] = [];
  for (const p of passages) {
    const host = shown.find((s) => norm(s.text).includes(norm(p.text)));
    if (host) inShown.set(host.address, [...(inShown.get(host.address) ?? []), p]);
    else rest.push(p);
  }
  const groups: Array<{ main: CitedText; within: CitedText[] }> = [];
  const longestFirst = [...rest].sort((a, b) => norm(b.text).length - norm(a.text).length);
  const hostOf = new Map<string, string>();
  for (const p of longestFirst) {
    const host = longestFirst.find(
      (q) => q !== p && !hostOf.has(q.address) && norm(q.text).length >= norm(p.text).length && norm(q.text).includes(norm(p.text)),
    );
    if (host) hostOf.set(p.address, host.address);
  }
  for (const p of rest) {
    if (hostOf.has(p.address)) continue;
    groups.push({ main: p, within: rest.filter((q) => hostOf.get(q.address) === p.address) });
  }
  return { groups, inShown };
}

const addresses = (list: CitedText[]) => list.map((c) => `<span class="lectern-address">${htmlText(c.address)}</span>`).join(', ');

function notesBody(slide: DeckSlide | undefined, s: HandoutStrings): string {
  if (!slide) return '';
  const quoted: CitedText[] = slide.notes
    .filter((n) => n.citation && n.passage !== undefined)
    .map((n) => ({ address: n.citation!.address, short: n.citation!.short, text: n.text }));
  const { groups, inShown } = groupByContainment(slidePassages(slide), quoted);
  const out: string[] = [];
  if (slide.notes.length > 0) {
    out.push(`<h3>${htmlText(s.notes)}</h3>`);
    for (const n of slide.notes) {
      if (n.citation) {
        const within = inShown.get(n.citation.address) ?? [];
        const also = within.filter((w) => w.address !== n.citation!.address);
        out.push(
          `<div class="lectern-quote">${paragraphsHtml(n.text)}<div class="lectern-ref">${htmlText(n.citation.short)} · <span class="lectern-address">${htmlText(n.citation.address)}</span>${also.length ? ` (${htmlText(s.onSlide)}: ${addresses(also)})` : ''}</div></div>`,
        );
      } else {
        out.push(paragraphsHtml(n.text));
      }
    }
  }
  if (groups.length > 0) {
    out.push(`<h3>${htmlText(s.passages)}</h3>`);
    for (const { main, within } of groups) {
      out.push(
        `<div class="lectern-quote">${paragraphsHtml(main.text)}<div class="lectern-ref">${htmlText(main.short)} · <span class="lectern-address">${htmlText(main.address)}</span>${within.length ? ` (${htmlText(s.including)}: ${addresses(within)})` : ''}</div></div>`,
      );
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- handouts

/** The HTML document for one handout layout (pure; no browser). */
export function handoutDocument(deck: Deck, slides: RenderedSlides, layout: SlideHandout, options: HandoutOptions = {}): string {
  const s = handoutStrings(deck.lang);
  const paper = options.paper ?? 'A4';
  const g = geometry(deck, layout, paper);
  const svgs = slideSvgs(slides.html);
  const count = Math.max(svgs.length, deck.slides.length);
  const { perPage, cols, rows } = HANDOUT_GRID[layout];
  const pages = handoutPages(layout, count);
  const lines = Math.max(1, Math.floor((g.cell.height - 1) / RULE));

  const cell = (i: number): string => {
    const slide = deck.slides[i];
    if (i >= count) return '<div class="lectern-cell"></div>';
    const label = slide ? slideLabel(deck, slide) : '';
    if (layout === 'notes') {
      return `<div class="lectern-cell">${slideBox(svgs[i], g.slide)}<div class="lectern-notes-head"><b>${htmlText(s.slide[0]!.toUpperCase() + s.slide.slice(1))} ${i + 1}</b> ${htmlText(s.of)} ${count}${label ? ` · ${htmlText(label)}` : ''}</div><div class="lectern-fit">${notesBody(slide, s)}</div></div>`;
    }
    if (layout === '3-lines') {
      return `<div class="lectern-cell"><div class="lectern-left">${slideBox(svgs[i], g.slide)}${caption(deck, slide, i, g.slide.width)}</div><div class="lectern-lines" aria-hidden="true">${'<div class="lectern-rule"></div>'.repeat(lines)}</div></div>`;
    }
    return `<div class="lectern-cell">${slideBox(svgs[i], g.slide)}${caption(deck, slide, i, g.slide.width)}</div>`;
  };

  const body: string[] = [];
  for (let p = 0; p < pages; p++) {
    const cells: string[] = [];
    for (let k = 0; k < perPage; k++) cells.push(cell(p * perPage + k));
    body.push(
      `<section class="lectern-page" aria-label="${htmlText(s.pageOf(p + 1, pages))}">${runningHeader(deck)}<div class="lectern-body">${cells.join('')}</div>${runningFooter(deck, s, p + 1, pages)}</section>`,
    );
  }

  const pageCss = `
@page { size: ${mm(g.page.width)} ${mm(g.page.height)}; margin: 0; }
.lectern-page { width: ${mm(g.page.width)}; height: ${mm(g.page.height - 0.3)}; padding: ${mm(MARGIN.top)} ${mm(MARGIN.side)} 0; }
header.lectern-running { height: ${mm(HEADER - 3)}; margin-bottom: 3mm; }
footer.lectern-running { height: ${mm(FOOTER - 3)}; margin-top: 3mm; }
.lectern-body { width: ${mm(g.body.width)}; height: ${mm(g.body.height)}; grid-template-columns: repeat(${cols}, ${mm(g.cell.width)}); grid-template-rows: repeat(${rows}, ${mm(g.cell.height)}); column-gap: ${mm(g.gap.col)}; row-gap: ${mm(g.gap.row)}; }
`;
  const title = `${deck.title} — ${s.kinds[layout]}`;
  return `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}" data-lectern-ready="${layout === 'notes' ? 'false' : 'true'}">
<head>
${documentHead(deck, title, [slides.css, HANDOUT_CSS, pageCss])}
</head>
<body class="lectern-handout lectern-layout-${layout}">
${body.join('\n')}
${layout === 'notes' ? `<script>${FIT_SCRIPT}</script>` : ''}
</body>
</html>
`;
}

/**
 * Handouts and the reading pack: HTML documents printed by the run's browser.
 *
 * Handouts reuse Marp's rendered slides — each `<svg data-marpit-svg>` is
 * placed in a box sized in millimetres and scales as a vector (never a
 * screenshot). Every handout page is an element of its own with its header
 * and footer in the HTML, so the page count is known up front
 * (ceil(slides ÷ N)) and the running text uses the embedded fonts.
 *
 * The reading pack flows over as many pages as its text needs; its running
 * header and footer are CSS page-margin boxes (`@page { @top-left … }`,
 * `counter(pages)`), which Chromium lays out with the document's own fonts.
 */
import { htmlText } from '../compose/escape.js';
import type { Resolved } from '../deck/resolve.js';
import type { Deck, DeckSlide, Piece } from '../deck/model.js';
import type { Passage } from '../sources/address.js';
import type { BrowserSession } from './browser/index.js';
import { FONTS_PLACEHOLDER } from '../render/fonts.js';
import type { RenderedSlides } from '../render/marp.js';
import { CSP, slideSize } from '../render/page.js';
import { passageWhere } from '../deck/resolve.js';
import { printPdf } from './pdf.js';
import { deckMetadata, setPdfMetadata, slideLabel } from './pdf-meta.js';

export const HANDOUT_LAYOUTS = ['notes', '2', '3-lines', '4', '6', 'reading'] as const;
export type HandoutLayout = (typeof HANDOUT_LAYOUTS)[number];
export type SlideHandoutLayout = Exclude<HandoutLayout, 'reading'>;

export interface HandoutOptions {
  paper?: 'A4' | 'Letter';
  /** CreationDate/ModDate of the PDF (default: now). */
  date?: Date;
}

/** Paper in millimetres, portrait. */
export const PAPER = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;

/** Slides per page and the page's orientation, per layout. */
export const HANDOUT_GRID: Record<SlideHandoutLayout, { perPage: number; cols: number; rows: number; landscape: boolean }> = {
  notes: { perPage: 1, cols: 1, rows: 1, landscape: false },
  '2': { perPage: 2, cols: 1, rows: 2, landscape: false },
  '3-lines': { perPage: 3, cols: 1, rows: 3, landscape: false },
  '4': { perPage: 4, cols: 2, rows: 2, landscape: true },
  '6': { perPage: 6, cols: 2, rows: 3, landscape: false },
};

/** Pages a handout of `slides` slides takes. */
export function handoutPages(layout: SlideHandoutLayout, slides: number): number {
  return Math.max(1, Math.ceil(slides / HANDOUT_GRID[layout].perPage));
}

/** The page size of a layout in millimetres, oriented. */
export function handoutPaper(layout: HandoutLayout, paper: 'A4' | 'Letter' = 'A4'): { width: number; height: number } {
  const p = PAPER[paper];
  const landscape = layout !== 'reading' && HANDOUT_GRID[layout].landscape;
  return landscape ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}

interface HandoutStrings {
  pageOf: (page: number | string, pages: number | string) => string;
  /** The same for CSS `content`: the parts before, between and after the two counters. */
  pageOfCss: [string, string, string];
  notes: string;
  passages: string;
  slide: string;
  slides: string;
  of: string;
  readingPack: string;
  readingIntro: (passages: number, sources: number) => string;
  bibliography: string;
  /** Before the addresses a slide cites that lie within a note's passage. */
  onSlide: string;
  /** Before the addresses of shorter passages that lie within a printed one. */
  including: string;
  kinds: Record<HandoutLayout, string>;
}

const RU: HandoutStrings = {
  pageOf: (x, y) => `стр. ${x} из ${y}`,
  pageOfCss: ['стр. ', ' из ', ''],
  notes: 'Заметки',
  passages: 'Цитируемые фрагменты',
  slide: 'слайд',
  slides: 'слайды',
  of: 'из',
  readingPack: 'Хрестоматия к лекции',
  readingIntro: (n, s) => `Полные тексты фрагментов, на которые ссылается лекция, — по источникам, в порядке текста. Фрагментов: ${n}; источников: ${s}.`,
  bibliography: 'Источники',
  onSlide: 'на слайде',
  including: 'в том числе',
  kinds: {
    notes: 'Слайды с заметками',
    '2': 'Раздаточный материал: 2 слайда на странице',
    '3-lines': 'Раздаточный материал: 3 слайда с местом для записей',
    '4': 'Раздаточный материал: 4 слайда на странице',
    '6': 'Раздаточный материал: 6 слайдов на странице',
    reading: 'Хрестоматия к лекции',
  },
};

const EN: HandoutStrings = {
  pageOf: (x, y) => `page ${x} of ${y}`,
  pageOfCss: ['page ', ' of ', ''],
  notes: 'Notes',
  passages: 'Cited passages',
  slide: 'slide',
  slides: 'slides',
  of: 'of',
  readingPack: 'Reading pack',
  readingIntro: (n, s) => `The full text of every passage the lecture cites, by source, in the order of the text. Passages: ${n}; sources: ${s}.`,
  bibliography: 'Sources',
  onSlide: 'on the slide',
  including: 'including',
  kinds: {
    notes: 'Slides with notes',
    '2': 'Handout: 2 slides per page',
    '3-lines': 'Handout: 3 slides with room for notes',
    '4': 'Handout: 4 slides per page',
    '6': 'Handout: 6 slides per page',
    reading: 'Reading pack',
  },
};

export function handoutStrings(lang: string): HandoutStrings {
  return lang.split('-')[0]!.toLowerCase() === 'ru' ? RU : EN;
}

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

// ---------------------------------------------------------------- geometry (mm)

/** Page padding and the bands of the running header and footer. */
const MARGIN = { top: 10, bottom: 9, side: 12 };
const HEADER = 10;
const FOOTER = 8;
const CAPTION = 5.5;
const RULE = 7.5;

function fit(maxWidth: number, maxHeight: number, aspect: number): { width: number; height: number } {
  const width = Math.min(maxWidth, maxHeight * aspect);
  return { width: round(width), height: round(width / aspect) };
}

const round = (n: number) => Math.floor(n * 100) / 100;

interface Geometry {
  page: { width: number; height: number };
  body: { width: number; height: number };
  cell: { width: number; height: number };
  slide: { width: number; height: number };
  gap: { row: number; col: number };
}

function geometry(deck: Deck, layout: SlideHandoutLayout, paper: 'A4' | 'Letter'): Geometry {
  const page = handoutPaper(layout, paper);
  const body = { width: page.width - 2 * MARGIN.side, height: page.height - MARGIN.top - MARGIN.bottom - HEADER - FOOTER };
  const { width: sw, height: sh } = slideSize(deck);
  const aspect = sw / sh;
  const { cols, rows } = HANDOUT_GRID[layout];
  const gap = { row: layout === '3-lines' ? 6 : 8, col: 10 };
  const cell = { width: (body.width - (cols - 1) * gap.col) / cols, height: (body.height - (rows - 1) * gap.row) / rows };
  let slide: { width: number; height: number };
  if (layout === 'notes') slide = fit(body.width, 100, aspect);
  else if (layout === '3-lines') slide = fit(body.width * 0.55, cell.height - CAPTION, aspect);
  else slide = fit(cell.width, cell.height - CAPTION, aspect);
  return { page, body, cell, slide, gap };
}

// ---------------------------------------------------------------- shared HTML

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

function documentHead(deck: Deck, title: string, css: string[]): string {
  return [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="generator" content="Lectern">',
    `<title>${htmlText(title)}</title>`,
    deck.author ? `<meta name="author" content="${htmlText(deck.author)}">` : '',
    FONTS_PLACEHOLDER,
    ...css.map((c) => `<style>${c.replace(/<\/style/gi, '<\\/style')}</style>`),
  ]
    .filter(Boolean)
    .join('\n');
}

function runningHeader(deck: Deck): string {
  const right = [deck.course, deck.date].filter(Boolean).join(' · ');
  return `<header class="lectern-running"><span class="lectern-title">${htmlText(deck.title)}</span><span>${htmlText(right)}</span></header>`;
}

function runningFooter(deck: Deck, s: HandoutStrings, page: number, pages: number): string {
  const left = [deck.author, deck.institution].filter(Boolean).join(', ');
  return `<footer class="lectern-running"><span>${htmlText(left)}</span><span class="lectern-page-number">${htmlText(s.pageOf(page, pages))}</span></footer>`;
}

const mm = (n: number) => `${Math.round(n * 100) / 100}mm`;

function slideBox(svg: string | undefined, size: { width: number; height: number }): string {
  return `<div class="lectern-slide" style="width:${mm(size.width)};height:${mm(size.height)}"><div class="marpit">${svg ?? ''}</div></div>`;
}

function caption(deck: Deck, slide: DeckSlide | undefined, index: number, width: number): string {
  const label = slide ? slideLabel(deck, slide) : '';
  return `<div class="lectern-caption" style="width:${mm(width)}"><b>${index + 1}</b>${label ? ` · ${htmlText(label)}` : ''}</div>`;
}

// ---------------------------------------------------------------- notes pages

const norm = (t: string) => t.replace(/\s+/g, ' ').trim();

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

const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${htmlText(p.trim())}</p>`)
    .join('');

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
export function handoutDocument(deck: Deck, slides: RenderedSlides, layout: SlideHandoutLayout, options: HandoutOptions = {}): string {
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

// ---------------------------------------------------------------- reading pack

/** A CSS string literal (for `content:`), safe inside a `<style>` element. */
function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}

const READING_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: 'PT Serif', 'Noto Serif', 'DejaVu Serif', serif; font-size: 11pt; line-height: 1.5; color: #111827; orphans: 3; widows: 3; }
h1, h2, h3, .lectern-meta, .lectern-ref, .lectern-intro { font-family: 'PT Sans', 'Noto Sans', sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 2mm; }
.lectern-meta { color: #4b5563; font-size: 10.5pt; margin: 0 0 5mm; }
.lectern-intro { font-size: 10pt; color: #374151; margin: 0 0 8mm; padding-bottom: 4mm; border-bottom: 0.3mm solid #d1d5db; }
h2 { font-size: 14pt; margin: 8mm 0 1mm; break-after: avoid; }
.lectern-bib-line { font-size: 10pt; color: #4b5563; margin: 0 0 4mm; }
article { margin: 0 0 6mm; }
.lectern-ref { font-size: 9.5pt; color: #4b5563; margin: 0 0 1.2mm; break-after: avoid; }
.lectern-address { color: #9a3412; font-weight: 700; }
.lectern-text { padding-left: 4mm; border-left: 0.6mm solid #fdba74; }
.lectern-text p { margin: 0 0 2mm; }
.lectern-within { font-family: 'PT Sans', 'Noto Sans', sans-serif; font-size: 9pt; color: #4b5563; margin: 1.5mm 0 0 4mm; padding: 0; list-style: none; }
.lectern-within li { margin: 0 0 0.8mm; }
.lectern-bibliography ol { padding-left: 6mm; }
.lectern-bibliography li { margin: 0 0 2mm; }
`;

interface PackEntry {
  passage: Passage;
  slides: number[];
}

function sentenceKeys(p: Passage): string[] {
  return p.parts.flatMap((part) => part.sentences.map((s) => `${part.paragraph.index}.${s.index}`));
}

function slidesCiting(deck: Deck, numbers: number[], s: HandoutStrings): string {
  const list = [...numbers]
    .sort((a, b) => a - b)
    .map((n) => {
      const slide = deck.slides[n - 1];
      return `${n}${slide ? ` «${htmlText(slideLabel(deck, slide))}»` : ''}`;
    });
  return `${htmlText(list.length === 1 ? s.slide : s.slides)} ${list.join(', ')}`;
}

function snippet(text: string, words = 8): string {
  const all = norm(text).split(' ');
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}

/** The reading pack's HTML (pure; no browser). */
export function readingDocument(deck: Deck, cited: Resolved['citedPassages'], options: HandoutOptions = {}): string {
  const s = handoutStrings(deck.lang);
  const page = handoutPaper('reading', options.paper ?? 'A4');
  const order = new Map(deck.bibliography.map((b, i) => [b.name, i]));
  const entries: PackEntry[] = [...cited.values()].map((e) => ({ passage: e.passage, slides: e.slides }));
  const start = (p: Passage) => [p.parts[0]?.paragraph.index ?? 0, p.parts[0]?.sentences[0]?.index ?? 0];
  const length = (p: Passage) => sentenceKeys(p).length;
  entries.sort((a, b) => {
    const sa = order.get(a.passage.source.name) ?? Number.MAX_SAFE_INTEGER;
    const sb = order.get(b.passage.source.name) ?? Number.MAX_SAFE_INTEGER;
    const [pa, xa] = start(a.passage);
    const [pb, xb] = start(b.passage);
    return sa - sb || pa! - pb! || xa! - xb! || length(b.passage) - length(a.passage) || a.passage.address.localeCompare(b.passage.address);
  });

  // A passage whose sentences all lie within a longer cited passage is listed under it, not printed again.
  const keys = new Map(entries.map((e) => [e.passage.address, new Set(sentenceKeys(e.passage))]));
  const hostOf = new Map<string, PackEntry>();
  for (const e of entries) {
    const mine = keys.get(e.passage.address)!;
    const host = entries.find((h) => {
      if (h === e || hostOf.has(h.passage.address) || h.passage.source.name !== e.passage.source.name) return false;
      const theirs = keys.get(h.passage.address)!;
      return theirs.size > mine.size && [...mine].every((k) => theirs.has(k));
    });
    if (host) hostOf.set(e.passage.address, host);
  }

  const sources = new Map<string, PackEntry[]>();
  for (const e of entries) {
    if (hostOf.has(e.passage.address)) continue;
    const name = e.passage.source.name;
    sources.set(name, [...(sources.get(name) ?? []), e]);
  }

  const sections: string[] = [];
  for (const [name, list] of sources) {
    const bib = deck.bibliography.find((b) => b.name === name);
    const source = list[0]!.passage.source;
    const heading = bib?.title ?? source.meta.title ?? name;
    const articles = list.map((e) => {
      const within = entries.filter((w) => hostOf.get(w.passage.address) === e);
      // As the slides cite it: "para. 1, sent. 3–5" in a long paragraph.
      const where = passageWhere(e.passage, deck.strings);
      return `<article>
<p class="lectern-ref"><span class="lectern-address">${htmlText(e.passage.address)}</span> · ${htmlText(where)} · ${slidesCiting(deck, e.slides, s)}</p>
<div class="lectern-text">${paragraphsHtml(e.passage.text)}</div>
${
  within.length
    ? `<ul class="lectern-within">${within
        .map(
          (w) =>
            `<li><span class="lectern-address">${htmlText(w.passage.address)}</span> «${htmlText(snippet(w.passage.text))}» — ${slidesCiting(deck, w.slides, s)}</li>`,
        )
        .join('')}</ul>`
    : ''
}
</article>`;
    });
    sections.push(`<section class="lectern-source">
<h2>${htmlText(heading)}</h2>
${bib && norm(bib.entry).replace(/\.$/, '') !== norm(heading) ? `<p class="lectern-bib-line">${htmlText(bib.entry)}</p>` : ''}
${articles.join('\n')}
</section>`);
  }

  const bibliography = deck.bibliography.length
    ? `<section class="lectern-bibliography"><h2>${htmlText(s.bibliography)}</h2><ol>${deck.bibliography
        .map((b) => `<li>${htmlText(b.entry)}${b.url && !b.entry.includes(b.url) ? ` ${htmlText(b.url)}` : ''}</li>`)
        .join('')}</ol></section>`
    : '';

  const headRight = [deck.course, deck.date].filter(Boolean).join(' · ');
  const footLeft = [deck.author, deck.institution].filter(Boolean).join(', ');
  const [before, between, after] = s.pageOfCss;
  const running = `font-family: 'PT Sans', 'Noto Sans', sans-serif; font-size: 8pt; line-height: 1.2; color: #4b5563;`;
  const pageCss = `
@page {
  size: ${mm(page.width)} ${mm(page.height)};
  margin: 20mm 18mm 17mm;
  @top-left { content: ${cssString(deck.title)}; ${running} font-weight: 700; color: #111827; vertical-align: bottom; padding-bottom: 2mm; border-bottom: 0.3mm solid #d1d5db; }
  @top-right { content: ${cssString(headRight)}; ${running} vertical-align: bottom; text-align: right; padding-bottom: 2mm; border-bottom: 0.3mm solid #d1d5db; }
  @bottom-left { content: ${cssString(`${s.readingPack}${footLeft ? ` · ${footLeft}` : ''}`)}; ${running} vertical-align: top; padding-top: 2mm; border-top: 0.3mm solid #d1d5db; }
  @bottom-right { content: ${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}; ${running} vertical-align: top; text-align: right; padding-top: 2mm; border-top: 0.3mm solid #d1d5db; }
}
`;
  const meta = [deck.subtitle, deck.course, deck.date, deck.author]
    .filter(Boolean)
    .map((m) => htmlText(m))
    .join(' · ');
  const shown = entries.length;
  return `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}">
<head>
${documentHead(deck, `${deck.title} — ${s.kinds.reading}`, [READING_CSS, pageCss])}
</head>
<body class="lectern-reading">
<h1>${htmlText(deck.title)}</h1>
<p class="lectern-meta">${s.readingPack}${meta ? ` · ${meta}` : ''}</p>
<p class="lectern-intro">${htmlText(s.readingIntro(shown, sources.size))}</p>
${sections.join('\n')}
${bibliography}
</body>
</html>
`;
}

// ---------------------------------------------------------------- printing

/** Print one handout (or the reading pack) to PDF bytes, with metadata. */
export async function printHandout(
  session: BrowserSession,
  deck: Deck,
  slides: RenderedSlides,
  layout: HandoutLayout,
  cited: Resolved['citedPassages'],
  /** `html`: the document, if already made (by handoutDocument or readingDocument, with the same options). */
  options: HandoutOptions & { html?: string; output?: string } = {},
): Promise<Uint8Array> {
  const paper = handoutPaper(layout, options.paper ?? 'A4');
  const html = options.html ?? (layout === 'reading' ? readingDocument(deck, cited, options) : handoutDocument(deck, slides, layout, options));
  const pdf = await printPdf(session, html, {
    width: `${paper.width}mm`,
    height: `${paper.height}mm`,
    ready: layout === 'notes' ? READY : undefined,
    output: options.output,
  });
  const s = handoutStrings(deck.lang);
  const base = deckMetadata(deck);
  return setPdfMetadata(pdf, { ...base, subject: [s.kinds[layout], base.subject].filter(Boolean).join(' — '), date: options.date });
}

/**
 * Whole HTML documents around Marp's slides: the interactive deck
 * (out/NAME.html) and the print document the PDF is made from. Both are
 * self-contained: fonts, styles and script inlined, and a Content Security
 * Policy that forbids every network request.
 */
import { htmlText } from '../compose/escape.js';
import type { Deck } from '../deck/model.js';
import { FONTS_PLACEHOLDER, embeddedCodePoints, fontFaceCss, katexCodePoints, subsetFontFaceCss, subsetKatexFontCss } from './fonts.js';
import { formulaParts } from './formulas.js';
import type { Problem } from '../errors.js';
import type { RenderedSlides } from './marp.js';
import { CONFIG_ID, NOTES_ID, type DeckConfig, type NoteItem, type UiStrings } from './runtime/lib/protocol.js';
import { runtimeScript } from './runtime.js';
import { messagesFor } from '../messages/index.js';

/** Nothing may be fetched: images and fonts must be data URLs, scripts and styles inline. */
export const CSP =
  "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

export function slideSize(deck: Deck): { width: number; height: number } {
  return deck.size === '4:3' ? { width: 960, height: 720 } : { width: 1280, height: 720 };
}

/** What a link to the HTML deck shows where it is shared (Open Graph and Twitter cards). */
export interface SocialCard {
  /** The preview image (NAME.thumb.png): its address, relative or absolute, and size in pixels. */
  image?: { url: string; width: number; height: number };
  /** The deck's own absolute address, when known (site_url). */
  url?: string;
}

/** Open Graph and Twitter card tags: title, the subtitle as description, the preview image when there is one. Nothing is fetched by them. */
function socialMeta(deck: Deck, card: SocialCard): string[] {
  const og = (property: string, content: string) => `<meta property="${property}" content="${htmlText(content)}">`;
  const tw = (name: string, content: string) => `<meta name="${name}" content="${htmlText(content)}">`;
  return [
    og('og:type', 'website'),
    og('og:title', deck.title),
    deck.subtitle ? og('og:description', deck.subtitle) : '',
    card.url ? og('og:url', card.url) : '',
    ...(card.image
      ? [
          og('og:image', card.image.url),
          og('og:image:type', 'image/png'),
          og('og:image:width', String(card.image.width)),
          og('og:image:height', String(card.image.height)),
        ]
      : []),
    tw('twitter:card', card.image ? 'summary_large_image' : 'summary'),
    card.image ? tw('twitter:image', card.image.url) : '',
  ].filter(Boolean);
}

/** The head of a document: fonts inlined (the HTML deck) or as FONTS_PLACEHOLDER (print documents); the deck's card for the HTML deck. */
function head(deck: Deck, css: string, fonts: 'inline' | 'placeholder' = 'inline', card?: SocialCard): string {
  return [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Lectern">',
    `<title>${htmlText(deck.title)}</title>`,
    deck.author ? `<meta name="author" content="${htmlText(deck.author)}">` : '',
    deck.subtitle ? `<meta name="description" content="${htmlText(deck.subtitle)}">` : '',
    ...(card ? socialMeta(deck, card) : []),
    fonts === 'inline' ? `<style>${fontFaceCss()}</style>` : FONTS_PLACEHOLDER,
    `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`,
  ].join('\n');
}

/** The deck's own interface words: the catalogue's `ui` words (src/messages/, English for languages without one) and three the deck model shares. */
function uiStrings(deck: Deck): UiStrings {
  return { ...messagesFor(deck.lang).ui, slide: deck.strings.slide, of: deck.strings.of, notes: deck.strings.notes };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<svg\b[\s\S]*?<\/svg>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Marp's slides HTML cut into one `<svg data-marpit-svg>` per slide (the wrapper around them kept apart). */
function splitSlides(html: string): { before: string; slides: string[]; after: string } {
  const starts = [...html.matchAll(/<svg\b[^>]*\bdata-marpit-svg\b/g)].map((m) => m.index);
  if (starts.length === 0) return { before: html, slides: [], after: '' };
  const end = html.lastIndexOf('</div>');
  const last = end > starts[starts.length - 1]! ? end : html.length;
  return {
    before: html.slice(0, starts[0]),
    slides: starts.map((start, i) => html.slice(start, i + 1 < starts.length ? starts[i + 1] : last)),
    after: html.slice(last),
  };
}

/** A slide's title: the outline's, else its first heading as shown. */
function slideTitle(slide: Deck['slides'][number] | undefined, html: string): string {
  if (slide?.title) return slide.title;
  const heading = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/i.exec(html);
  return heading ? textOf(heading[2]!) : '';
}

/** JSON inside `<script type="application/json">`: no `<` can end the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function deckCss(width: number, height: number): string {
  return `
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; height: 100%; background: #000; }
html.lectern-js, .lectern-js body { overflow: hidden; }
[hidden] { display: none !important; }
.lectern-deck { display: block; }
.lectern-deck:focus { outline: none; }
.lectern-deck > .marpit > svg[data-marpit-svg] { display: block; width: 100vw; height: 100vh; }
.lectern-js .lectern-deck > .marpit > svg[data-marpit-svg] { display: none; }
.lectern-js .lectern-deck > .marpit > svg[data-marpit-svg].active { display: block; }
.lectern-js:not(.lectern-pointer):not(.lectern-presenter) .lectern-deck { cursor: none; }
:focus-visible { outline: 3px solid #fdba74; outline-offset: 2px; }
.lectern-progress { position: fixed; left: 0; bottom: 0; height: 4px; background: #f97316; width: calc(var(--lectern-progress, 0) * 100%); transition: width .2s; z-index: 10; }
.lectern-status, .lectern-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.lectern-black { position: fixed; inset: 0; background: #000; z-index: 20; }
.lectern-bar { position: fixed; right: 16px; bottom: 14px; z-index: 30; display: flex; align-items: center; gap: 2px; padding: 4px; border-radius: 10px; background: #111827; color: #f9fafb; font: 16px/1 'PT Sans', sans-serif; opacity: 0; transition: opacity .2s; }
.lectern-pointer .lectern-bar, .lectern-bar:has(:focus-visible) { opacity: 1; }
.lectern-button { appearance: none; display: inline-grid; place-items: center; width: 40px; height: 40px; padding: 0; border: 0; border-radius: 6px; background: transparent; color: inherit; cursor: pointer; }
.lectern-button:hover { background: #374151; }
.lectern-icon { width: 24px; height: 24px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.lectern-counter { min-width: 4.5em; text-align: center; font-variant-numeric: tabular-nums; }
.lectern-toast { position: fixed; left: 50%; bottom: 72px; transform: translateX(-50%); z-index: 40; max-width: 80vw; padding: .6em 1em; border-radius: 8px; background: #111827; color: #f9fafb; font: 18px/1.3 'PT Sans', sans-serif; }
.lectern-goto { position: fixed; top: 16px; right: 16px; z-index: 60; padding: .35em .8em; border-radius: 8px; background: #111827; color: #f9fafb; font: 28px/1.2 'PT Sans', sans-serif; font-variant-numeric: tabular-nums; }
.lectern-overview { position: fixed; inset: 0; z-index: 50; overflow: auto; box-sizing: border-box; padding: 16px 24px 32px; background: #111827; color: #f9fafb; }
.lectern-overview-title { margin: 4px 0 16px; font: 700 22px/1.2 'PT Sans', sans-serif; }
.lectern-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; margin: 0; padding: 0; list-style: none; }
.lectern-grid > li { position: relative; }
.lectern-grid > li > .marpit { border-radius: 6px; overflow: hidden; background: #000; }
.lectern-grid > li > .marpit > svg { display: block; width: 100%; height: auto; pointer-events: none; }
.lectern-thumb { position: absolute; inset: -3px; padding: 0; border: 3px solid transparent; border-radius: 8px; background: transparent; cursor: pointer; }
.lectern-thumb[aria-current="true"] { border-color: #f97316; }
.lectern-thumb:hover { border-color: #9ca3af; }
.lectern-thumb:focus-visible { outline: 4px solid #fdba74; outline-offset: 3px; }
.lectern-thumb-number { position: absolute; left: 6px; bottom: 6px; padding: 4px 6px; border-radius: 4px; background: #111827; color: #f9fafb; font: 700 14px/1 'PT Sans', sans-serif; }
.lectern-presenter body { display: grid; box-sizing: border-box; height: 100vh; padding: 12px; gap: 12px; background: #0b0f19; color: #f3f4f6;
  grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); grid-template-rows: minmax(0, 2fr) minmax(0, 3fr) auto;
  grid-template-areas: "current next" "current notes" "bar bar"; }
.lectern-presenter .lectern-deck { grid-area: current; position: relative; min-height: 0; }
.lectern-presenter .lectern-deck > .marpit { height: 100%; }
.lectern-presenter .lectern-deck > .marpit > svg[data-marpit-svg] { width: 100%; height: 100%; }
.lectern-presenter .lectern-progress { display: none; }
.lectern-pv-next { grid-area: next; display: flex; flex-direction: column; min-height: 0; }
.lectern-pv-next-view { flex: 1; min-height: 0; }
.lectern-pv-next-view .marpit { height: 100%; }
.lectern-pv-next-view .marpit > svg { display: block; width: 100%; height: 100%; }
.lectern-pv-heading { margin: 0 0 8px; color: #d1d5db; font: 700 15px/1.2 'PT Sans', sans-serif; letter-spacing: .06em; text-transform: uppercase; }
.lectern-pv-notes { grid-area: notes; display: flex; flex-direction: column; min-height: 0; border-radius: 8px; background: #111827; }
.lectern-pv-notes-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 4px 6px 0 16px; }
.lectern-pv-notes-head .lectern-pv-heading { margin: 0; }
.lectern-pv-sizes { display: flex; gap: 2px; }
.lectern-pv-notes-body { flex: 1; min-height: 0; overflow: auto; overscroll-behavior: contain; padding: 6px 16px 12px; border-radius: 0 0 8px 8px; font: 24px/1.45 'PT Sans', sans-serif; overflow-wrap: anywhere; scrollbar-color: #6b7280 transparent; }
.lectern-pv-notes-body:focus-visible { outline-offset: -3px; }
.lectern-button:disabled { opacity: .4; cursor: default; }
.lectern-note { margin: 0 0 .8em; }
.lectern-note p { margin: 0 0 .3em; }
.lectern-note-cited { padding-left: .6em; border-left: 4px solid #f97316; }
.lectern-note-cite { color: #fdba74; font-size: .7em; }
.lectern-pv-empty, .lectern-pv-end { color: #d1d5db; }
.lectern-pv-end { margin-top: 2em; text-align: center; font: 22px/1.3 'PT Sans', sans-serif; }
.lectern-pv-bar { grid-area: bar; display: flex; align-items: center; gap: 12px; font: 20px/1.2 'PT Sans', sans-serif; }
.lectern-pv-counter { font-variant-numeric: tabular-nums; }
.lectern-pv-title { flex: 1; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.lectern-pv-elapsed, .lectern-pv-clock { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.lectern-pv-label { color: #d1d5db; font-size: 16px; }
.lectern-pv-link { color: #fca5a5; }
.lectern-pv-black { position: absolute; top: 8px; left: 8px; z-index: 5; padding: 4px 10px; border: 2px solid #f97316; border-radius: 6px; background: #000; color: #fff; font: 700 18px/1.2 'PT Sans', sans-serif; }
/* Step-by-step items not yet revealed keep their place (nothing moves when one appears). */
.lectern-js [data-lectern-hidden] { visibility: hidden; }
/* The reading view (runtime/lib/reading.ts): the slides' text flowing down one page, no smaller than 16 px. */
html.lectern-reading-on { height: auto; overflow-y: auto; background: #fff; }
.lectern-reading-on body { height: auto; overflow: visible; background: #fff; }
.lectern-reading-on .lectern-deck > .marpit, .lectern-reading-on .lectern-progress { display: none; }
.lectern-reading-on .lectern-deck { cursor: auto; }
.lectern-reading-on .lectern-bar { opacity: 1; }
.lectern-reading-on .lectern-bar > :not(.lectern-reading-button) { display: none; }
.lectern-reading-button[aria-pressed="true"] { background: #374151; }
.lectern-reading { box-sizing: border-box; max-width: 42em; margin: 0 auto; padding: 8px 20px 88px; color: #111827; font: 18px/1.5 'PT Sans', 'Noto Sans', 'DejaVu Sans', sans-serif; hyphens: manual; overflow-wrap: break-word; }
.lectern-reading-slide { padding: 20px 0 24px; border-bottom: 2px solid #e5e7eb; }
.lectern-reading-slide * { font-size: inherit; line-height: inherit; }
.lectern-reading-number { margin: 0 0 4px; color: #4b5563; font-size: 16px; font-variant-numeric: tabular-nums; }
.lectern-reading-body h1, .lectern-reading-body h2, .lectern-reading-body h3, .lectern-reading-body h4 { margin: 0 0 .4em; line-height: 1.2; font-weight: 700; text-wrap: balance; }
.lectern-reading-body h1 { font-size: 26px; }
.lectern-reading-body h2 { font-size: 22px; }
.lectern-reading-body h3, .lectern-reading-body h4 { font-size: 19px; }
.lectern-reading-slide:is([data-layout~="title"], [data-layout~="section"]) h1 { font-size: 30px; color: #9a3412; }
.lectern-reading-body p, .lectern-reading-body ul, .lectern-reading-body ol { margin: .5em 0; }
.lectern-reading-body ul, .lectern-reading-body ol { padding-left: 1.3em; }
.lectern-reading-body li { margin: .3em 0; }
.lectern-reading-body li::marker { color: #9a3412; }
.lectern-reading-body .timeline ul { list-style: none; padding-left: .8em; border-left: 3px solid #9a3412; }
.lectern-reading-body blockquote { margin: .6em 0; padding: .1em 0 .1em .8em; border-left: 6px solid #9a3412; font-family: 'PT Serif', serif; }
.lectern-reading-body mark { background: #fde68a; color: inherit; }
.lectern-reading-body strong { color: #9a3412; }
.lectern-reading-body img { display: block; max-width: 100%; height: auto; margin: .5em auto; }
.lectern-reading-body .columns { display: block; }
.lectern-reading-body .cite { margin-top: .8em; color: #4b5563; font-size: 16px; line-height: 1.35; }
.lectern-reading-body .cite p { margin: .2em 0; }
.lectern-reading-body .caption { color: #4b5563; font-size: 16px; }
.lectern-reading-notes { margin-top: 1em; padding: .6em .8em; border-left: 4px solid #f97316; background: #fff7ed; }
.lectern-reading-notes p { margin: .3em 0; }
.lectern-reading-notes-title { font-weight: 700; color: #9a3412; }
.lectern-reading-notes-cite { color: #4b5563; }
@media print {
  html, body, .lectern-presenter body { display: block; height: auto; padding: 0; overflow: visible !important; background: #fff; }
  .lectern-deck { position: static; }
  .lectern-deck > .marpit, .lectern-presenter .lectern-deck > .marpit { height: auto; }
  .lectern-deck > .marpit > svg[data-marpit-svg],
  .lectern-js .lectern-deck > .marpit > svg[data-marpit-svg],
  .lectern-presenter .lectern-deck > .marpit > svg[data-marpit-svg] { display: block !important; width: ${width}px; height: ${height}px; break-after: page; }
  .lectern-deck > .marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
  .lectern-js [data-lectern-hidden] { visibility: visible; }
  .lectern-reading-on .lectern-deck > .marpit { display: block; }
  .lectern-reading,
  .lectern-progress, .lectern-status, .lectern-black, .lectern-bar, .lectern-toast, .lectern-goto, .lectern-overview,
  .lectern-pv-next, .lectern-pv-notes, .lectern-pv-bar, .lectern-pv-black { display: none !important; }
}
`;
}

export interface DeckDocumentOptions {
  /** Speaker notes for the presenter view (default true); false leaves every note out of the file. */
  notes?: boolean;
  /** The Open Graph and Twitter card (default: title and subtitle, no image). */
  card?: SocialCard;
  /** Where font subsets are kept between builds (OUT/.lectern/fonts); none: in memory only. */
  fontCache?: string;
  /** Told of each slide whose text has a character no embedded font draws (render/missing-glyph). */
  warn?: (problem: Problem) => void;
}

/** Characters that draw nothing: spaces, controls, format characters (soft hyphens, joiners). */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}]/u;

/**
 * Each slide whose text uses a character no embedded font has (the browser
 * takes it from a system font, different on every machine). Text is set in
 * the PT faces; a formula in KaTeX's faces, falling back to PT Serif (the
 * theme's `.katex` font stack) — so KaTeX's faces count only inside formulas.
 */
function missingGlyphs(deck: Deck, slides: string[]): Problem[] {
  const pt = embeddedCodePoints();
  const katex = katexCodePoints();
  const inText = (c: number) => pt.has(c);
  const inFormula = (c: number) => pt.has(c) || katex.has(c);
  return slides.flatMap((html, index) => {
    const { drawn, rest } = formulaParts(html.replace(/<\/?svg\b[^>]*>/gi, ' '));
    const found = [...charactersOf(rest, inText), ...drawn.flatMap((formula) => charactersOf(formula, inFormula))];
    const missing = [...new Set(found)];
    if (!missing.length) return [];
    const slide = deck.slides[index];
    const name = slide?.title ? ` «${slide.title}»` : '';
    const list = missing.map((ch) => `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    return [
      {
        severity: 'warning' as const,
        code: 'render/missing-glyph',
        message: `slide ${index + 1}${name} uses characters no embedded font has: ${list}`,
        hint: 'the browser draws them with a system font, which looks different on every machine (or not at all); write them otherwise, or use a theme that embeds a font with them',
        ...(slide?.origin ?? {}),
      },
    ];
  });
}

/** The visible characters of some HTML that no face `has`. */
function charactersOf(html: string, has: (codePoint: number) => boolean): string[] {
  return [...textOf(html)].filter((ch) => !INVISIBLE.test(ch) && !has(ch.codePointAt(0)!));
}

/**
 * out/NAME.html: the presentation. Each slide is a labelled region; the deck's
 * settings and (unless `notes: false`) the speaker notes ride along as JSON
 * for the script (src/render/runtime/deck.ts).
 */
export async function deckDocument(deck: Deck, slides: RenderedSlides, options: DeckDocumentOptions = {}): Promise<string> {
  const withNotes = options.notes ?? true;
  const { width, height } = slideSize(deck);
  const ui = uiStrings(deck);
  const parts = splitSlides(slides.html);
  const count = parts.slides.length;
  const titles = parts.slides.map((html, i) => slideTitle(deck.slides[i], html));
  const labels = titles.map((title, i) => `${ui.slide} ${i + 1} ${ui.of} ${count}${title ? `: ${title}` : ''}`);
  const annotated = parts.slides.map((html, i) =>
    html.replace(/^<svg\b/, `<svg role="region" aria-roledescription="${htmlText(ui.slideRole)}" aria-label="${htmlText(labels[i])}"`),
  );
  const config: DeckConfig = { name: deck.name, lang: deck.lang, count, titles, labels, notes: withNotes, ui };
  const notes: NoteItem[][] = deck.slides.map((s) =>
    s.notes.map((n) => ({ text: n.text || n.md || '', ...(n.citation ? { cite: n.citation.short, address: n.citation.address } : {}) })),
  );
  for (const problem of missingGlyphs(deck, parts.slides)) options.warn?.(problem);
  // KaTeX's faces cut down to what the formulas draw, like the PT faces below.
  const formulas = formulaParts(slides.html).drawn.map(textOf).join('');
  const css = await subsetKatexFontCss(slides.css, slides.html, formulas, options.fontCache);
  const document = `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}">
<head>
${head(deck, css, 'placeholder', options.card ?? {})}
<style>${deckCss(width, height)}</style>
</head>
<body>
<main class="lectern-deck" tabindex="-1" aria-roledescription="${htmlText(ui.deckRole)}" aria-label="${htmlText(deck.title)}">
${parts.before}${annotated.join('')}${parts.after}
<div class="lectern-status" role="status" aria-live="polite" aria-atomic="true"></div>
</main>
<div class="lectern-progress" aria-hidden="true"></div>
<script type="application/json" id="${CONFIG_ID}">${scriptJson(config)}</script>
${withNotes ? `<script type="application/json" id="${NOTES_ID}">${scriptJson(notes)}</script>\n` : ''}<script>${await runtimeScript('deck')}</script>
</body>
</html>
`;
  // The fonts cut down to what the document shows (its style sheets aside): slides, notes, titles, interface words.
  const shown = document.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/&#(x[0-9a-f]+|\d+);/gi, (_m, e: string) => {
    const code = e[0] === 'x' || e[0] === 'X' ? Number.parseInt(e.slice(1), 16) : Number.parseInt(e, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
  const italic = /<(?:em|i|cite|dfn|var|address)\b|\bclass="[^"]*\bcredit\b/i.test(slides.html);
  const fonts = await subsetFontFaceCss({ text: shown, italic, cacheDir: options.fontCache });
  return document.replace(FONTS_PLACEHOLDER, () => `<style>${fonts}</style>`);
}

/** Which slide each page of a print document shows, and whether it is that slide finished (every step-by-step item shown). */
export interface PrintedPage {
  slide: number;
  finished: boolean;
}

const FRAGMENT = /\bdata-marpit-fragment="(\d+)"/g;

/**
 * One slide's markup as pages, one per step (`--pdf-steps`): as the slide
 * starts (no item of its list shown), then one more item a page, then
 * finished. Hidden items keep their place (visibility), as in the HTML deck.
 * Only the finished page keeps the slide's ids (links and headings point
 * there); a slide without step-by-step items is one page as always.
 */
function slideSteps(svg: string): string[] {
  const steps = Math.max(0, ...[...svg.matchAll(FRAGMENT)].map((m) => Number(m[1])));
  const pages: string[] = [];
  for (let shown = 0; shown < steps; shown++) {
    pages.push(
      svg
        .replace(/(<[a-zA-Z][\w-]*\b[^>]*?)\sid="[^"]*"/g, '$1')
        .replace(FRAGMENT, (attribute: string, n: string) => (Number(n) > shown ? `${attribute} data-lectern-hidden=""` : attribute)),
    );
  }
  pages.push(svg);
  return pages;
}

/** The pages of a print document: every slide once, or with `steps` one page per step (see slideSteps). */
export function printedPages(slides: RenderedSlides, steps: boolean): PrintedPage[] {
  const parts = splitSlides(slides.html).slides;
  return parts.flatMap((svg, slide) => {
    const count = steps ? slideSteps(svg).length : 1;
    return Array.from({ length: count }, (_, i) => ({ slide, finished: i === count - 1 }));
  });
}

/**
 * The document printed to out/NAME.pdf: every slide, one per page, at the
 * slide's size — or only the slides of `only` (0-based, in that order), to
 * print again just what changed (see splicePages); with `steps`, a page per
 * step of each slide with step-by-step items (`--pdf-steps`, see printedPages).
 */
export function printDocument(deck: Deck, slides: RenderedSlides, only?: number[], steps = false): string {
  const { width, height } = slideSize(deck);
  let body = slides.html;
  if (only || steps) {
    const parts = splitSlides(slides.html);
    const chosen = only ? only.map((i) => parts.slides[i] ?? '') : parts.slides;
    body = parts.before + chosen.flatMap((svg) => (steps ? slideSteps(svg) : [svg])).join('') + parts.after;
  }
  return `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}">
<head>
${head(deck, slides.css, 'placeholder')}
<style>
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
.marpit > svg[data-marpit-svg] { display: block; width: ${width}px; height: ${height}px; break-after: page; }
.marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
${steps ? '[data-lectern-hidden] { visibility: hidden; }\n' : ''}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * What a printed deck PDF is made of, for printing again only what changed:
 * the document without its slides (fonts, theme, page size: any change there
 * and every page is printed again) and each slide's markup.
 */
export function printParts(deck: Deck, slides: RenderedSlides): { frame: string; slides: string[] } {
  return { frame: printDocument(deck, slides, []), slides: splitSlides(slides.html).slides };
}

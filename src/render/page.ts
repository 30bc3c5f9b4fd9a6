/**
 * Whole HTML documents around Marp's slides: the interactive deck
 * (out/NAME.html) and the print document the PDF is made from. Both are
 * self-contained: fonts, styles and script inlined, and a Content Security
 * Policy that forbids every network request.
 */
import { htmlText } from '../compose/escape.js';
import type { Deck } from '../deck/model.js';
import { fontFaceCss } from './fonts.js';
import type { RenderedSlides } from './marp.js';
import { runtimeScript } from './runtime.js';

/** Nothing may be fetched: images and fonts must be data URLs, scripts and styles inline. */
export const CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

export function slideSize(deck: Deck): { width: number; height: number } {
  return deck.size === '4:3' ? { width: 960, height: 720 } : { width: 1280, height: 720 };
}

function head(deck: Deck, css: string): string {
  return [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Lectern">',
    `<title>${htmlText(deck.title)}</title>`,
    deck.author ? `<meta name="author" content="${htmlText(deck.author)}">` : '',
    `<style>${fontFaceCss()}</style>`,
    `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`,
  ].join('\n');
}

const DECK_CSS = `
html, body { margin: 0; height: 100%; background: #000; overflow: hidden; }
.lectern-deck > .marpit > svg[data-marpit-svg] { display: block; width: 100vw; height: 100vh; }
.lectern-js .lectern-deck > .marpit > svg[data-marpit-svg] { display: none; }
.lectern-js .lectern-deck > .marpit > svg[data-marpit-svg].active { display: block; }
.lectern-progress { position: fixed; left: 0; bottom: 0; height: 4px; background: #f97316; width: calc(var(--lectern-progress, 0) * 100%); transition: width .2s; }
@media print {
  html, body { background: #fff; overflow: visible; height: auto; }
  .lectern-js .lectern-deck > .marpit > svg[data-marpit-svg] { display: block !important; width: 100%; height: auto; break-after: page; }
  .lectern-progress { display: none; }
}
`;

/** out/NAME.html: the presentation. */
export async function deckDocument(deck: Deck, slides: RenderedSlides): Promise<string> {
  const { width, height } = slideSize(deck);
  return `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}">
<head>
${head(deck, slides.css)}
<style>${DECK_CSS}@page { size: ${width}px ${height}px; margin: 0; }</style>
</head>
<body>
<main class="lectern-deck" aria-roledescription="slide deck" aria-label="${htmlText(deck.title)}">
${slides.html}
</main>
<div class="lectern-progress" aria-hidden="true"></div>
<script>${await runtimeScript('deck')}</script>
</body>
</html>
`;
}

/** The document printed to out/NAME.pdf: every slide, one per page, at the slide's size. */
export function printDocument(deck: Deck, slides: RenderedSlides): string {
  const { width, height } = slideSize(deck);
  return `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}">
<head>
${head(deck, slides.css)}
<style>
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
.marpit > svg[data-marpit-svg] { display: block; width: ${width}px; height: ${height}px; break-after: page; }
.marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
</style>
</head>
<body>
${slides.html}
</body>
</html>
`;
}

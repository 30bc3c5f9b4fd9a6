/**
 * Fonts shipped with the package (@fontsource PT Sans and PT Serif, made for
 * Cyrillic), inlined as data URLs so that the HTML deck works offline and the
 * PDF looks the same on every machine. Built once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

const require = createRequire(import.meta.url);

/** family package → the CSS files (weight/style) we embed. */
const FACES: Record<string, string[]> = {
  '@fontsource/pt-sans': ['400.css', '700.css', '400-italic.css'],
  '@fontsource/pt-serif': ['400.css', '400-italic.css'],
};
/**
 * Subsets worth their weight for Russian and English lectures (the -ext
 * subsets would double the size of every deck for rare letters; those fall
 * back to the system's fonts).
 */
const SUBSETS = ['cyrillic', 'latin'];

let cached: string | undefined;

export function fontFaceCss(): string {
  if (cached !== undefined) return cached;
  const out: string[] = [];
  for (const [pkg, files] of Object.entries(FACES)) {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    for (const file of files) {
      const css = readFileSync(path.join(dir, file), 'utf8');
      for (const block of css.split(/(?=\/\* )/)) {
        const name = /\/\* (\S+) \*\//.exec(block)?.[1];
        if (!name || !SUBSETS.some((s) => new RegExp(`-${s}-\\d`).test(name))) continue;
        out.push(
          block
            .replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/, (_m, woff2: string) => {
              const data = readFileSync(path.join(dir, 'files', woff2)).toString('base64');
              return `src: url(data:font/woff2;base64,${data}) format('woff2');`;
            })
            .replace(/font-display: swap;/, 'font-display: block;'),
        );
      }
    }
  }
  cached = out.join('\n');
  return cached;
}

/**
 * Print documents carry this comment where the fonts go, not the fonts
 * themselves (half a megabyte to build, hash and hand to Chromium for every
 * document): a print page that holds the fonts document needs nothing more,
 * any other page gets the document withFonts().
 */
export const FONTS_PLACEHOLDER = '<!--lectern:fonts-->';

export function withFonts(html: string): string {
  const at = html.indexOf(FONTS_PLACEHOLDER);
  return at < 0 ? html : `${html.slice(0, at)}<style>${fontFaceCss()}</style>${html.slice(at + FONTS_PLACEHOLDER.length)}`;
}

/**
 * The document every pooled print page holds between prints: decoding the
 * embedded fonts is most of the first load of a print document, so a page
 * decodes them once, and print documents that carry the same fonts are put
 * into it instead of replacing it (see printPdf).
 */
export function fontsDocument(): string {
  return `<!DOCTYPE html><html data-lectern-fonts=""><head><meta charset="utf-8"><style data-lectern-fonts="">${fontFaceCss()}</style>${warmUpStyle()}</head><body>${WARM_UP_SLIDE}</body></html>`;
}

/**
 * A slide laid out while Chromium waits for the first print, in the lectern
 * theme at 16:9 as packed at build time (dist/styles/warm-up.css): the first
 * print's style and layout then take half the time, and a deck in that theme
 * finds its style sheet already parsed (see putIntoFontsDocument).
 */
const WARM_UP_SLIDE = `<div class="marpit"><svg data-marpit-svg="" viewBox="0 0 1280 720"><foreignObject width="1280" height="720"><section class="lectern" data-theme="lectern" style="font-family: 'PT Sans'"><h1>Заголовок <em>Title</em></h1><h2>Раздел <strong>Section</strong></h2><ul><li>Пункт <small>item</small></li></ul><blockquote style="font-family: 'PT Serif'"><p>«Цитата» — <em>quote</em></p></blockquote></section></foreignObject></svg></div>`;

let warmUpCss: string | undefined;
function warmUpStyle(): string {
  if (warmUpCss === undefined) {
    try {
      warmUpCss = readFileSync(path.join(PACKAGE_ROOT, 'dist', 'styles', 'warm-up.css'), 'utf8');
    } catch {
      warmUpCss = '';
    }
  }
  return warmUpCss ? `<style>${warmUpCss}</style>` : '';
}

/** The files behind fontFaceCss, for cache keys. */
export function fontPackages(): string[] {
  return Object.keys(FACES).map((pkg) => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
}

/**
 * Marp markdown → slides HTML and CSS, with marp-core. Offline by
 * construction: emoji shortcodes and Twemoji images are off (both would fetch
 * from a CDN), math is off (marp-core 5's core ships without a math engine),
 * linkify is off (text stays text), and raw HTML is limited to the few tags
 * our templates use.
 */
import { Marp } from '@marp-team/marp-core';
import { inputError } from '../errors.js';
import type { TemplateSet } from '../compose/templates.js';
import { didYouMean } from '../suggest.js';

/** Tags (and their attributes) that templates and `md:` fields may use. */
export const HTML_ALLOWLIST = {
  div: ['class'],
  span: ['class'],
  mark: [],
  br: [],
  small: [],
  sub: [],
  sup: [],
  strong: [],
  em: [],
} as const;

export const BUILTIN_THEMES = ['default', 'gaia', 'uncover'];

export interface RenderedSlides {
  /** `<div class="marpit">…</div>`: one `<svg data-marpit-svg>` per slide. */
  html: string;
  css: string;
  slideCount: number;
  /** Marp's speaker notes per slide (from comments). */
  comments: string[][];
}

/**
 * Packing a theme (postcss over the theme and everything it imports) costs
 * far more than rendering the Markdown, and gives the same CSS for every
 * deck with the same theme, size and inline styles: keep it per render
 * state. The key is everything `renderStyle` reads.
 */
function memoizeStyles(marp: Marp): void {
  const target = marp as unknown as {
    renderStyle(theme: string | undefined): string;
    themeSetPackOptions(): Record<string, unknown>;
    lastGlobalDirectives: unknown;
  };
  const original = target.renderStyle.bind(marp);
  const cache = new Map<string, string>();
  target.renderStyle = (theme) => {
    const key = JSON.stringify([theme ?? null, target.lastGlobalDirectives ?? null, target.themeSetPackOptions()]);
    let css = cache.get(key);
    if (css === undefined) {
      css = original(theme);
      if (cache.size > 64) cache.clear();
      cache.set(key, css);
    }
    return css;
  };
}

export class SlideRenderer {
  private readonly marp: Marp;
  readonly themes: string[];

  constructor(set: TemplateSet) {
    this.marp = new Marp({
      html: HTML_ALLOWLIST as unknown as Record<string, string[]>,
      emoji: { shortcode: false, unicode: false },
      // marp-core 5's lightweight core has no math engine (MathJax and KaTeX are
      // optional plugins we do not install); `$` stays text, and no CDN is involved.
      math: false,
      minifyCSS: false,
      script: false,
      inlineSVG: true,
      markdown: { linkify: false, breaks: false, typographer: false },
    });
    for (const theme of set.themes.values()) {
      // Decks render offline: a theme may not fetch fonts, styles or images from the network.
      const remote = /@import\s+(?:url\(\s*)?["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/|url\(\s*["']?\s*(?:https?:|ftp:)?\/\//i.exec(theme.text);
      if (remote) {
        const line = theme.text.slice(0, remote.index).split('\n').length;
        throw inputError('theme/remote', 'the theme loads something from the network, which decks never do', { file: theme.file, line }, 'put fonts and images in the theme as data: URLs, or use the fonts Lectern embeds (PT Sans, PT Serif)');
      }
      try {
        this.marp.themeSet.add(theme.text);
      } catch (err) {
        throw inputError('theme/invalid', `theme is not valid Marp CSS: ${(err as Error).message}`, { file: theme.file }, 'a theme needs a `/* @theme NAME */` comment');
      }
    }
    this.themes = [...BUILTIN_THEMES, ...set.themes.keys()];
    memoizeStyles(this.marp);
  }

  /** Check a theme name before rendering, for a located error with suggestions. */
  hasTheme(name: string): boolean {
    return this.themes.includes(name);
  }

  themeHint(name: string): string {
    return didYouMean(name, this.themes, 'a theme');
  }

  render(markdown: string): RenderedSlides {
    const { html, css, comments } = this.marp.render(markdown);
    const slideCount = (html.match(/<svg[^>]*data-marpit-svg/g) ?? []).length;
    return { html, css, slideCount, comments };
  }
}

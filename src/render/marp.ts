/**
 * Marp markdown → slides HTML and CSS, with marp-core. Offline by
 * construction: emoji shortcodes and Twemoji images are off (both would fetch
 * from a CDN), linkify is off (text stays text), and raw HTML is limited to
 * the few tags our templates use. Formulas (`$…$`, `$$…$$`: from `math:`
 * fields, and in `md:` fields; everywhere else a `$` is escaped) are typeset
 * by marp-core's KaTeX plugin, with KaTeX's fonts embedded as data URLs
 * instead of its CDN (fonts.ts katexFontCss); code is highlighted by
 * highlight.js (highlight.ts).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Marp } from '@marp-team/marp-core';
import katexPlugin from '@marp-team/marp-core/plugins/katex';
import { hashText } from '../util/hash.js';
import { VERSION } from '../version.js';
import { inputError } from '../errors.js';
import type { TemplateSet } from '../compose/templates.js';
import { didYouMean } from '../suggest.js';
import { hyphenateSlides } from './hyphenate.js';
import { highlightCode } from './highlight.js';
import { katexFontCss } from './fonts.js';

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
 * far more than rendering the Markdown — a third of a second for the lectern
 * theme — and gives the same CSS for every deck with the same theme, size and
 * inline styles. So packed CSS is kept per render state, and, when folders
 * are given, on disk: read from each (the package ships the lectern theme
 * packed, in dist/styles), written to the last. The disk key is the memory
 * key plus the CSS of every theme in the set (marp-core's own included) and
 * Lectern's version: a changed theme or marp-core never reads a stale pack.
 */
export interface StyleCache {
  /** Folders to read packed CSS from, in order. */
  read: string[];
  /** The folder new packs are written to (usually OUT/.lectern/styles). */
  write?: string;
}

function memoizeStyles(marp: Marp, disk: StyleCache | undefined): void {
  const target = marp as unknown as {
    renderStyle(theme: string | undefined): string;
    themeSetPackOptions(): Record<string, unknown>;
    lastGlobalDirectives: unknown;
  };
  const original = target.renderStyle.bind(marp);
  const cache = new Map<string, string>();
  let themesHash: string | undefined;
  const diskName = (key: string) => {
    themesHash ??= hashText(VERSION, ...[...marp.themeSet.themes()].map((t) => `${t.name}\0${t.css}`).sort());
    return `${hashText(themesHash, key).slice(0, 32)}.css`;
  };
  target.renderStyle = (theme) => {
    const key = JSON.stringify([theme ?? null, target.lastGlobalDirectives ?? null, target.themeSetPackOptions()]);
    let css = cache.get(key);
    if (css === undefined) {
      const name = disk ? diskName(key) : '';
      css = disk ? readFirst(disk.read.map((dir) => path.join(dir, name))) : undefined;
      if (css === undefined) {
        css = original(theme);
        if (disk?.write) writeQuietly(path.join(disk.write, name), css);
      }
      if (cache.size > 64) cache.clear();
      cache.set(key, css);
    }
    return css;
  };
}

function readFirst(files: string[]): string | undefined {
  for (const file of files) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      // not there
    }
  }
  return undefined;
}

/** A cache that cannot be written is only slower: never an error. Atomic, so readers see all or nothing. */
function writeQuietly(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

export class SlideRenderer {
  private readonly marp: Marp;
  readonly themes: string[];

  constructor(set: TemplateSet, options: { styles?: StyleCache } = {}) {
    this.marp = new Marp({
      html: HTML_ALLOWLIST as unknown as Record<string, string[]>,
      emoji: { shortcode: false, unicode: false },
      // KaTeX through marp-core's plugin (below). Its fonts would come from a CDN:
      // render() embeds them instead.
      math: 'katex',
      minifyCSS: false,
      script: false,
      inlineSVG: true,
      markdown: { linkify: false, breaks: false, typographer: false },
    });
    // A formula KaTeX cannot typeset shows its source in red (resolve reports it at its outline line first).
    this.marp.use(katexPlugin({ options: { throwOnError: false, strict: 'ignore', trust: false }, fontPath: false }));
    (this.marp as unknown as { highlighter: (code: string, lang: string, attrs: string) => string }).highlighter = highlightCode;
    for (const theme of set.themes.values()) {
      // Decks render offline: a theme may not fetch fonts, styles or images from the network.
      const remote = /@import\s+(?:url\(\s*)?["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/|url\(\s*["']?\s*(?:https?:|ftp:)?\/\//i.exec(theme.text);
      if (remote) {
        const line = theme.text.slice(0, remote.index).split('\n').length;
        throw inputError(
          'theme/remote',
          'the theme loads something from the network, which decks never do',
          { file: theme.file, line },
          'put fonts and images in the theme as data: URLs, or use the fonts Lectern embeds (PT Sans, PT Serif)',
        );
      }
      try {
        this.marp.themeSet.add(theme.text);
      } catch (err) {
        throw inputError(
          'theme/invalid',
          `theme is not valid Marp CSS: ${(err as Error).message}`,
          { file: theme.file },
          'a theme needs a `/* @theme NAME */` comment',
        );
      }
    }
    this.themes = [...BUILTIN_THEMES, ...set.themes.keys()];
    memoizeStyles(this.marp, options.styles);
  }

  /** Check a theme name before rendering, for a located error with suggestions. */
  hasTheme(name: string): boolean {
    return this.themes.includes(name);
  }

  /** A theme's CSS as written (the set's own, or one of Marp's built-in themes); '' for an unknown name. */
  themeCss(name: string): string {
    return this.marp.themeSet.get(name)?.css ?? '';
  }

  themeHint(name: string): string {
    return didYouMean(name, this.themes, 'a theme');
  }

  /**
   * The slides of a deck. Their text is hyphenated for the deck's language
   * (its `lang` directive): soft hyphens in the HTML only, see hyphenate.ts.
   */
  render(markdown: string): RenderedSlides {
    const rendered = this.marp.render(markdown);
    const { comments } = rendered;
    // KaTeX's style sheet names its fonts by relative URLs (fetched from nowhere): the faces used, as data URLs, instead.
    const css = rendered.css.replace(/@font-face\s*\{[^}]*KaTeX_[^}]*\}/g, '') + katexFontCss(rendered.html);
    const lang = (this.marp as unknown as { lastGlobalDirectives?: { lang?: string } }).lastGlobalDirectives?.lang;
    const html = hyphenateSlides(rendered.html, lang);
    const slideCount = (html.match(/<svg[^>]*data-marpit-svg/g) ?? []).length;
    return { html, css, slideCount, comments };
  }
}

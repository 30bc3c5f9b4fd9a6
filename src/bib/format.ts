/**
 * Citations and bibliographies formatted by citeproc-js in a CSL style — no
 * formatting rule of Lectern's own.
 *
 * A Citer is one deck (or one `lectern bib` run): one style, one language and
 * the items it may cite. Its locale is the deck's language, forced even where
 * the style names a default-locale (GOST's styles say en-US: a Russian deck
 * gets "с.", an English one "p."). Citations are processed in the order
 * `cite` is called, so a numeric style numbers works by first citation; the
 * bibliography lists every item once, in the style's order (for an unsorted
 * numeric style: cited items by first citation, then the others).
 *
 * HTML is citeproc's, which escapes the item's text; links it makes for DOIs
 * and URLs are kept only for http(s) and ftp addresses, whose quotes and
 * angle brackets are percent-encoded before citeproc sees them. Plain text is
 * the same output without its markup.
 *
 * citeproc-js is large (about a quarter of a second to load): it is loaded by
 * the first Citer, or earlier with `loadCiteproc()`, never by a build without
 * bibliographic citations.
 */
import { createRequire } from 'node:module';
import type CSLModule from 'citeproc';
import { inputError } from '../errors.js';
import type { CslItem } from './library.js';
import { cslLocale, localeXmlSync, type CslStyle } from './style.js';

type Citeproc = typeof CSLModule;
type Engine = InstanceType<Citeproc['Engine']>;

let citeproc: Citeproc | undefined;

/** Load citeproc-js ahead of the first Citer (e.g. while sources are read). */
export async function loadCiteproc(): Promise<void> {
  citeproc ??= (await import('citeproc')).default;
}

function citeprocNow(): Citeproc {
  if (!citeproc) {
    // Where @citation-js/plugin-csl finds it: the same copy whatever node_modules' layout.
    const require = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'));
    citeproc = require('citeproc') as Citeproc;
  }
  return citeproc;
}

export type LocatorLabel = 'page' | 'paragraph' | 'chapter' | 'section' | (string & {});

export interface CitePart {
  id: string;
  /** "45", "45–46", "2". */
  locator?: string;
  /** CSL's locator label (default page). */
  label?: LocatorLabel;
}

export class Citer {
  private readonly engine: Engine;
  private readonly items: Map<string, CslItem>;
  private readonly given = new Map<string, unknown>();
  private citations = 0;

  constructor(
    readonly style: CslStyle,
    readonly lang: string,
    items: CslItem[],
  ) {
    this.items = new Map(items.map((item) => [item.id, item]));
    const locale = cslLocale(lang);
    localeXmlSync(locale); // An error naming the package, rather than citeproc's silent en-US.
    const CSL = citeprocNow();
    this.engine = new CSL.Engine(
      {
        retrieveLocale: (l: string) => {
          try {
            return localeXmlSync(l);
          } catch {
            return undefined;
          }
        },
        retrieveItem: (id: string) => this.itemFor(id),
      },
      style.xml,
      locale,
      true,
    );
    this.engine.opt.development_extensions.wrap_url_and_doi = true;
    this.engine.setOutputFormat('html');
  }

  /** citeproc may write into the items it is given: it gets copies, links made safe. */
  private itemFor(id: string): unknown {
    let item = this.given.get(id);
    if (!item) {
      const original = this.items.get(id);
      if (!original) return undefined;
      const copy = structuredClone(original) as Record<string, unknown>;
      if (typeof copy.DOI === 'string') copy.DOI = safeLink(copy.DOI);
      if (typeof copy.URL === 'string') {
        // Only web addresses are links in a bibliography ("www.…" is one); "javascript:…" and the like are dropped.
        const url = /^www\./i.test(copy.URL.trim()) ? `https://${copy.URL.trim()}` : copy.URL;
        if (/^\s*(https?|ftp):\/\//i.test(url)) copy.URL = safeLink(url);
        else delete copy.URL;
      }
      this.given.set(id, (item = copy));
    }
    return item;
  }

  /** One citation of one or more works, numbered (numeric styles) in the order of calls. */
  cite(parts: CitePart[]): { text: string; html: string } {
    for (const p of parts) {
      if (!this.items.has(p.id)) throw inputError('bib/unknown-key', `"${p.id}" is not among the items this deck may cite`);
    }
    const result = this.engine.appendCitationCluster({
      citationItems: parts.map((p) => ({
        id: p.id,
        ...(p.locator ? { locator: p.locator, label: p.label ?? 'page' } : {}),
      })),
      properties: { noteIndex: 0 },
    });
    const index = this.citations++;
    const html = safeHtml(result.find(([i]) => i === index)?.[1] ?? result[result.length - 1]?.[1] ?? '');
    return { text: htmlText(html), html };
  }

  /** Every item once, in the style's order: cited ones as cited, then the rest. */
  bibliography(): Array<{ id: string; text: string; html: string }> {
    this.engine.updateUncitedItems([...this.items.keys()]);
    const made = this.engine.makeBibliography();
    if (!made) return [];
    const [meta, entries] = made;
    return entries.map((entry, i) => {
      const html = safeHtml(entry.trim().replace(/>\s*\n\s*</g, '><'));
      return { id: meta.entry_ids[i]![0]!, text: htmlText(html), html };
    });
  }
}

/** A URL or DOI whose quotes and angle brackets cannot end the href citeproc writes it into. */
function safeLink(value: string): string {
  return value.trim().replace(/["'<>`\s]/g, (c) => encodeURIComponent(c));
}

/** Links to anything but http(s) and ftp lose their anchor (the text stays). */
function safeHtml(html: string): string {
  return html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (whole, href: string, text: string) => (/^(https?|ftp):\/\//i.test(href) ? whole : text));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** citeproc's HTML as plain text: the margin number and the entry joined by a space, tags dropped, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<\/div>\s*<div class="csl-(?:right-inline|indent)">/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

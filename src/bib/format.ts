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
 * Answers are remembered: a Citer with the same style, language and items
 * as an earlier one answers the same sequence of calls from that one's
 * transcript — from memory in a running serve or watch, and from the disk
 * cache (beside the parsed bibliographies) in a new process, where a build
 * whose citations did not change then never loads citeproc. The first call
 * that differs makes a real engine, catches it up on the calls so far and
 * goes on with it.
 *
 * citeproc-js is large (a quarter to half a second to load and warm up):
 * it is loaded when a Citer first needs an engine, or earlier with
 * `loadCiteproc()`, never by a build without bibliographic citations.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type CSLModule from 'citeproc';
import { inputError } from '../errors.js';
import { hashText } from '../util/hash.js';
import { cacheDir, packageVersions, type CslItem } from './library.js';
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
  /** Text after the item, inside the citation (", sent. 3": what CSL has no locator label for). */
  suffix?: string;
}

type Cited = { text: string; html: string };
type Entry = { id: string; text: string; html: string };

/** What a Citer was asked and answered: the next Citer with the same style, language and items answers from it while it is asked the same. */
interface Transcript {
  calls: Array<{ parts: string; result: Cited }>;
  /** The bibliography, and after how many calls it was made. */
  bibliography?: { after: number; entries: Entry[] };
}

/** The last transcript per style, language and items (a running serve or watch rebuilds with the same ones). */
const transcripts = new Map<string, Transcript>();

/** Bump when what a Citer answers changes: transcripts on disk are then ignored. */
const TRANSCRIPT_VERSION = 1;

/** The transcript a build in another process left on disk (a cold build whose citations did not change never loads citeproc). */
function diskTranscript(file: string): Transcript | undefined {
  try {
    const t = JSON.parse(readFileSync(file, 'utf8')) as Transcript;
    return Array.isArray(t.calls) ? t : undefined;
  } catch {
    return undefined;
  }
}

function saveTranscript(file: string, transcript: Transcript): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify(transcript));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

export class Citer {
  private engineValue: Engine | undefined;
  private readonly items: Map<string, CslItem>;
  private readonly given = new Map<string, unknown>();
  private readonly locale: string;
  /** The previous Citer's transcript, followed while the calls are the same; undefined once they differ. */
  private previous: Transcript | undefined;
  private readonly transcript: Transcript = { calls: [] };
  private readonly transcriptFile: string;

  constructor(
    readonly style: CslStyle,
    readonly lang: string,
    items: CslItem[],
  ) {
    this.items = new Map(items.map((item) => [item.id, item]));
    this.locale = cslLocale(lang);
    const localeXml = localeXmlSync(this.locale); // An error naming the package, rather than citeproc's silent en-US.
    const key = `${style.name}\0${style.xml}\0${localeXml}\0${JSON.stringify(items)}`;
    this.transcriptFile = path.join(cacheDir(), 'bib', `cite-${hashText(String(TRANSCRIPT_VERSION), packageVersions(), key)}.json`);
    this.previous = transcripts.get(key) ?? diskTranscript(this.transcriptFile);
    if (transcripts.size >= 16 && !this.previous) transcripts.delete(transcripts.keys().next().value!);
    transcripts.delete(key);
    transcripts.set(key, this.transcript);
  }

  /** The citeproc engine, made on first need (and given the calls answered from a transcript so far). */
  private get engine(): Engine {
    if (!this.engineValue) {
      const CSL = citeprocNow();
      const engine = new CSL.Engine(
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
        this.style.xml,
        this.locale,
        true,
      );
      engine.opt.development_extensions.wrap_url_and_doi = true;
      engine.setOutputFormat('html');
      for (const call of this.transcript.calls) engine.appendCitationCluster(citation(JSON.parse(call.parts) as CitePart[]));
      this.engineValue = engine;
    }
    return this.engineValue;
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
  cite(parts: CitePart[]): Cited {
    for (const p of parts) {
      if (!this.items.has(p.id)) throw inputError('bib/unknown-key', `"${p.id}" is not among the items this deck may cite`);
    }
    const key = JSON.stringify(parts.map((p) => ({ id: p.id, locator: p.locator, label: p.locator ? (p.label ?? 'page') : undefined, suffix: p.suffix })));
    const index = this.transcript.calls.length;
    const known = this.previous?.calls[index];
    if (known && known.parts === key) {
      this.transcript.calls.push(known);
      return { ...known.result };
    }
    const engine = this.engine; // Made (and caught up) before this call is recorded.
    this.previous = undefined;
    const result = engine.appendCitationCluster(citation(parts));
    const html = safeHtml(result.find(([i]) => i === index)?.[1] ?? result[result.length - 1]?.[1] ?? '');
    const cited = { text: htmlText(html), html };
    this.transcript.calls.push({ parts: key, result: cited });
    return { ...cited };
  }

  /** Every item once, in the style's order: cited ones as cited, then the rest. */
  bibliography(): Entry[] {
    const calls = this.transcript.calls.length;
    const known = this.previous?.bibliography?.after === calls ? this.previous.bibliography : undefined;
    if (known) {
      this.transcript.bibliography = known;
      return known.entries.map((e) => ({ ...e }));
    }
    this.engine.updateUncitedItems([...this.items.keys()]);
    const made = this.engine.makeBibliography();
    const entries = made
      ? made[1].map((entry, i) => {
          const html = safeHtml(entry.trim().replace(/>\s*\n\s*</g, '><'));
          return { id: made[0].entry_ids[i]![0]!, text: htmlText(html), html };
        })
      : [];
    this.transcript.bibliography = { after: calls, entries };
    saveTranscript(this.transcriptFile, this.transcript);
    return entries.map((e) => ({ ...e }));
  }
}

/** A citation as citeproc takes it (a locator's label defaults to page). */
function citation(parts: CitePart[]) {
  return {
    citationItems: parts.map((p) => ({
      id: p.id,
      ...(p.locator ? { locator: p.locator, label: p.label ?? 'page' } : {}),
      ...(p.suffix ? { suffix: p.suffix } : {}),
    })),
    properties: { noteIndex: 0 },
  };
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

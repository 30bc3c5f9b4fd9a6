/**
 * Scholarly citations in a deck (`citation_style:`, `bibliography:`, `cite:`):
 * each source's CSL item (its sidecar's `bib: KEY` in the bibliography files,
 * else its own metadata), the works cited with `cite:`, and a Citer (src/bib)
 * that makes the slides' citations and the bibliography in the style.
 *
 * Without a style, nothing here changes a deck: passages keep their short
 * titles, and a `cite:` reads "Title, p. 45". With one, a source that lacks
 * bibliographic data keeps its short title and is warned about
 * (`bib/missing-data`). Citations are made in the order the resolver meets
 * them (slides in order), so a numeric style numbers works by first citation.
 * citeproc is loaded only when a citation must be made that no earlier build
 * made (src/bib/format.ts).
 */
import path from 'node:path';
import { EXIT, LecternError, type Problem } from '../errors.js';
import { Citer, type CitePart } from '../bib/format.js';
import { loadLibrary, suggestKey, type CslItem, type Library } from '../bib/library.js';
import { sourceItem } from '../bib/source-item.js';
import { resolveStyle, type CslStyle } from '../bib/style.js';
import type { Source } from '../sources/source.js';
import { citeLine, cslWhere } from './cite.js';
import type { BibEntry, BibSegment, Citation } from './model.js';
import type { Strings } from './strings.js';

export interface Located {
  file: string;
  line?: number;
  column?: number;
}

export interface CitationOptions {
  /** The style as written (a name) or an absolute path to a .csl file, and where it was written (undefined: the command line). */
  style?: { value: string; at?: Located };
  /** Bibliography files (absolute), each with where it was named. */
  bibliography: Array<{ file: string; at?: Located }>;
}

/** A `cite:` found in the outline before the slides are resolved (its item must be known to the Citer). */
export interface CiteUse {
  key: string;
  at: Located;
}

export class DeckCitations {
  /** Files read: the bibliography files and the style's (cache keys, the watcher). */
  readonly files: string[] = [];
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  private library: Library = { items: new Map(), problems: [] };
  private style: CslStyle | undefined;
  private citer: Citer | undefined;
  /** The CSL item of each source with bibliographic data, by source name. */
  private readonly sourceIds = new Map<string, string>();
  private readonly items = new Map<string, CslItem>();

  private constructor(private readonly strings: Strings) {}

  /** Read the bibliography files and the style, and make the deck's items; problems are kept (see `problems`), not thrown. */
  static async load(
    options: CitationOptions,
    sources: Map<string, Source>,
    uses: CiteUse[],
    context: { lang: string; strings: Strings; sourcesAt: (name: string) => Located },
  ): Promise<DeckCitations> {
    const deck = new DeckCitations(context.strings);
    const files = options.bibliography;
    const [library, style] = await Promise.all([
      files.length ? loadLibrary(files.map((f) => f.file)) : undefined,
      options.style ? deck.loadStyle(options.style) : undefined,
    ]);
    deck.files.push(...files.map((f) => f.file));
    if (library) {
      deck.library = library;
      for (const p of library.problems) {
        // A file that cannot be read is reported where it was named.
        const named = !p.line ? files.find((f) => f.file === p.file)?.at : undefined;
        const where = named ? { file: named.file, line: named.line, column: named.column } : {};
        (p.severity === 'warning' ? deck.warnings : deck.problems).push(
          named ? { ...p, ...where, message: `${path.basename(p.file ?? '')}: ${p.message}` } : p,
        );
      }
    }
    deck.style = style;
    if (style && !isPackaged(style.file)) deck.files.push(style.file);

    // Each source's item: its `bib:` entry, else what its metadata says.
    const taken = new Set(deck.library.items.keys());
    for (const [name, source] of sources) {
      const bib = source.meta.bib;
      if (bib) {
        const found = deck.library.items.get(bib.key);
        if (!found) {
          deck.problems.push({
            severity: 'error',
            code: 'bib/unknown-key',
            message: files.length
              ? `"${bib.key}" is not a key of the bibliography files`
              : `"${bib.key}" names an entry of the bibliography, but the outline and config name no bibliography files`,
            hint: files.length ? suggestKey(bib.key, deck.library) : 'add `bibliography: refs.bib` to the outline or lectern.config.yaml',
            ...bib.at,
          });
          continue;
        }
        deck.sourceIds.set(name, found.id);
        deck.items.set(found.id, found.csl);
        continue;
      }
      let id = name;
      for (let i = 2; taken.has(id); i++) id = `${name}-${i}`;
      const item = sourceItem(source.meta, id);
      if (!item) {
        if (style) {
          deck.warnings.push({
            severity: 'warning',
            code: 'bib/missing-data',
            message: `source "${name}" has no bibliographic data: its citations keep its short title, outside the ${style.name} style`,
            hint: `give its sidecar (${path.basename(source.file).replace(/\.[^.]+$/, '')}.yaml) an author, issued, publisher or container-title, or \`bib: KEY\` of an entry of the bibliography files`,
            ...context.sourcesAt(name),
          });
        }
        continue;
      }
      taken.add(id);
      deck.sourceIds.set(name, id);
      deck.items.set(id, item);
    }
    // The works cited with `cite:`; unknown keys are reported where they are cited.
    for (const use of uses) {
      const found = deck.library.items.get(use.key);
      if (found) deck.items.set(found.id, found.csl);
    }
    if (style && deck.items.size) {
      try {
        deck.citer = new Citer(style, context.lang, [...deck.items.values()]);
      } catch (err) {
        if (!(err instanceof LecternError)) throw err;
        if (err.exitCode === EXIT.environment) throw err;
        deck.problems.push(...err.problems.map((p) => ({ ...p, ...(p.file ? {} : (options.style?.at ?? {})) })));
      }
    }
    return deck;
  }

  private async loadStyle(option: NonNullable<CitationOptions['style']>): Promise<CslStyle | undefined> {
    try {
      return await resolveStyle(option.value, option.at ? path.dirname(option.at.file) : process.cwd());
    } catch (err) {
      if (!(err instanceof LecternError) || err.exitCode === EXIT.environment) throw err;
      // An unknown style or a broken file: at the line that names it (a file's own line if it has one).
      this.problems.push(
        ...err.problems.map((p) => ({
          ...p,
          ...(option.at && !p.line ? { file: option.at.file, line: option.at.line, column: option.at.column } : {}),
          message: option.at ? p.message : `--set citation_style: ${p.message}`,
        })),
      );
      return undefined;
    }
  }

  /** The deck's style, for the model (null: none). */
  get deckStyle(): { name: string; numeric: boolean } | null {
    return this.style ? { name: this.style.name, numeric: this.style.numeric } : null;
  }

  /** A passage's citation in the style, when its source has an item; else as it is. */
  passage(citation: Citation): Citation {
    const id = this.sourceIds.get(citation.source);
    if (!id) return citation;
    citation.key = id;
    if (!this.citer) return citation;
    const where = cslWhere([citation], this.strings);
    return Object.assign(citation, { short: this.citer.cite([part(id, where)]).text, styled: true });
  }

  /** A `cite:` of a work: its citation, or a problem's message and hint when the key is unknown. */
  work(key: string, locator: string | undefined, label: string | undefined): Citation | { message: string; hint: string } {
    const found = this.library.items.get(key);
    if (!found) {
      return {
        message: this.files.length
          ? `"${key}" is not a key of the bibliography files`
          : `cite: "${key}" needs bibliography files, and the outline and config name none`,
        hint: this.files.length
          ? suggestKey(key, this.library)
          : 'add `bibliography: refs.bib` (BibTeX, CSL-JSON or RIS) to the outline or lectern.config.yaml',
      };
    }
    const title = shortTitle(found.csl);
    const citation: Citation = {
      source: key,
      address: `${key}${locator ? `@${label ?? 'page'}:${locator}` : ''}`,
      short: [title, locator ? `${this.labelWord(label ?? 'page', locator)} ${locator}` : ''].filter(Boolean).join(', '),
      title,
      paragraphs: [],
      pages: [],
      styled: false,
      key,
      ...(locator ? { locator, label: label ?? 'page' } : {}),
    };
    if (!this.citer) return citation;
    return Object.assign(citation, { short: this.citer.cite([part(key, cslWhere([citation], this.strings))]).text, styled: true });
  }

  private labelWord(label: string, locator: string): string {
    const s = this.strings;
    if (label === 'paragraph') return s.paragraph;
    if (label === 'chapter') return s.chapter;
    if (label === 'section') return s.section;
    return /[-–,]/.test(locator) ? s.pages : s.page;
  }

  /** A slide's citation line: one citation of every work it cites in the style, then the sources without data as today. */
  line(citations: Citation[]): string {
    if (!this.citer) return citeLine(citations, this.strings);
    const styled = new Map<string, Citation[]>();
    const plain: Citation[] = [];
    for (const c of citations) {
      if (c.styled && c.key) styled.set(c.key, [...(styled.get(c.key) ?? []), c]);
      else plain.push(c);
    }
    const parts = [...styled.entries()].map(([id, list]) => part(id, cslWhere(list, this.strings)));
    // Author-date: one citation of all ("(Lensen, 1970; …)"); numeric: one per work, each with its own locator ("[1, с. 45], [2]").
    const cited = !parts.length ? '' : this.style?.numeric ? parts.map((p) => this.citer!.cite([p]).text).join(', ') : this.citer.cite(parts).text;
    return [cited, citeLine(plain, this.strings)].filter(Boolean).join('; ');
  }

  /**
   * The bibliography: in a style, every item once in its order and format,
   * then the sources without data as before; without one, today's entries
   * and then the works cited with `cite:`.
   */
  bibliography(plain: BibEntry[], cited: (name: string) => string[]): BibEntry[] {
    const byId = new Map([...this.sourceIds].map(([name, id]) => [id, name]));
    if (!this.citer) {
      const works = [...this.items.values()]
        .filter((item) => !byId.has(item.id))
        .map((item): BibEntry => {
          const entry = plainEntry(item);
          return { name: item.id, entry, segments: [segment(entry)], title: item.title ?? item.id, short: shortTitle(item), url: item.URL, cited: [] };
        });
      return [...plain, ...works];
    }
    const styled = this.citer.bibliography().map((e): BibEntry => {
      const item = this.items.get(e.id);
      const name = byId.get(e.id) ?? e.id;
      return {
        name,
        entry: e.text,
        segments: segments(e.html),
        title: item?.title ?? name,
        short: item ? shortTitle(item) : name,
        url: typeof item?.URL === 'string' ? item.URL : undefined,
        cited: byId.has(e.id) ? cited(name) : [],
      };
    });
    return [...styled, ...plain.filter((b) => !this.sourceIds.has(b.name))];
  }

  /** The CSL items of the works the deck cites (`--format bib`): its sources with data and its `cite:`s, in the bibliography's order. */
  citedItems(): CslItem[] {
    const order = this.citer ? this.citer.bibliography().map((e) => e.id) : [...this.items.keys()];
    return order.flatMap((id) => this.items.get(id) ?? []);
  }
}

function part(id: string, where: { locator?: string; label?: string; suffix?: string }): CitePart {
  return { id, ...(where.locator ? { locator: where.locator, label: where.label ?? 'page' } : {}), ...(where.suffix ? { suffix: where.suffix } : {}) };
}

/** Styles and locales of the Debian package: not a project file (the package changes them, not the lecturer). */
function isPackaged(file: string): boolean {
  return file.startsWith('/usr/share/');
}

/** An item's short title: CSL's `title-short`, else its title up to a colon. */
function shortTitle(item: CslItem): string {
  const short = item['title-short'];
  if (typeof short === 'string' && short.trim()) return short.trim();
  const title = item.title ?? item.id;
  return title.replace(/\s*[:.]\s.*$/, '');
}

/** A work cited with `cite:` when the deck has no style: "Family G. Title. Publisher, Year." */
function plainEntry(item: CslItem): string {
  const names = (item.author ?? item.editor ?? [])
    .map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(' '))
    .filter(Boolean)
    .join(', ');
  const year = item.issued?.['date-parts']?.[0]?.[0] ?? item.issued?.literal;
  return [names, item.title, [item['container-title'], item.publisher, year].filter(Boolean).join(', '), item.URL ? `URL: ${item.URL}` : '']
    .map((part) => String(part ?? '').trim())
    .filter(Boolean)
    .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

const segment = (text: string, italic = false, bold = false, href = ''): BibSegment => ({ text, italic, bold, href });

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * citeproc's HTML for an entry as runs of text: italics (`<i>`, `<em>`),
 * bold (`<b>`, `<strong>`) and links (`<a href>` to http, https or ftp) are
 * kept as flags, every other tag dropped; the margin (a number) and the entry
 * joined by a space. Templates make Markdown or HTML of the runs; none of the
 * entry's HTML reaches a deck.
 */
export function segments(html: string): BibSegment[] {
  const out: BibSegment[] = [];
  let italic = 0;
  let bold = 0;
  let href = '';
  const tags = /<(\/?)([a-z]+)\b([^>]*)>/gi;
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    const seg = segment(decode(text), italic > 0, bold > 0, href);
    if (prev && prev.italic === seg.italic && prev.bold === seg.bold && prev.href === seg.href) prev.text += seg.text;
    else out.push(seg);
  };
  const body = html.replace(/<\/div>\s*<div class="csl-(?:right-inline|indent)">/g, ' ');
  for (let m = tags.exec(body); m; m = tags.exec(body)) {
    push(body.slice(last, m.index).replace(/\s*\n\s*/g, ' '));
    last = m.index + m[0].length;
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'i' || tag === 'em') italic += closing ? -1 : 1;
    else if (tag === 'b' || tag === 'strong') bold += closing ? -1 : 1;
    else if (tag === 'a') {
      const link = closing ? '' : decode(/href="([^"]*)"/.exec(m[3]!)?.[1] ?? '');
      href = /^(https?|ftp):\/\//i.test(link) ? link : '';
    }
  }
  push(body.slice(last).replace(/\s*\n\s*/g, ' '));
  // Trimmed at the ends, as the entry's text is.
  if (out.length) {
    out[0]!.text = out[0]!.text.trimStart();
    out[out.length - 1]!.text = out[out.length - 1]!.text.trimEnd();
  }
  return out.filter((s) => s.text);
}

/** The part of citation-js that writes BibTeX (its output plugin). */
interface CitationOutput {
  plugins: {
    output: { format(name: string, data: unknown[]): string };
    config: { get(name: string): { format: Record<string, unknown> } };
  };
}

/**
 * The works a deck cites as files for students' reference managers:
 * BibTeX (citation-js's output plugin; the keys the lecturer gave, Unicode
 * kept as it is) and CSL-JSON.
 */
export async function referenceFiles(items: CslItem[]): Promise<{ bibtex: string; cslJson: string }> {
  const cslJson = JSON.stringify(items, null, 2) + '\n';
  if (!items.length) return { bibtex: '', cslJson };
  const core = (await import('@citation-js/core')) as unknown as CitationOutput;
  await import('@citation-js/plugin-bibtex');
  const options = core.plugins.config.get('@bibtex').format;
  const before = { ...options };
  Object.assign(options, { useIdAsLabel: true, asciiOnly: false });
  try {
    return { bibtex: core.plugins.output.format('bibtex', structuredClone(items)).trim() + '\n', cslJson };
  } finally {
    Object.assign(options, before);
  }
}

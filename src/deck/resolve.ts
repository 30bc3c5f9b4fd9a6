/**
 * Outline + sources → deck model. Every reference is looked up here (and only
 * here); every problem is reported at the outline's file:line:col, all of
 * them at once.
 */
import path from 'node:path';
import { LecternError, type Problem } from '../errors.js';
import type { LoadedOutline } from '../outline/load.js';
import type { Path } from '../outline/validate.js';
import type { BulletInput, ColumnInput, QuoteInput, SlideInput } from '../outline/schema.js';
import { AddressError, parseAddress, selectAddress, type Passage } from '../sources/address.js';
import { findPassage, findSpan } from '../sources/select.js';
import { loadSource, type Source } from '../sources/source.js';
import { didYouMean } from '../suggest.js';
import type { BulletItem, Citation, ColumnBlock, Deck, DeckSlide, Piece, QuoteBlock, TimelineItem } from './model.js';
import { stringsFor } from './strings.js';
import { SourceCache } from './source-cache.js';
import { ImageError, embedImage } from './image.js';
import { splitLong, TooLongError } from './continue.js';
import { timelineEvents } from './timeline.js';
import { movedSinceLock, type References } from './lock.js';
import { bibliography, citationFor, citeLine, slideCitations } from './cite.js';
export { passageWhere, SENTENCES_CITED_ABOVE } from './cite.js';
import type { Confinement } from '../util/confine.js';
import { filesLang } from '../util/lang.js';

export interface ResolveOptions {
  /** Sources already loaded in this run (shared between outlines). */
  sourceCache?: SourceCache;
  /** Layout names that exist (defaults + the user's), for "did you mean". */
  layouts?: string[];
  /** Where sources and images may come from. */
  confinement?: Confinement;
  /** The theme, as the settings resolved it (default: the outline's, else lectern). */
  theme?: string;
  /** The language, as the settings resolved it (default: the outline's, else the sources' script). */
  lang?: string;
}

export interface Resolved {
  deck: Deck;
  warnings: Problem[];
  sources: Map<string, Source>;
  /** Every passage cited, with the slides citing it, for lock files and the reading pack. */
  citedPassages: Map<string, { passage: Passage; slides: number[] }>;
  /** Files the deck embeds (images), for cache keys. */
  assets: string[];
  /** Every reference as written (key: "conv#p2.s3", "conv?find=…"), with the text it resolved to. */
  references: References;
}

type TextFields = { text?: string; ref?: string; find?: string; from?: string; to?: string; source?: string; md?: string };

export async function resolveOutline(outline: LoadedOutline, options: ResolveOptions = {}): Promise<Resolved> {
  const data = outline.data;
  // Paths are relative to the file that names them (an outline may extend another elsewhere).
  const dirOf = (p: Path) => path.dirname(outline.locate(p).file || outline.file);
  const problems: Problem[] = [];
  const locate = (p: Path) => outline.locate(p);
  const fail = (p: Path, code: string, message: string, hint?: string): Problem => {
    const problem: Problem = { severity: 'error', code, message, hint, ...locate(p) };
    problems.push(problem);
    return problem;
  };
  /** References by address that no longer resolve: the lock file may know where their text went. */
  const unresolved: Array<{ problem: Problem; ref: string; source: Source }> = [];

  // The outline's or the config's language, else the sources' script (Cyrillic: ru, otherwise en).
  const lang = options.lang ?? data.lang ?? (await filesLang(sourceFiles(data.sources, dirOf, options.confinement), data.title));
  const strings = stringsFor(lang);
  const loadedSources = new Map<string, Source>();
  const cache = options.sourceCache ?? new SourceCache();
  await Promise.all(
    Object.entries(data.sources ?? {}).map(async ([name, rel]) => {
      const abs = path.resolve(dirOf(['sources', name]), rel);
      const refused = options.confinement?.check(abs);
      if (refused) {
        fail(
          ['sources', name],
          'path/outside-project',
          `source "${name}": ${refused}`,
          'keep sources inside the project, or allow the folder in lectern.config.yaml (`allow: [DIR]`)',
        );
        return;
      }
      // A source without a declared language is read in the outline's (sentence rules differ).
      const pending = cache.load(abs, lang, () => loadSource(abs, undefined, { defaultLang: lang }));
      try {
        const loaded = await pending;
        loadedSources.set(name, { ...loaded, name });
      } catch (err) {
        if (!(err instanceof LecternError)) throw err;
        for (const p of err.problems) {
          fail(
            ['sources', name],
            p.code,
            `source "${name}": ${p.message}${p.file && p.line ? ` (${p.file}:${p.line}${p.column ? `:${p.column}` : ''})` : ''}`,
            p.hint,
          );
        }
      }
    }),
  );
  // In the outline's order, whichever finished loading first: the bibliography and the reading pack list them so.
  const sources = new Map<string, Source>();
  for (const name of Object.keys(data.sources ?? {})) {
    const source = loadedSources.get(name);
    if (source) sources.set(name, source);
  }
  const warnings: Problem[] = [...sources.values()].flatMap((s) => s.warnings);
  const cited = new Map<string, { passage: Passage; slides: number[] }>();
  const references: Resolved['references'] = new Map();
  const assets: string[] = [];
  const sourceNames = Object.keys(data.sources ?? {});
  const layouts = options.layouts;

  const citationOf = (passage: Passage): Citation => citationFor(passage, strings);

  /** Resolve text/ref/find/md fields into a Piece; `null` when it failed (already reported). */
  const piece = (f: TextFields | string, p: Path, slide: number): Piece | null => {
    if (typeof f === 'string') return { text: f };
    if (f.md !== undefined) return { text: f.text ?? '', md: f.md };
    const selectors = (['ref', 'find', 'from'] as const).filter((k) => f[k] !== undefined);
    if (selectors.length > 1) {
      fail(p, 'ref/several', `use one of ref, find or from/to, not ${selectors.join(' and ')}`);
      return null;
    }
    if (selectors.length === 0) {
      if (f.text === undefined) {
        fail(p, 'outline/empty-item', 'this item has no text, ref, find or md');
        return null;
      }
      return { text: f.text };
    }
    let passage: Passage;
    const key = selectors[0]!;
    try {
      if (key === 'ref') {
        const address = parseAddress(f.ref!);
        const source = sources.get(address.source);
        if (!source) {
          if (!sourceNames.includes(address.source)) {
            fail(
              [...p, 'ref'],
              'ref/unknown-source',
              `"${f.ref}" names the source "${address.source}", which is not under sources:`,
              didYouMean(address.source, sourceNames, 'a source name'),
            );
          }
          return null;
        }
        passage = selectAddress(source, address);
      } else {
        const name = f.source ?? (sourceNames.length === 1 ? sourceNames[0]! : undefined);
        if (!name) {
          fail([...p, key], 'ref/which-source', `${key}: say which source to search`, `add source: (one of ${sourceNames.join(', ') || 'none declared'})`);
          return null;
        }
        const source = sources.get(name);
        if (!source) {
          if (!sourceNames.includes(name))
            fail([...p, 'source'], 'ref/unknown-source', `unknown source "${name}"`, didYouMean(name, sourceNames, 'a source name'));
          return null;
        }
        if (key === 'find') passage = findPassage(source, f.find!);
        else {
          if (f.to === undefined) {
            fail(
              [...p, 'from'],
              'ref/from-without-to',
              'from: needs to: (the end of the span)',
              'add `to: "…"` with the last words of the passage, or use find: for the sentence containing a phrase',
            );
            return null;
          }
          passage = findSpan(source, f.from!, f.to);
        }
      }
    } catch (err) {
      if (!(err instanceof AddressError)) throw err;
      const problem = fail([...p, key], 'ref/not-found', err.message, err.hint);
      const source = key === 'ref' ? sources.get(f.ref!.trim().split('#')[0]!) : undefined;
      if (source) unresolved.push({ problem, ref: f.ref!.trim(), source });
      return null;
    }
    const refKey =
      key === 'ref' ? f.ref!.trim() : key === 'find' ? `${passage.source.name}?find=${f.find}` : `${passage.source.name}?from=${f.from}&to=${f.to}`;
    if (!references.has(refKey)) references.set(refKey, { text: passage.text, where: locate([...p, key]), source: passage.source });
    const entry = cited.get(passage.address) ?? { passage, slides: [] };
    if (!entry.slides.includes(slide)) entry.slides.push(slide);
    cited.set(passage.address, entry);
    return { text: f.text ?? passage.text, citation: citationOf(passage), passage: passage.text };
  };

  const bullets = (list: BulletInput[] | undefined, p: Path, slide: number): BulletItem[] =>
    (list ?? []).flatMap((b, i) => {
      const got = piece(b, [...p, i], slide);
      if (!got) return [];
      const children = typeof b === 'string' ? [] : bullets(b.bullets, [...p, i, 'bullets'], slide);
      return [{ ...got, bullets: children }];
    });

  const quote = (q: QuoteInput | undefined, p: Path, slide: number): QuoteBlock | undefined => {
    if (q === undefined) return undefined;
    const got = piece(q, p, slide);
    if (!got) return undefined;
    const block: QuoteBlock = { ...got };
    if (typeof q !== 'string') {
      block.attribution = q.attribution;
      if (q.highlight) {
        const at = got.text.toLowerCase().indexOf(q.highlight.toLowerCase());
        if (at < 0)
          fail(
            [...p, 'highlight'],
            'quote/highlight-not-found',
            `the highlight "${q.highlight}" is not in the quote`,
            'copy the phrase exactly from the quoted text',
          );
        else block.parts = quoteParts(got.text, at, at + q.highlight.length);
      }
    }
    return block;
  };

  const paragraphs = (t: SlideInput['text'], p: Path, slide: number): Piece[] => {
    if (t === undefined) return [];
    const list = typeof t === 'string' ? [t] : t;
    return list.flatMap((item, i) => {
      const got = piece(item, typeof t === 'string' ? p : [...p, i], slide);
      if (!got) return [];
      // A passage over several paragraphs keeps its paragraph breaks.
      return got.text.split(/\n{2,}/).map((text, k) => (k === 0 ? { ...got, text } : { text }));
    });
  };

  /** Explicit events, and/or every dated sentence of a passage (`from:`), in date order. */
  const timeline = (t: SlideInput['timeline'], p: Path, slide: number): TimelineItem[] => {
    if (t === undefined) return [];
    const explicit = Array.isArray(t) ? t : (t.events ?? []);
    const base = Array.isArray(t) ? p : [...p, 'events'];
    const items = explicit.flatMap((e, k): TimelineItem[] => {
      const got = piece(e, [...base, k], slide);
      return got ? [{ ...got, date: e.date }] : [];
    });
    if (Array.isArray(t)) return items;
    try {
      const address = parseAddress(t.from);
      const source = sources.get(address.source);
      if (!source) {
        if (!sourceNames.includes(address.source))
          fail(
            [...p, 'from'],
            'ref/unknown-source',
            `"${t.from}" names the source "${address.source}", which is not under sources:`,
            didYouMean(address.source, sourceNames, 'a source name'),
          );
        return items;
      }
      const passage = selectAddress(source, address);
      const events = timelineEvents(
        source,
        passage.parts.flatMap((part) => part.sentences.map((sentence) => ({ paragraph: part.paragraph, sentence }))),
        lang,
      );
      if (events.length === 0)
        fail([...p, 'from'], 'timeline/no-dates', `no dated sentence in ${passage.address}`, 'widen the range, or list the events explicitly');
      for (const e of events) {
        const got = piece({ ref: e.address, text: e.text }, [...p, 'from'], slide);
        if (got) items.push({ ...got, date: e.label });
      }
    } catch (err) {
      if (!(err instanceof AddressError)) throw err;
      fail([...p, 'from'], 'ref/not-found', err.message, err.hint);
    }
    return items;
  };

  const column = (c: ColumnInput, p: Path, slide: number): ColumnBlock => {
    const extra = c.ref || c.find ? paragraphs([{ ref: c.ref, find: c.find, source: c.source }], p, slide) : [];
    return {
      title: c.title,
      bullets: bullets(c.bullets, [...p, 'bullets'], slide),
      quote: quote(c.quote, [...p, 'quote'], slide),
      paragraphs: [...paragraphs(c.text, [...p, 'text'], slide), ...extra],
    };
  };

  const slides: DeckSlide[] = [];
  const sections: Deck['sections'] = [];
  let section: string | undefined;
  data.slides.forEach((s, i) => {
    const p: Path = ['slides', i];
    const number = slides.length + 1;
    const layout = s.layout ?? inferLayout(s);
    if (layouts && !layouts.includes(layout)) {
      fail([...p, 'layout'], 'outline/unknown-layout', `unknown layout "${layout}"`, didYouMean(layout, layouts, 'a layout'));
    }
    if (layout === 'section') {
      section = s.title;
      if (s.title) sections.push({ title: s.title, slide: number });
    }
    const notesInput = s.notes === undefined ? [] : typeof s.notes === 'string' ? [s.notes] : s.notes;
    const slide: DeckSlide = {
      number,
      id: s.id,
      layout,
      title: s.title,
      subtitle: s.subtitle,
      class: s.class,
      section,
      bullets: bullets(s.bullets, [...p, 'bullets'], number),
      quote: quote(s.quote, [...p, 'quote'], number),
      paragraphs: paragraphs(s.text, [...p, 'text'], number),
      columns: (s.columns ?? []).map((c, k) => column(c, [...p, 'columns', k], number)),
      timeline: timeline(s.timeline, [...p, 'timeline'], number),
      notes: notesInput.flatMap((n, k) => piece(n, typeof s.notes === 'string' ? [...p, 'notes'] : [...p, 'notes', k], number) ?? []),
      citations: [],
      citeLine: '',
      md: s.md,
      tags: s.tags ?? [],
      origin: locate(p),
    };
    if (s.image) {
      try {
        const imageFile = path.resolve(dirOf([...p, 'image', 'path']), s.image.path);
        const refused = options.confinement?.check(imageFile);
        if (refused) throw new ImageError(`image ${refused}`, 'keep images inside the project, or allow the folder in lectern.config.yaml (`allow: [DIR]`)');
        assets.push(imageFile);
        const src = embedImage(imageFile);
        slide.image = { src, alt: s.image.alt, caption: s.image.caption, credit: s.image.credit };
      } catch (err) {
        if (!(err instanceof ImageError)) throw err;
        fail([...p, 'image', 'path'], 'image/invalid', err.message, err.hint);
      }
    }
    slide.citations = slideCitations(slide);
    slide.citeLine = citeLine(slide.citations, strings);
    let parts = [slide];
    try {
      parts = splitLong(slide, lang);
    } catch (err) {
      if (!(err instanceof TooLongError)) throw err;
      fail(p, 'deck/too-large', err.message, 'cite a shorter passage (e.g. conv#p2.s1-s5); the reading pack (--handout reading) prints whole passages');
    }
    for (const part of parts) {
      part.number = slides.length + 1;
      // A continued list or timeline cites its own items (a continued passage keeps the passage's citation).
      if (parts.length > 1 && (part.layout === 'bullets' || part.layout === 'timeline')) {
        part.citations = slideCitations(part);
        part.citeLine = citeLine(part.citations, strings);
      }
      slides.push(part);
    }
  });

  if (problems.length > 0) {
    // What the lock file knows: where the text of a reference went when the source was renumbered.
    const moved = await movedSinceLock(outline.file, references, unresolved);
    for (const { problem, ref } of unresolved) {
      const to = moved.movedTo.get(ref);
      if (to)
        problem.hint = `the text it had is now at ${to.join(' and at ')} (the source's paragraphs were renumbered, e.g. by \`breaks:\` in its metadata) — update the reference`;
    }
    problems.push(...moved.warnings);
  }
  if (problems.length > 0) throw new LecternError(problems);

  const deck: Deck = {
    name: outline.name,
    title: data.title,
    subtitle: data.subtitle,
    author: data.author,
    institution: data.institution,
    course: data.course,
    date: data.date,
    lang,
    theme: options.theme ?? data.theme ?? 'lectern',
    size: data.size ?? '16:9',
    sections,
    slides,
    bibliography: bibliography(sources, cited),
    vars: data.vars ?? {},
    strings,
  };
  return { deck, warnings, sources, citedPassages: cited, references, assets };
}

function sourceFiles(named: Record<string, string> | undefined, dirOf: (p: Path) => string, confinement: Confinement | undefined): string[] {
  return Object.entries(named ?? {})
    .map(([name, rel]) => path.resolve(dirOf(['sources', name]), rel))
    .filter((abs) => !confinement?.check(abs));
}

/** [before, highlight, after]: spaces at the highlight's edges stay outside it ("put <mark>moral chains</mark>;"). */
function quoteParts(text: string, start: number, end: number): [string, string, string] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [text.slice(0, start), text.slice(start, end), text.slice(end)];
}

function inferLayout(s: SlideInput): string {
  if (s.quote) return 'quote';
  if (s.timeline) return 'timeline';
  if (s.image) return 'image';
  if (s.columns) return 'two-column';
  if (s.text && !s.bullets) return 'text';
  return 'bullets';
}

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
import { checkTex, markdownFormulas, texLine } from './math.js';
import { codeBlock } from './code.js';
import { movedSinceLock, type References } from './lock.js';
import { bibliography, citationFor, citeLine, slideCitations } from './cite.js';
import { DeckCitations, type CitationOptions, type CiteUse } from './bib.js';
export { passageWhere, SENTENCES_CITED_ABOVE } from './cite.js';
import type { Confinement } from '../util/confine.js';
import { filesLang } from '../util/lang.js';
import { shownDate } from '../messages/index.js';

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
  /** The citation style and bibliography files, as the settings resolved them (default: the outline's). */
  citations?: CitationOptions;
  /** The project's abbreviations (the config's), for cutting every source into sentences besides its sidecar's. */
  abbreviations?: readonly string[];
}

export interface Resolved {
  deck: Deck;
  warnings: Problem[];
  sources: Map<string, Source>;
  /** Every passage cited, with the slides citing it, for lock files and the reading pack. */
  citedPassages: Map<string, { passage: Passage; slides: number[] }>;
  /** Files the deck embeds (images) or reads (bibliography files, a style file), for cache keys. */
  assets: string[];
  /** The deck's bibliographic citations, when it has a style, bibliography files or `cite:`s (`--format bib`). */
  citations?: DeckCitations;
  /** Every reference as written (key: "conv#p2.s3", "conv?find=…"), with the text it resolved to. */
  references: References;
}

type TextFields = {
  text?: string;
  ref?: string;
  find?: string;
  from?: string;
  to?: string;
  source?: string;
  md?: string;
  cite?: string;
  locator?: string;
  label?: string;
};

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
      const abbreviations = options.abbreviations ?? [];
      const pending = cache.load(abs, lang, () => loadSource(abs, undefined, { defaultLang: lang, abbreviations }), abbreviations);
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

  // Scholarly citations: a style, bibliography files, `cite:`s, or sources that name their entry (`bib:`).
  const citeOptions = confineCitations(options.citations ?? outlineCitations(outline, dirOf), options.confinement, (at, message) =>
    problems.push({
      severity: 'error',
      code: 'path/outside-project',
      message,
      hint: 'keep it inside the project, or allow the folder in lectern.config.yaml (`allow: [DIR]`)',
      ...at,
    }),
  );
  const uses = citeUses(data.slides, (p) => locate(p));
  const bib =
    citeOptions.style || citeOptions.bibliography.length || uses.length
      ? await DeckCitations.load(citeOptions, sources, uses, { lang, strings, sourcesAt: (name) => locate(['sources', name]) })
      : undefined;
  if (bib) {
    problems.push(...bib.problems);
    warnings.push(...bib.warnings);
    assets.push(...bib.files);
  }
  const citationOf = (passage: Passage): Citation => (bib ? bib.passage(citationFor(passage, strings)) : citationFor(passage, strings));
  const lineOf = (citations: Citation[]) => (bib ? bib.line(citations) : citeLine(citations, strings));
  /** A `cite:` (a work cited, not quoted) at p; null when the key is unknown (reported). */
  const work = (f: { cite?: string; locator?: string; label?: string }, p: Path): Citation | null => {
    if (f.cite === undefined) {
      if (f.locator !== undefined || f.label !== undefined)
        fail(
          [...p, f.locator !== undefined ? 'locator' : 'label'],
          'cite/no-key',
          'locator: and label: go with cite: (the work they point into)',
          'add `cite: KEY`, or remove them',
        );
      return null;
    }
    const got = (bib ?? noCitations).work(f.cite.trim(), f.locator?.trim(), f.label);
    if ('message' in got) {
      fail([...p, 'cite'], 'bib/unknown-key', got.message, got.hint);
      return null;
    }
    return got;
  };

  /** A formula of a `math:` field on one line, checked by KaTeX; undefined when it is wrong (reported). */
  const formula = (tex: string, p: Path, display: boolean): string | undefined => {
    const line = texLine(tex);
    const wrong = checkTex(line, display);
    if (!wrong) return line;
    fail(p, 'math/invalid', wrong.message, wrong.hint);
    return undefined;
  };
  /** The `$…$` formulas of an `md:` field, checked as marp-core will typeset them. */
  const checkMarkdownMath = (md: string, p: Path): void => {
    for (const { tex, display } of markdownFormulas(md)) {
      const wrong = checkTex(tex, display);
      if (wrong) fail(p, 'math/invalid', `in md: ${wrong.message}`, `${wrong.hint}; a $ meant as a dollar sign is written \\$ in md:`);
    }
  };

  /** Resolve text/ref/find/md fields into a Piece; `null` when it failed (already reported). */
  const piece = (f: TextFields | string, p: Path, slide: number): Piece | null => {
    if (typeof f === 'string') return { text: f };
    if (f.md !== undefined) checkMarkdownMath(f.md, [...p, 'md']);
    const selectors = (['ref', 'find', 'from'] as const).filter((k) => f[k] !== undefined);
    if (f.cite !== undefined || f.locator !== undefined || f.label !== undefined) {
      if (selectors.length) {
        fail(
          [...p, 'cite'],
          'cite/with-ref',
          `cite: names a work for text you write; ${selectors[0]}: is cited by its source already`,
          'keep one of them (a passage of a source is cited with its source)',
        );
        return null;
      }
      const citation = work(f, p);
      if (!citation) return null;
      if (f.md !== undefined) return { text: f.text ?? '', md: f.md, citation };
      if (f.text === undefined) {
        fail(p, 'outline/empty-item', 'this item has a cite: but no text', 'add `text: "…"`: what the slide says of the work');
        return null;
      }
      return { text: f.text, citation };
    }
    if (f.md !== undefined) return { text: f.text ?? '', md: f.md };
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

  const bullets = (list: BulletInput[] | undefined, p: Path, slide: number, reveal: boolean): BulletItem[] =>
    (list ?? []).flatMap((b, i) => {
      // A bullet may be a formula alone.
      const mathOnly = typeof b !== 'string' && b.math !== undefined && [b.text, b.ref, b.find, b.from, b.md, b.cite].every((v) => v === undefined);
      const got = mathOnly ? { text: '' } : piece(b, [...p, i], slide);
      if (!got) return [];
      if (typeof b === 'string') return [{ ...got, reveal, bullets: [] }];
      const math = b.math === undefined ? undefined : formula(b.math, [...p, i, 'math'], false);
      const children = bullets(b.bullets, [...p, i, 'bullets'], slide, reveal);
      return [{ ...got, ...(math !== undefined ? { math } : {}), reveal, bullets: children }];
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

  const column = (c: ColumnInput, p: Path, slide: number, slideReveal: boolean): ColumnBlock => {
    const extra = c.ref || c.find ? paragraphs([{ ref: c.ref, find: c.find, source: c.source }], p, slide) : [];
    const reveal = c.reveal ?? slideReveal;
    return {
      title: c.title,
      reveal,
      bullets: bullets(c.bullets, [...p, 'bullets'], slide, reveal),
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
    const reveal = s.reveal ?? false;
    if (s.md !== undefined) checkMarkdownMath(s.md, [...p, 'md']);
    const math = s.math === undefined ? undefined : formula(s.math, [...p, 'math'], true);
    const code = s.code === undefined ? undefined : codeBlock(s.code, s.lang, s.lines);
    if (Array.isArray(code))
      for (const c of code)
        fail(
          [...p, c.field],
          c.field === 'lang' ? 'code/unknown-lang' : 'code/lines',
          c.message,
          c.names ? didYouMean(s.lang ?? '', c.names, 'a language') || c.hint : c.hint,
        );
    else if (s.code === undefined && (s.lang !== undefined || s.lines !== undefined))
      fail(
        [...p, s.lang !== undefined ? 'lang' : 'lines'],
        'code/no-code',
        `${s.lang !== undefined ? 'lang:' : 'lines:'} goes with code: (the code it describes)`,
        'add `code: |` with the code, or remove it',
      );
    const slide: DeckSlide = {
      number,
      id: s.id,
      layout,
      title: s.title,
      subtitle: s.subtitle,
      class: s.class,
      section,
      bullets: bullets(s.bullets, [...p, 'bullets'], number, reveal),
      quote: quote(s.quote, [...p, 'quote'], number),
      paragraphs: paragraphs(s.text, [...p, 'text'], number),
      columns: (s.columns ?? []).map((c, k) => column(c, [...p, 'columns', k], number, reveal)),
      timeline: timeline(s.timeline, [...p, 'timeline'], number),
      ...(math !== undefined ? { math } : {}),
      ...(code && !Array.isArray(code) ? { code } : {}),
      reveal,
      notes: notesInput.flatMap((n, k) => piece(n, typeof s.notes === 'string' ? [...p, 'notes'] : [...p, 'notes', k], number) ?? []),
      citations: [],
      citeLine: '',
      md: s.md,
      ...(s.cite !== undefined || s.locator !== undefined || s.label !== undefined ? { cite: work(s, p) ?? undefined } : {}),
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
    slide.citeLine = lineOf(slide.citations);
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
        part.citeLine = lineOf(part.citations);
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
    // A calendar date (2026-03-14) is written in the lecture's language; any other text as written.
    date: data.date === undefined ? undefined : shownDate(data.date, lang),
    lang,
    theme: options.theme ?? data.theme ?? 'lectern',
    size: data.size ?? '16:9',
    sections,
    slides,
    bibliography: bib
      ? bib.bibliography(bibliography(sources, cited), (name) => [...cited.keys()].filter((a) => a.startsWith(`${name}#`)))
      : bibliography(sources, cited),
    citationStyle: bib?.deckStyle ?? null,
    vars: data.vars ?? {},
    strings,
  };
  return { deck, warnings, sources, citedPassages: cited, references, assets, ...(bib ? { citations: bib } : {}) };
}

/** A deck without a style or bibliography files: a `cite:` has nothing to look its key up in. */
const noCitations = {
  work: (key: string) => ({
    message: `cite: "${key}" needs bibliography files, and the outline and config name none`,
    hint: 'add `bibliography: refs.bib` (BibTeX, CSL-JSON or RIS) to the outline or lectern.config.yaml',
  }),
};

/** The outline's own citation_style and bibliography (a library caller without settings). */
function outlineCitations(outline: LoadedOutline, dirOf: (p: Path) => string): CitationOptions {
  const data = outline.data;
  const style = data.citation_style?.trim();
  const files = data.bibliography === undefined ? [] : typeof data.bibliography === 'string' ? [data.bibliography] : data.bibliography;
  const at = (p: Path) => outline.locate(p);
  return {
    style: style
      ? { value: /\.csl$/i.test(style) || /[/\\]/.test(style) ? path.resolve(dirOf(['citation_style']), style) : style, at: at(['citation_style']) }
      : undefined,
    bibliography: files.map((f, i) => {
      const p: Path = typeof data.bibliography === 'string' ? ['bibliography'] : ['bibliography', i];
      return { file: path.resolve(dirOf(p), f), at: at(p) };
    }),
  };
}

/** Bibliography files and a style file only from inside the project (or allowed folders); the others reported where they are named. */
function confineCitations(
  options: CitationOptions,
  confinement: Confinement | undefined,
  refuse: (at: Partial<Problem>, message: string) => void,
): CitationOptions {
  if (!confinement) return options;
  const bibliography = options.bibliography.filter((b) => {
    const refused = confinement.check(b.file);
    if (refused) refuse(b.at ?? {}, `bibliography: ${refused}`);
    return !refused;
  });
  let style = options.style;
  if (style && path.isAbsolute(style.value)) {
    const refused = confinement.check(style.value);
    if (refused) {
      refuse(style.at ?? {}, `citation_style: ${refused}`);
      style = undefined;
    }
  }
  return { style, bibliography };
}

/** Every `cite:` of the slides, with where it is written. */
function citeUses(slides: SlideInput[], locate: (p: Path) => { file: string; line: number; column: number }): CiteUse[] {
  const uses: CiteUse[] = [];
  const walk = (value: unknown, p: Path) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...p, i]));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'cite' && typeof v === 'string') uses.push({ key: v.trim(), at: locate([...p, k]) });
        else walk(v, [...p, k]);
      }
    }
  };
  slides.forEach((s, i) => walk(s, ['slides', i]));
  return uses;
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
  if (s.code !== undefined) return 'code';
  if (s.text && !s.bullets) return 'text';
  return 'bullets';
}

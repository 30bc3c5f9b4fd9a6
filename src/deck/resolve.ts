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
import type { BibEntry, BulletItem, Citation, ColumnBlock, Deck, DeckSlide, Piece, QuoteBlock, TimelineItem } from './model.js';
import { stringsFor, type Strings } from './strings.js';
import { SourceCache } from './source-cache.js';
import { ImageError, embedImage } from './image.js';
import { splitLong, TooLongError } from './continue.js';
import { timelineEvents } from './timeline.js';
import { movedSinceLock, type References } from './lock.js';
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
  const sources = new Map<string, Source>();
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
        sources.set(name, { ...loaded, name });
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
  const warnings: Problem[] = [...sources.values()].flatMap((s) => s.warnings);
  const cited = new Map<string, { passage: Passage; slides: number[] }>();
  const references: Resolved['references'] = new Map();
  const assets: string[] = [];
  const sourceNames = Object.keys(data.sources ?? {});
  const layouts = options.layouts;

  const citationOf = (passage: Passage): Citation => {
    const meta = passage.source.meta;
    const title = meta.short ?? meta.title ?? passage.source.name;
    const paragraphs = passage.parts.map((p) => p.paragraph.index);
    const pages = [...new Set(passage.parts.map((p) => p.paragraph.page).filter((p): p is string => !!p))];
    const marks = marksOf(passage);
    const citation: Citation = {
      source: passage.source.name,
      address: passage.address,
      short: citeText(title, marks, pages, strings),
      title,
      paragraphs,
      pages,
    };
    citationMarks.set(citation, marks);
    return citation;
  };

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

/**
 * What a citation points at, as its short form names it: a paragraph, or the
 * sentences of one (a long paragraph, or a source of one paragraph: "para. 1"
 * alone would say nothing), or a span across paragraphs that starts or ends
 * inside such a paragraph.
 */
type Mark =
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'sentences'; paragraph: number; from: number; to: number }
  | { kind: 'span'; from: { paragraph: number; sentence?: number }; to: { paragraph: number; sentence?: number } };

/** Sentences are named in a paragraph of more than this many, or in a source of one paragraph. */
export const SENTENCES_CITED_ABOVE = 5;

const citationMarks = new WeakMap<Citation, Mark[]>();

function marksOf(passage: Passage): Mark[] {
  const single = passage.source.paragraphs.length === 1;
  const detailed = (part: Passage['parts'][number]) =>
    !part.whole && part.sentences.length > 0 && (single || part.paragraph.sentences.length > SENTENCES_CITED_ABOVE);
  const sentenceRange = (part: Passage['parts'][number]) => ({ from: part.sentences[0]!.index, to: part.sentences[part.sentences.length - 1]!.index });
  const first = passage.parts[0]!;
  const last = passage.parts[passage.parts.length - 1]!;
  if (passage.parts.length === 1) {
    return [
      detailed(first)
        ? { kind: 'sentences', paragraph: first.paragraph.index, ...sentenceRange(first) }
        : { kind: 'paragraph', paragraph: first.paragraph.index },
    ];
  }
  if (!detailed(first) && !detailed(last)) return passage.parts.map((p) => ({ kind: 'paragraph', paragraph: p.paragraph.index }));
  return [
    {
      kind: 'span',
      from: { paragraph: first.paragraph.index, sentence: detailed(first) ? sentenceRange(first).from : undefined },
      to: { paragraph: last.paragraph.index, sentence: detailed(last) ? sentenceRange(last).to : undefined },
    },
  ];
}

/** "1–3, 5" */
function runs(numbers: number[]): string {
  const nums = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < nums.length; i++) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out.push(j > i ? `${nums[i]}–${nums[j]}` : `${nums[i]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * "абз. 2, 3–5, с. 112"; with sentences of long paragraphs "para. 1, sent.
 * 361–362", "para. 1, sent. 3, 7, para. 2–3", "para. 4, sent. 9 – para. 5".
 */
function citeWhere(marks: Mark[], pages: string[], strings: Strings): string {
  const whole = new Set(marks.flatMap((m) => (m.kind === 'paragraph' ? [m.paragraph] : [])));
  const sentences = new Map<number, number[]>();
  for (const m of marks) {
    if (m.kind !== 'sentences' || whole.has(m.paragraph)) continue;
    const list = sentences.get(m.paragraph) ?? [];
    for (let s = m.from; s <= m.to; s++) list.push(s);
    sentences.set(m.paragraph, list);
  }
  const point = (p: { paragraph: number; sentence?: number }) =>
    `${strings.paragraph} ${p.paragraph}${p.sentence === undefined ? '' : `, ${strings.sentence} ${p.sentence}`}`;
  const spans = [...new Map(marks.flatMap((m) => (m.kind === 'span' ? [[`${point(m.from)} – ${point(m.to)}`, m.from.paragraph] as const] : []))).entries()];
  // In paragraph order: runs of plain paragraphs, a long paragraph's sentences, spans where they start.
  const segments: string[] = [];
  let plain: number[] = [];
  const flush = () => {
    if (plain.length) segments.push(`${strings.paragraph} ${runs(plain)}`);
    plain = [];
  };
  const numbers = [...new Set([...whole, ...sentences.keys(), ...spans.map(([, at]) => at)])].sort((a, b) => a - b);
  for (const n of numbers) {
    if (whole.has(n)) plain.push(n);
    else if (sentences.has(n)) {
      flush();
      segments.push(`${strings.paragraph} ${n}, ${strings.sentence} ${runs(sentences.get(n)!)}`);
    }
    for (const [text, at] of spans) {
      if (at !== n) continue;
      flush();
      segments.push(text);
    }
  }
  flush();
  if (pages.length) segments.push(`${strings.page} ${[...new Set(pages)].join(', ')}`);
  return segments.join(', ');
}

/** "Title, абз. 2, 3–5, с. 112" */
function citeText(title: string, marks: Mark[], pages: string[], strings: Strings): string {
  return [title, citeWhere(marks, pages, strings)].filter(Boolean).join(', ');
}

/** Where a passage is, as a citation names it without the title ("para. 1, sent. 3–5, p. 112"), e.g. for the reading pack. */
export function passageWhere(passage: Passage, strings: Strings): string {
  const pages = [...new Set(passage.parts.map((p) => p.paragraph.page).filter((p): p is string => !!p))];
  return citeWhere(marksOf(passage), pages, strings);
}

/** A slide's citations grouped by source, in order of first appearance. */
function citeLine(citations: Citation[], strings: Strings): string {
  const bySource = new Map<string, Citation[]>();
  for (const c of citations) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
  const marks = (c: Citation): Mark[] => citationMarks.get(c) ?? c.paragraphs.map((paragraph) => ({ kind: 'paragraph', paragraph }));
  return [...bySource.values()]
    .map((list) =>
      citeText(
        list[0]!.title,
        list.flatMap(marks),
        list.flatMap((c) => c.pages),
        strings,
      ),
    )
    .join('; ');
}

/** The sources' files that may be read (a refused one is reported when the sources load). */
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

/** Citations of what the slide shows (not of its notes), once each, in order of appearance. */
function slideCitations(slide: DeckSlide): Citation[] {
  const seen = new Map<string, Citation>();
  const add = (c?: Citation) => {
    if (c && !seen.has(c.address)) seen.set(c.address, c);
  };
  const walk = (items: BulletItem[]) => items.forEach((b) => (add(b.citation), walk(b.bullets)));
  walk(slide.bullets);
  add(slide.quote?.citation);
  slide.paragraphs.forEach((p) => add(p.citation));
  slide.columns.forEach((c) => (walk(c.bullets), add(c.quote?.citation), c.paragraphs.forEach((p) => add(p.citation))));
  slide.timeline.forEach((t) => add(t.citation));
  return [...seen.values()];
}

function bibliography(sources: Map<string, Source>, cited: Resolved['citedPassages']): BibEntry[] {
  const entries: BibEntry[] = [];
  for (const [name, source] of sources) {
    const addresses = [...cited.keys()].filter((a) => a.startsWith(`${name}#`));
    const m = source.meta;
    const title = m.title ?? path.basename(source.file);
    // Each element ends with its full stop: "Author. Title. Publisher, 1905. URL: https://…."
    const entry = [m.author, title, [m.publisher, m.year].filter(Boolean).join(', '), m.url ? `URL: ${m.url}` : '']
      .map((part) => part?.trim() ?? '')
      .filter(Boolean)
      .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
      .join(' ');
    entries.push({ name, entry, title, short: m.short ?? title, url: m.url, cited: addresses });
  }
  return entries;
}

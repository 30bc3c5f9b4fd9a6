/**
 * `lectern draft SOURCE`: a first outline for a source, extractively.
 *
 * The draft follows the source's structure (Markdown headings) or, without
 * headings, its topics (the stretches it dwells on — in a text of one long
 * line as well), and fills each part with its key sentences, each cited by address
 * (`ref:`), so that the outline builds as it is and every line on a slide can
 * be traced to the source. Nothing is generated: all text on the slides is
 * the source's own words, at most shortened with "…".
 *
 * What goes in is chosen by the text's topics (topics.ts: TF-IDF over
 * stemmed sentences, TextRank centrality, topic runs; no network, no model):
 * in a text without headings the stretches where a term keeps coming back
 * much more densely than elsewhere ("corporations", "the Monroe Doctrine")
 * become the sections, the strongest first, named by that term (English) or
 * their key sentence, and each slide's bullets are the sentences most central
 * to its part. Fragments, very long sentences and list lead-ins
 * lose; dates and numbers earn nothing — they go to the timeline only.
 *
 * The outline text is built line by line: every text scalar is written as a
 * JSON string (valid YAML, safe with `#`, `: `, leading `-`, quotes…), and
 * comments say how to edit it.
 */
import { BULLET_FIT, TIMELINE_FIT, textLines } from '../deck/continue.js';
import { filesLang } from '../util/lang.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, usageError } from '../errors.js';
import { formatAddress } from '../sources/address.js';
import { foldForMatch } from '../sources/text.js';
import { loadSource, type Paragraph, type Sentence, type Source } from '../sources/source.js';
import { writeAtomic } from '../util/write.js';
import { findDates, type DateMention } from '../sources/dates/index.js';
import { shortenSentence, timelineEvents, type TimelineEvent } from '../deck/timeline.js';
import { isStopword, textRank, topicModel, topicRuns, type TopicModel, type TopicRun } from './topics.js';

export interface DraftOptions {
  /** About how many slides in total (default 12; clamped to 6–60). */
  slides?: number;
  /** Language of the lecture (default: the source's metadata, else guessed from its letters). */
  lang?: string;
  /** Absolute path of the outline to write. */
  output: string;
  /** Overwrite an existing outline. */
  force?: boolean;
}

/** Limits that keep a slide readable. */
export const DRAFT_LIMITS = {
  defaultSlides: 12,
  minSlides: 6,
  maxSlides: 60,
  /** A bullet longer than this gets a shortened `text:` (the ref keeps the citation). */
  bulletChars: 110,
  /** At most this many characters of bullets on one slide (past the third bullet). */
  slideChars: 420,
  /**
   * And at most this many lines (BULLET_FIT, textLines) (each bullet a little more for the space
   * around it): what one bullet slide holds, so that no drafted slide continues onto another.
   */
  slideLines: BULLET_FIT.lines,
  bulletSpace: BULLET_FIT.itemSpace,
  minBullets: 3,
  maxBullets: 5,
  quoteChars: 300,
  timelineChars: 90,
  timelineEntries: 6,
  maxSections: 8,
  /** A paragraph longer than this many sentences may hold several topics (else a section takes it whole). */
  longParagraph: 12,
  /** Notes cite the slide's whole passage when it is at most this long. */
  notesChars: 1500,
} as const;

// ---------------------------------------------------------------------------------------------
// Public API

/** Build the outline text (YAML with comments) for a source. Pure apart from reading the source. */
export async function draftOutline(sourceFile: string, options: DraftOptions): Promise<string> {
  const file = path.resolve(sourceFile);
  const output = path.resolve(options.output);
  const name = sourceSlug(file);
  // Read exactly as the build will: the metadata's language, else the outline's (which the draft
  // writes: --lang, else the text's script), so that every address written here points at the
  // same sentence when the outline is built.
  const source = { ...(await loadSource(file, undefined, { defaultLang: options.lang ?? (await filesLang([file])) })), name };
  const lang = outlineLang(options.lang, source);
  const heading = /\.(md|markdown)$/i.test(file) ? firstHeading(await readFile(file, 'utf8')) : undefined;
  const plan = planDraft(source, lang, targetSlides(options.slides), heading);
  return writeYaml(plan, source, lang, output);
}

/** draftOutline + write (never overwrites an existing file without force: LecternError code 'draft/exists', exit 1). Returns the path written. */
export async function writeDraft(sourceFile: string, options: DraftOptions): Promise<string> {
  const output = path.resolve(options.output);
  if (!options.force && existsSync(output)) {
    throw inputError('draft/exists', `${output} already exists`, { file: output }, 'pass --force to overwrite it, or choose another name with -o');
  }
  const text = await draftOutline(sourceFile, { ...options, output });
  if (options.force) {
    await writeAtomic(output, text);
    return output;
  }
  // Exclusive creation: a file that appeared while the source was read is not overwritten either.
  await mkdir(path.dirname(output), { recursive: true });
  try {
    await writeFile(output, text, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw inputError('draft/exists', `${output} already exists`, { file: output }, 'pass --force to overwrite it, or choose another name with -o');
    }
    throw err;
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// Options

/**
 * The first ATX heading of a Markdown text (after any front matter). The Source only records
 * headings as the sections of the paragraphs under them, so a title heading followed directly
 * by another heading ("# Title" then "## Part 1") is only seen here.
 */
function firstHeading(text: string): string | undefined {
  const body = text
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/^\uFEFF?---\n[\s\S]*?\n---[ \t]*(?:\n|$)/, '');
  const m = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/m.exec(body);
  return m ? m[1] : undefined;
}

function targetSlides(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DRAFT_LIMITS.defaultSlides;
  return Math.min(DRAFT_LIMITS.maxSlides, Math.max(DRAFT_LIMITS.minSlides, Math.round(n)));
}

function outlineLang(given: string | undefined, source: Source): string {
  if (given !== undefined) {
    const parts = given.trim().split(/[-_]/);
    const code = [parts[0]!.toLowerCase(), ...parts.slice(1)].join('-');
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(code)) throw usageError(`--lang must be a language code such as ru or en, not "${given}"`);
    return code;
  }
  if (source.meta.lang) return source.meta.lang;
  // No metadata: the letters decide between the two languages Lectern knows best.
  let cyr = 0;
  let lat = 0;
  outer: for (const p of source.paragraphs) {
    for (const ch of p.text) {
      if (/[\u0400-\u04FF]/.test(ch)) cyr++;
      else if (/[A-Za-z]/.test(ch)) lat++;
      if (cyr + lat > 20000) break outer;
    }
  }
  return cyr >= lat ? 'ru' : 'en';
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A short name for the source under `sources:` ("ussr-japan-1925.txt" → "ussr"): the first word(s) of the file name, ASCII. */
export function sourceSlug(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const ascii = [...base].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const w of words) {
    if (slug.length >= 4) break;
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 20) break;
    slug = next;
  }
  return slug.slice(0, 20) || 'src';
}

// ---------------------------------------------------------------------------------------------
// Reading the source: sentences with features

interface Item {
  paragraph: Paragraph;
  sentence: Sentence;
  /** Position in the source, 0-based. */
  pos: number;
  address: string;
  text: string;
  /** Content-word stems (topics.ts). */
  stems: string[];
  /** Centrality in the whole text (TextRank, 0–1). */
  rank: number;
  dates: DateMention[];
  quotation?: { start: number; end: number; inner: string };
  score: number;
}

/** A word that a shortened title should not end on: a function word, or a word of one or two letters. */
function isFunctionWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '');
  return (isStopword(word) && /\p{L}/u.test(letters)) || (letters.length <= 2 && /^\p{L}+$/u.test(letters));
}

/** A quotation inside a sentence: «…», “…”, „…“ or "…" with a few words in it. */
function findQuotation(text: string): Item['quotation'] {
  const patterns = [/«([^«»]{12,})»/u, /“([^“”]{12,})”/u, /„([^„“”]{12,})[“”]/u, /"([^"]{12,})"/u];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && m[1]!.trim().split(/\s+/).length >= 3) return { start: m.index, end: m.index + m[0].length, inner: m[1]! };
  }
  return undefined;
}

/** Every sentence with its stems, dates, quotation and score, and the text's topic model. */
function analyse(source: Source, lang: string): { items: Item[]; model: TopicModel } {
  const items: Item[] = [];
  for (const paragraph of source.paragraphs) {
    paragraph.sentences.forEach((sentence) => {
      items.push({
        paragraph,
        sentence,
        pos: items.length,
        address: `${source.name}#${sentence.id}`,
        text: sentence.text,
        stems: [],
        rank: 0,
        dates: findDates(sentence.text, lang),
        quotation: findQuotation(sentence.text),
        score: 0,
      });
    });
  }
  const model = topicModel(items.map((it) => it.text));
  items.forEach((it, i) => {
    it.stems = model.stems[i]!;
    it.rank = model.rank[i]!;
    it.score = 3 * it.rank + quality(it);
  });
  return { items, model };
}

/**
 * How well a sentence reads on a slide, apart from what it says: fragments, very long sentences,
 * lead-ins to a list and questions lose; the opening sentence of a short paragraph (its topic
 * sentence, often) gains a little. Dates and numbers count for nothing here.
 */
function quality(it: Item): number {
  const len = it.text.length;
  const sentences = it.paragraph.sentences.length;
  let s = 0;
  if (it.sentence.index === 1 && sentences > 1 && sentences <= DRAFT_LIMITS.longParagraph) s += 0.5;
  if (len < 30) s -= 2;
  else if (len < 50) s -= 0.5;
  if (len > 220) s -= 0.5;
  if (len > 350) s -= 1;
  if (/[:：]\s*$/.test(it.text)) s -= 1;
  if (/\?\s*[»”"]?$/.test(it.text)) s -= 0.3;
  if (!/\p{L}{2}/u.test(it.text)) s -= 5;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Planning: sections, slides, bullets, quotes, timeline

interface Bullet {
  item: Item;
  /** Shortened text when the sentence is too long for a bullet. */
  text?: string;
}

interface BulletSlide {
  kind: 'bullets';
  title: string;
  bullets: Bullet[];
  /** The passage the slide summarises, for the notes (when short enough). */
  notes?: string;
  range: string;
}

interface QuoteSlide {
  kind: 'quote';
  title: string;
  item: Item;
  find?: string;
  text?: string;
}

interface Section {
  title: string;
  /** Where the title came from, for the comment. */
  titledBy: 'heading' | 'topic' | 'sentence';
  items: Item[];
  slides: Array<BulletSlide | QuoteSlide>;
}

interface Plan {
  title: string;
  titleFrom: 'metadata' | 'heading' | 'first sentence';
  sections: Section[];
  timeline: TimelineEvent[];
  target: number;
  total: number;
}

function planDraft(source: Source, lang: string, target: number, heading: string | undefined): Plan {
  const { items, model } = analyse(source, lang);
  if (items.length === 0) {
    throw inputError('draft/empty-source', `the source has no sentences to draft from: ${source.file}`, { file: source.file });
  }
  const { title, titleFrom: titleOrigin, firstHeadingIsTitle } = deckTitle(source, heading, items);

  // Timeline and quotation candidates decide how much room is left for sections.
  const events = chooseTimeline(source, items, lang);
  const timelineSlides = events.length >= 2 && target >= 7 ? 1 : 0;
  const quotable = items.filter((it) => it.quotation);
  const quotes = target >= 8 ? Math.min(quotable.length, Math.max(1, Math.floor(target / 10))) : 0;
  const room = Math.max(2, target - 3 - timelineSlides - quotes);

  const groups = sectionGroups(items, model, room, firstHeadingIsTitle);
  const bulletBudget = Math.max(groups.length, room - groups.length);
  const counts = allocate(
    groups.map((g) => g.items.length),
    bulletBudget,
  );

  // Quotes: the best quotations of the sections' own text, spread over the sections.
  const inSections = new Set(groups.flatMap((g) => g.items.map((it) => it.pos)));
  const chosenQuotes = chooseQuotes(
    quotable.filter((it) => inSections.has(it.pos)),
    quotes,
    groups,
  );
  const quoted = new Set(chosenQuotes.map((q) => q.pos));
  const counter = new PhraseCounter(source);

  const used = new Set<string>();
  const usedTitles = new Set<string>([title.toLowerCase()]);
  const english = lang.toLowerCase().startsWith('en');
  const sections: Section[] = groups.map((g, gi) => {
    // Each sentence's centrality within its own part: what the part keeps coming back to.
    const local = new Map<number, number>();
    const localRank = textRank(
      model,
      g.items.map((it) => it.pos),
    );
    g.items.forEach((it, k) => local.set(it.pos, localRank[k]!));
    const term = g.topic?.term;
    const byTopic = g.heading === undefined ? topicTitle(model, g.topic, english, usedTitles) : undefined;
    const sectionTitle = g.heading ?? byTopic ?? keyTitle(g.items, local, term, usedTitles, lang);
    const titledBy: Section['titledBy'] = g.heading !== undefined ? 'heading' : byTopic !== undefined ? 'topic' : 'sentence';
    usedTitles.add(sectionTitle.toLowerCase());
    const slides: Section['slides'] = [];
    chunks(g.items, counts[gi]!).forEach((chunk, ci) => {
      const bullets = chooseBullets(
        chunk.filter((it) => !quoted.has(it.pos)),
        used,
        local,
      );
      if (bullets.length === 0) return;
      // A heading names its part's first slide too; otherwise each slide gets its own key words.
      const slideTitle =
        ci === 0 && g.heading !== undefined
          ? sectionTitle
          : keyTitle(
              bullets.map((b) => b.item),
              local,
              term,
              usedTitles,
              lang,
            );
      usedTitles.add(slideTitle.toLowerCase());
      const range = rangeAddress(source, chunk);
      const passageChars = chunk.reduce((n, it) => n + it.text.length + 1, 0);
      slides.push({ kind: 'bullets', title: slideTitle, bullets, range, notes: passageChars <= DRAFT_LIMITS.notesChars ? range : undefined });
    });
    for (const q of chosenQuotes) {
      if (!g.items.includes(q)) continue;
      const own = titleFrom(q.text);
      const quoteTitle = own && !usedTitles.has(own.toLowerCase()) ? own : sectionTitle;
      usedTitles.add(quoteTitle.toLowerCase());
      slides.push(quoteSlide(counter, q, quoteTitle));
    }
    return { title: sectionTitle, titledBy, items: g.items, slides };
  });
  const nonEmpty = sections.filter((s) => s.slides.length > 0);
  const total = 3 + timelineSlides + nonEmpty.reduce((n, s) => n + 1 + s.slides.length, 0);
  return { title, titleFrom: titleOrigin, sections: nonEmpty, timeline: timelineSlides ? events : [], target, total };
}

/**
 * The deck's title: the source's metadata title, else its first heading, else its first sentence
 * (its first words, at a clause boundary when there is one) — never the file name.
 * `firstHeadingIsTitle`: the first heading names paragraphs of its own (an introduction), which
 * therefore get a section title of their own rather than the deck's title again.
 */
function deckTitle(source: Source, heading: string | undefined, items: Item[]): { title: string; titleFrom: Plan['titleFrom']; firstHeadingIsTitle: boolean } {
  if (source.meta.title?.trim()) return { title: oneLine(source.meta.title), titleFrom: 'metadata', firstHeadingIsTitle: false };
  const first = heading ?? source.paragraphs.find((p) => p.section)?.section;
  if (first && cleanHeading(first)) {
    return { title: cleanHeading(first), titleFrom: 'heading', firstHeadingIsTitle: source.paragraphs[0]?.section === first };
  }
  // The first sentence with words in it (a line of dashes or a page number is not a title).
  const opening = items.find((it) => /\p{L}{2}/u.test(it.text)) ?? items[0]!;
  return { title: titleFrom(oneLine(opening.text), 60) || 'Lecture', titleFrom: 'first sentence', firstHeadingIsTitle: false };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A Markdown heading as plain text: no emphasis marks, links reduced to their text. */
function cleanHeading(h: string): string {
  return oneLine(
    h
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
      .replace(/<[^>]+>/g, ''),
  );
}

interface Group {
  heading?: string;
  /** The topic run the section was made from. */
  topic?: TopicRun;
  items: Item[];
}

/**
 * The source's parts: its Markdown headings when it has at least two (adjacent small ones merged
 * to fit the room); else its topics — the text cut where its subject changes (topicBoundaries),
 * neighbouring parts on the same subject joined, and, when there are more parts than sections,
 * the ones the text dwells on most (the largest share of its centrality), in their order.
 */
function sectionGroups(items: Item[], model: TopicModel, room: number, firstHeadingIsTitle: boolean): Group[] {
  const byHeading: Group[] = [];
  for (const it of items) {
    const h = it.paragraph.section;
    const last = byHeading[byHeading.length - 1];
    if (last && last.items[last.items.length - 1]!.paragraph.section === h) last.items.push(it);
    else byHeading.push({ heading: h === undefined ? undefined : cleanHeading(h) || undefined, items: [it] });
  }
  if (firstHeadingIsTitle && byHeading[0]?.heading !== undefined) byHeading[0].heading = undefined;
  const headed = byHeading.filter((g) => g.heading !== undefined).length;
  const maxSections = Math.min(DRAFT_LIMITS.maxSections, Math.max(1, Math.floor(room / 2)));
  if (headed >= 2) {
    const groups = byHeading.map((g) => ({ ...g, items: [...g.items] }));
    // Merge the smallest adjacent pair until the sections fit; text before the first heading goes first.
    const cost = (i: number) =>
      groups[i]!.items.length + groups[i + 1]!.items.length - (groups[i]!.heading === undefined || groups[i + 1]!.heading === undefined ? 1e6 : 0);
    while (groups.length > maxSections) {
      let best = 0;
      for (let i = 1; i + 1 < groups.length; i++) if (cost(i) < cost(best)) best = i;
      const [a, b] = [groups[best]!, groups[best + 1]!];
      groups.splice(best, 2, { heading: a.heading ?? b.heading, items: [...a.items, ...b.items] });
    }
    return groups;
  }
  const wanted = Math.max(1, Math.min(Math.round(room / 2.5), maxSections, Math.floor(items.length / 3)));
  return topicGroups(items, model, wanted);
}

/**
 * Sections of a text without headings, by topic: the strongest topic runs (topics.ts) in turn —
 * a run that overlaps a section already chosen widens it (railroad rates within the discussion of
 * corporations), at most to twice its size, else is left out; a run clear of the others is a new
 * section — until there are `wanted` sections. Runs cover whole paragraphs when the paragraphs are
 * short. Then, if sections are still missing (a short text, or one that never dwells on anything),
 * the largest stretches left between them. In the order of the text.
 */
function topicGroups(items: Item[], model: TopicModel, wanted: number): Group[] {
  const n = items.length;
  // Whole paragraphs, unless a paragraph is long enough to hold several topics.
  const snap = (from: number, to: number): [number, number] => {
    const a = items[from]!;
    const b = items[to]!;
    if (a.paragraph.sentences.length <= DRAFT_LIMITS.longParagraph) from -= a.sentence.index - 1;
    if (b.paragraph.sentences.length <= DRAFT_LIMITS.longParagraph) to += b.paragraph.sentences.length - b.sentence.index;
    return [from, to];
  };
  const maxGap = Math.max(5, Math.min(12, Math.round(n / 25)));
  const runs = topicRuns(model, maxGap);
  interface Part {
    from: number;
    to: number;
    core: number;
    topic?: TopicRun;
  }
  const parts: Part[] = [];
  for (const run of runs) {
    if (parts.length >= wanted) break;
    const [from, to] = snap(run.from, run.to);
    const touched = parts.filter((p) => p.from <= to && from <= p.to);
    if (touched.length === 0) {
      parts.push({ from, to, core: to - from + 1, topic: labelled(run, runs) });
      continue;
    }
    const part = touched[0]!;
    const union: [number, number] = [Math.min(part.from, from), Math.max(part.to, to)];
    // Widen a section only with a run of its own, only so far, and never into another section.
    if (touched.length === 1 && union[1] - union[0] + 1 <= 2 * part.core && !parts.some((p) => p !== part && p.from <= union[1] && union[0] <= p.to)) {
      [part.from, part.to] = union;
    }
  }
  // Fill up with what is left between the sections, largest first.
  while (parts.length < wanted) {
    const taken = [...parts].sort((a, b) => a.from - b.from);
    let best: [number, number] | undefined;
    let at = 0;
    for (const p of [...taken, { from: n, to: n }]) {
      if (p.from - at >= 3 && (!best || p.from - at > best[1] - best[0] + 1)) best = [at, p.from - 1];
      at = p.to + 1;
    }
    if (!best) break;
    parts.push({ from: best[0], to: best[1], core: best[1] - best[0] + 1 });
  }
  return parts.sort((a, b) => a.from - b.from).map((p) => ({ items: items.slice(p.from, p.to + 1), topic: p.topic }));
}

/** A run named by a pair of words when the pair makes up most of the word's run ("Doctrine" → "Monroe Doctrine"). */
function labelled(run: TopicRun, runs: TopicRun[]): TopicRun {
  if (run.term.includes(' ')) return run;
  const pair = runs.find(
    (r) => r.term.split(' ').length === 2 && r.term.split(' ').includes(run.term) && r.from <= run.to && run.from <= r.to && r.count >= 0.75 * run.count,
  );
  return pair ? { ...run, term: pair.term, label: pair.label } : run;
}

/** Share `budget` slides among sections by size (each at least one, at most one per four sentences). */
function allocate(sizes: number[], budget: number): number[] {
  const caps = sizes.map((n) => Math.max(1, Math.ceil(n / 4)));
  const counts = sizes.map(() => 1);
  let left = budget - counts.length;
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  while (left > 0) {
    // The section furthest below its fair share that can still take a slide.
    let best = -1;
    let bestGap = -Infinity;
    sizes.forEach((n, i) => {
      if (counts[i]! >= caps[i]!) return;
      const gap = (n / total) * budget - counts[i]!;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    });
    if (best < 0) break;
    counts[best]!++;
    left--;
  }
  return counts;
}

/** Consecutive runs of about equal size. */
function chunks<T>(list: T[], count: number): T[][] {
  const n = Math.max(1, Math.min(count, list.length));
  const out: T[][] = [];
  for (let k = 0; k < n; k++) out.push(list.slice(Math.round((k * list.length) / n), Math.round(((k + 1) * list.length) / n)));
  return out;
}

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key sentences of a run: the most central to their part (local TextRank) and to the whole
 * text, reading well on a slide; not near-duplicates; then in source order.
 */
function chooseBullets(candidates: Item[], used: Set<string>, local: Map<number, number>): Bullet[] {
  const usable = candidates.filter((it) => /\p{L}{2}/u.test(it.text) && it.text.length >= 20);
  // A text of nothing but fragments still gets its fragments rather than an empty slide.
  const pool = usable.length ? usable : candidates.filter((it) => /\p{L}/u.test(it.text));
  const worth = (it: Item) => it.score + 3 * (local.get(it.pos) ?? 0);
  const ranked = pool.sort((a, b) => worth(b) - worth(a) || a.pos - b.pos);
  const chosen: Bullet[] = [];
  let chars = 0;
  let lines = 0;
  for (const item of ranked) {
    if (chosen.length >= DRAFT_LIMITS.maxBullets) break;
    const key = normal(item.text);
    if (used.has(key)) continue;
    if (chosen.some((b) => overlap(b.item.stems, item.stems) > 0.6)) continue;
    const text = item.text.length > DRAFT_LIMITS.bulletChars ? bulletText(item) : undefined;
    const shown = (text ?? item.text).length;
    const height = textLines(text ?? item.text, BULLET_FIT.perLine) + DRAFT_LIMITS.bulletSpace;
    if (chosen.length > 0 && lines + height > DRAFT_LIMITS.slideLines) break;
    if (chosen.length >= DRAFT_LIMITS.minBullets && chars + shown > DRAFT_LIMITS.slideChars) break;
    chosen.push({ item, text });
    chars += shown;
    lines += height;
    used.add(key);
  }
  return chosen.sort((a, b) => a.item.pos - b.item.pos);
}

function bulletText(item: Item): string {
  const d = item.dates[0];
  return shortenSentence(item.text, d ? { start: d.start, end: d.end } : { start: 0, end: 0 }, DRAFT_LIMITS.bulletChars);
}

/** Share of the smaller set of stems found in the other. */
function overlap(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / Math.min(sa.size, sb.size);
}

const LEADING_WORDS = new Set([
  'однако',
  'но',
  'и',
  'а',
  'так',
  'также',
  'затем',
  'поэтому',
  'итак',
  'впрочем',
  'тем',
  'более',
  'кроме',
  'того',
  'таким',
  'образом',
  'фактически',
  'but',
  'and',
  'however',
  'so',
  'thus',
  'then',
  'also',
  'moreover',
  'therefore',
  'yet',
  'still',
  'indeed',
  'meanwhile',
]);

/**
 * An English section title from its topic, as the text writes it ("Monroe Doctrine",
 * "Corporations"), when the text uses it as a noun ("the navy", not "meanwhile" or "secret"). Other languages get key-sentence titles (keyTitle): a Russian key word may
 * stand in any case.
 */
function topicTitle(model: TopicModel, topic: TopicRun | undefined, english: boolean, usedTitles: Set<string>): string | undefined {
  if (!english || !topic || !/\p{L}{3}/u.test(topic.label) || model.nounUses(topic.term) === 0) return undefined;
  let label = topic.label;
  // A subject in general reads better in the plural ("Corporations"), when the text uses it too.
  if (/^\p{Ll}+$/u.test(label)) {
    const forms = model.forms(topic.term);
    const plural = [`${label}s`, `${label}es`].find((f) => (forms.get(f) ?? 0) >= 0.5 * (forms.get(label) ?? 0));
    if (plural) label = plural;
  }
  const title = label.charAt(0).toUpperCase() + label.slice(1);
  return usedTitles.has(title.toLowerCase()) ? undefined : title;
}

/**
 * A title from the first words of a run's key sentence: the most central one, best if it has the
 * section's topic term; a sentence that opens with a date ("In its note of December 16…") comes last.
 */
function keyTitle(items: Item[], local: Map<number, number>, term: string | undefined, usedTitles: Set<string>, lang: string): string {
  const worth = (it: Item) => it.score + 3 * (local.get(it.pos) ?? 0) + (term !== undefined && sentenceHas(it, term) ? 1 : 0);
  const datedStart = (it: Item) => (it.dates.some((d) => d.start < 48) ? 1 : 0);
  const ranked = [...items].sort((a, b) => datedStart(a) - datedStart(b) || worth(b) - worth(a) || a.pos - b.pos);
  for (const it of ranked) {
    const t = titleFrom(it.text);
    if (t && !usedTitles.has(t.toLowerCase())) return t;
  }
  const fallback = lang.startsWith('ru') ? 'Основные положения' : 'Key points';
  let t = fallback;
  for (let n = 2; usedTitles.has(t.toLowerCase()); n++) t = `${fallback} (${n})`;
  return t;
}

/** Whether a sentence has a term (a stem, or a pair of stems side by side). */
function sentenceHas(it: Item, term: string): boolean {
  const parts = term.split(' ');
  if (parts.length === 1) return it.stems.includes(term);
  return it.stems.some((s, i) => s === parts[0] && it.stems[i + 1] === parts[1]);
}

export function titleFrom(sentence: string, max = 48): string {
  const words = sentence
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[\s.!?…]+$/u, '')
    .split(/\s+/)
    .filter(Boolean);
  // Leave out connectives that only make sense after the previous sentence ("Однако", "Так,", "However,").
  while (words.length > 3 && LEADING_WORDS.has(words[0]!.toLowerCase().replace(/[^\p{L}]/gu, ''))) words.shift();
  const kept: string[] = [];
  let length = -1;
  let cut = false;
  for (const w of words) {
    if (length + 1 + w.length > max) {
      cut = true;
      break;
    }
    kept.push(w);
    length += 1 + w.length;
    // A clause boundary after a few words makes a natural end.
    if (/[,;:]$/.test(w) && length >= 20) break;
  }
  // A cut title does not end on a preposition or conjunction ("… в…").
  while (cut && kept.length > 2 && isFunctionWord(kept[kept.length - 1]!)) kept.pop();
  let out = kept.length ? kept.join(' ') : (words[0] ?? '').slice(0, max);
  out = out.replace(/[\s,;:—–-]+$/u, '');
  // Unbalanced quotes or brackets left by the cut are dropped.
  out = out.replace(/[«“„"(\[]([^»”"\])]*)$/u, '$1');
  if (cut) out += '…';
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function rangeAddress(source: Source, run: Item[]): string {
  const a = run[0]!;
  const b = run[run.length - 1]!;
  const whole = a.sentence.index === 1 && b.sentence.index === b.paragraph.sentences.length;
  return formatAddress({
    source: source.name,
    from: { paragraph: a.paragraph.index, sentence: whole ? undefined : a.sentence.index },
    to: { paragraph: b.paragraph.index, sentence: whole ? undefined : b.sentence.index },
  });
}

/** Up to n quotations, best first, at most one per section while others have none. */
function chooseQuotes(candidates: Item[], n: number, groups: Group[]): Item[] {
  if (n <= 0) return [];
  const groupOf = new Map<number, number>();
  groups.forEach((g, gi) => g.items.forEach((it) => groupOf.set(it.pos, gi)));
  // Central sentences with a quotation that says something: the longer the better, up to what a quote slide shows well.
  const quality = (it: Item) => {
    const len = it.quotation!.inner.length;
    return 3 * it.rank + Math.min(len, 250) / 100 - (len > 400 ? 1 : 0);
  };
  const ranked = [...candidates].sort((a, b) => quality(b) - quality(a) || a.pos - b.pos);
  const chosen: Item[] = [];
  const perGroup = new Map<number, number>();
  for (let round = 1; chosen.length < n && round <= n; round++) {
    for (const it of ranked) {
      if (chosen.length >= n) break;
      const g = groupOf.get(it.pos) ?? 0;
      if (chosen.includes(it) || (perGroup.get(g) ?? 0) >= round) continue;
      if (chosen.some((c) => normal(c.quotation!.inner) === normal(it.quotation!.inner))) continue;
      chosen.push(it);
      perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    }
  }
  return chosen.sort((a, b) => a.pos - b.pos);
}

/**
 * Counts occurrences of a phrase the way `find:` matches (src/sources/select.ts: folded case,
 * quotes, dashes, spaces and ё), over the whole source, folding each paragraph once.
 */
class PhraseCounter {
  private folded: string[] | undefined;
  constructor(private readonly source: Source) {}
  /** 0, 1 or 2 (= more than one). */
  count(phrase: string): number {
    this.folded ??= this.source.paragraphs.map((p) => foldForMatch(p.text).folded);
    const needle = foldForMatch(phrase).folded;
    if (!needle) return 2;
    let n = 0;
    for (const hay of this.folded) {
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) if (++n > 1) return n;
    }
    return n;
  }
}

/** A quote slide: found by a distinctive fragment of the quotation when one is unique, else by address. */
function quoteSlide(counter: PhraseCounter, item: Item, title: string): QuoteSlide {
  const q = item.quotation!;
  const slide: QuoteSlide = { kind: 'quote', title, item };
  const words = q.inner.trim().split(/\s+/);
  const tries: string[] = [];
  for (const size of [5, 8, words.length]) {
    if (size > words.length || (size === words.length && size > 16)) continue;
    for (let start = 0; start + size <= words.length && tries.length < 12; start += Math.max(2, Math.floor(size / 2))) {
      tries.push(words.slice(start, start + size).join(' '));
    }
  }
  for (const raw of tries) {
    // "…" and "..." mean "skip words" in find:, and brackets may hold "[…]": leave those out.
    const fragment = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (fragment.length < 12 || /…|\.\.\.|\[|\]/.test(fragment)) continue;
    if (counter.count(fragment) === 1) {
      slide.find = fragment;
      break;
    }
  }
  if (item.text.length > DRAFT_LIMITS.quoteChars) {
    // Show the quotation itself (with its marks); the reference still cites the sentence.
    const open = item.text.slice(q.start, q.start + 1);
    const close = item.text.slice(q.end - 1, q.end);
    const inner = q.inner.trim();
    slide.text =
      inner.length + 2 <= DRAFT_LIMITS.quoteChars
        ? `${open}${inner}${close}`
        : `${open}${shortenSentence(inner, { start: 0, end: 0 }, DRAFT_LIMITS.quoteChars - 2)}${close}`;
  }
  return slide;
}

/** The dated events worth a timeline: distinct, the most precise and best-scored first, in date order. */
function chooseTimeline(source: Source, items: Item[], lang: string): TimelineEvent[] {
  const dated = items.filter((it) => it.dates.length > 0);
  const all = timelineEvents(source, dated, lang);
  const byAddress = new Map(items.map((it) => [it.address, it]));
  const precision: Record<DateMention['precision'], number> = { day: 3, month: 2.5, year: 2, range: 1.5, decade: 1, century: 0.5 };
  const seen = new Set<string>();
  const distinct = all.filter((e) => {
    const key = `${e.date.sortKey}|${e.date.endKey ?? ''}|${e.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const ranked = [...distinct].sort(
    (a, b) => precision[b.date.precision] + (byAddress.get(b.address)?.score ?? 0) - (precision[a.date.precision] + (byAddress.get(a.address)?.score ?? 0)),
  );
  // The best events, as many as one timeline slide holds (TIMELINE_FIT): a drafted slide never continues.
  const keep = new Set<TimelineEvent>();
  let lines = 0;
  for (const e of ranked.slice(0, DRAFT_LIMITS.timelineEntries)) {
    const height = textLines(e.text, TIMELINE_FIT.perLine) + TIMELINE_FIT.itemSpace;
    if (keep.size > 0 && lines + height > TIMELINE_FIT.lines) continue;
    keep.add(e);
    lines += height;
  }
  return distinct.filter((e) => keep.has(e));
}

// ---------------------------------------------------------------------------------------------
// Writing the outline

/** A YAML scalar that is always read back as this exact string: a JSON string, with YAML's extra line breaks escaped. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\u0085\u2028\u2029\uFEFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of a YAML comment: never a line break inside. */
function comment(s: string): string {
  return `# ${s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')}`.trimEnd();
}

interface Words {
  timeline: string;
  head: (info: { name: string; source: string; passages: string; outline: string; titleFrom: string; target: number; total: number }) => string[];
  sectionNote: (range: string, titledBy: Section['titledBy']) => string;
  bulletsNote: string;
  quoteNote: string;
  timelineNote: string;
  slidesNote: string;
}

const RU: Words = {
  timeline: 'Хронология',
  head: ({ name, source, passages, outline, titleFrom, target, total }) => [
    `Черновик лекции, составленный \`lectern draft\` по источнику ${source}`,
    `(около ${target} слайдов; получилось ${total}). Название взято из ${titleFrom === 'metadata' ? 'метаданных источника' : titleFrom === 'heading' ? 'первого заголовка' : 'первого предложения'}.`,
    'Всё, что показано на слайдах, — предложения источника, найденные автоматически: проверьте, замените, удалите.',
    '',
    'Как править:',
    `  ref: ${name}#p2.s3 — предложение 3 абзаца 2: слайд показывает его и ссылается на него;`,
    `      ${name}#p2 — абзац, ${name}#p2.s1-s3 — несколько предложений, ${name}#p2-p4 — абзацы.`,
    '  text: рядом с ref — свои слова вместо предложения (здесь — сокращённые), ссылка остаётся.',
    '  find: "фраза" — предложение, содержащее фразу (не зависит от нумерации).',
    '  notes: — заметки лектора (в HTML-версии и раздаточных материалах).',
    `Все адреса с текстом:  lectern passages ${passages}`,
    `Проверка и сборка:     lectern check ${outline} && lectern build ${outline}`,
    'Макеты (layout): title, agenda, section, bullets, quote, text, two-column, timeline, image, sources, questions.',
  ],
  sectionNote: (range, by) =>
    `Раздел: ${range}${by === 'heading' ? ' (заголовок источника)' : by === 'topic' ? ' (название — ключевое слово темы; замените своим)' : ' (название — начало ключевого предложения; замените своим)'}`,
  bulletsNote: 'Пункты — ключевые предложения этой части; длинные сокращены в text:, ref сохраняет ссылку.',
  quoteNote: 'Цитата найдена по фрагменту (find:) или по адресу (ref:).',
  timelineNote: 'Даты найдены в предложениях источника; date — как показать дату, ref — откуда она.',
  slidesNote: 'Слайды: title — титульный, agenda — план (из слайдов section), sources — список источников.',
};

const EN: Words = {
  timeline: 'Timeline',
  head: ({ name, source, passages, outline, titleFrom, target, total }) => [
    `A draft lecture made by \`lectern draft\` from ${source}`,
    `(about ${target} slides asked; ${total} made). The title comes from the ${titleFrom === 'metadata' ? "source's metadata" : titleFrom === 'heading' ? 'first heading' : 'first sentence'}.`,
    'Everything on the slides is a sentence of the source, picked automatically: check, replace, delete.',
    '',
    'How to edit:',
    `  ref: ${name}#p2.s3 — sentence 3 of paragraph 2: the slide shows it and cites it;`,
    `      ${name}#p2 is a paragraph, ${name}#p2.s1-s3 several sentences, ${name}#p2-p4 paragraphs.`,
    '  text: beside ref — your own words instead of the sentence (here: shortened); the citation stays.',
    '  find: "a phrase" — the sentence containing the phrase (survives renumbering).',
    '  notes: — speaker notes (HTML deck and handouts).',
    `Every address with its text:  lectern passages ${passages}`,
    `Check and build:              lectern check ${outline} && lectern build ${outline}`,
    'Layouts: title, agenda, section, bullets, quote, text, two-column, timeline, image, sources, questions.',
  ],
  sectionNote: (range, by) =>
    `Section: ${range}${by === 'heading' ? " (the source's heading)" : by === 'topic' ? ' (titled with the key term of its topic; give it your own)' : ' (titled with the first words of its key sentence; give it your own)'}`,
  bulletsNote: 'Bullets: the key sentences of this part; long ones are shortened in text:, the ref keeps the citation.',
  quoteNote: 'The quotation is found by a fragment (find:) or by address (ref:).',
  timelineNote: "Dates found in the source's sentences; date is how it shows, ref where it comes from.",
  slidesNote: 'Slides: title is the title slide, agenda lists the section slides, sources lists the sources.',
};

/** The nearest folder above `from` holding `rel` (a file or folder), or undefined. */
function findUp(from: string, rel: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, rel))) return path.join(dir, rel);
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const posix = (p: string) => p.split(path.sep).join('/');

/** Where the user probably runs lectern: the config's folder, else the folder above outlines/, else the outline's. */
function projectRoot(outDir: string): string {
  const config = findUp(outDir, 'lectern.config.yaml');
  if (config) return path.dirname(config);
  return path.basename(outDir) === 'outlines' ? path.dirname(outDir) : outDir;
}

/** A path for a command line: relative, forward slashes, quoted when it has spaces. */
function shellPath(p: string): string {
  return /^[\w./@%+=:,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

function writeYaml(plan: Plan, source: Source, lang: string, output: string): string {
  const words = lang.startsWith('ru') ? RU : EN;
  const outDir = path.dirname(output);
  const root = projectRoot(outDir);
  const lines: string[] = [];
  const schema = findUp(outDir, path.join('schema', 'outline.schema.json'));
  if (schema) {
    let rel = posix(path.relative(outDir, schema));
    if (!rel.startsWith('.')) rel = `./${rel}`;
    lines.push(`# yaml-language-server: $schema=${rel}`, '#');
  }
  const fromRoot = (p: string) => shellPath(posix(path.relative(root, p)) || '.');
  for (const l of words.head({
    name: source.name,
    source: posix(path.relative(root, source.file)),
    passages: fromRoot(source.file),
    outline: fromRoot(output),
    titleFrom: plan.titleFrom,
    target: plan.target,
    total: plan.total,
  })) {
    lines.push(l ? comment(l) : '#');
  }
  const sourcePath = posix(path.relative(outDir, source.file)) || path.basename(source.file);
  lines.push(
    `title: ${yamlString(plan.title)}`,
    `lang: ${yamlString(lang)}`,
    'sources:',
    `  ${source.name}: ${yamlString(sourcePath)}`,
    '',
    comment(words.slidesNote),
    'slides:',
    '  - id: title',
    '    layout: title',
    '',
    '  - id: agenda',
    '    layout: agenda',
  );
  plan.sections.forEach((section, si) => {
    const n = si + 1;
    lines.push('', `  ${comment(words.sectionNote(rangeAddress(source, section.items), section.titledBy))}`);
    lines.push(`  - id: section-${n}`, '    layout: section', `    title: ${yamlString(section.title)}`);
    let b = 0;
    let q = 0;
    for (const slide of section.slides) {
      lines.push('');
      if (slide.kind === 'bullets') {
        b++;
        if (b === 1) lines.push(`  ${comment(words.bulletsNote)}`);
        lines.push(`  - id: part-${n}-${b}`, `    title: ${yamlString(slide.title)}`, '    bullets:');
        for (const bullet of slide.bullets) {
          if (bullet.text !== undefined) {
            lines.push(`      - text: ${yamlString(bullet.text)}`, `        ref: ${yamlString(bullet.item.address)}`);
          } else {
            lines.push(`      - ref: ${yamlString(bullet.item.address)}`);
          }
        }
        if (slide.notes) lines.push('    notes:', `      - ref: ${yamlString(slide.notes)}`);
      } else {
        q++;
        lines.push(`  ${comment(words.quoteNote)}`);
        lines.push(`  - id: quote-${n}-${q}`, '    layout: quote', `    title: ${yamlString(slide.title)}`, '    quote:');
        if (slide.find !== undefined) lines.push(`      find: ${yamlString(slide.find)}`, `      # ref: ${slide.item.address}`);
        else lines.push(`      ref: ${yamlString(slide.item.address)}`);
        if (slide.text !== undefined) lines.push(`      text: ${yamlString(slide.text)}`);
      }
    }
  });
  if (plan.timeline.length) {
    lines.push('', `  ${comment(words.timelineNote)}`, '  - id: timeline', '    layout: timeline', `    title: ${yamlString(words.timeline)}`, '    timeline:');
    for (const e of plan.timeline) {
      lines.push(`      - date: ${yamlString(e.label)}`, `        text: ${yamlString(e.text)}`, `        ref: ${yamlString(e.address)}`);
    }
  }
  lines.push('', '  - id: sources', '    layout: sources', '');
  return lines.join('\n');
}

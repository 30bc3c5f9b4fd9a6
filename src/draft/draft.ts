/**
 * `lectern draft SOURCE`: a first outline for a source, extractively.
 *
 * The draft follows the source's structure (Markdown headings, or groups of
 * consecutive paragraphs — or of sentences, for a text that is one long
 * line), and fills each part with its key sentences, each cited by address
 * (`ref:`), so that the outline builds as it is and every line on a slide can
 * be traced to the source. Nothing is generated: all text on the slides is
 * the source's own words, at most shortened with "…".
 *
 * Sentences are ranked by a few cheap, explainable signals (no network, no
 * model): term weight (TF-IDF over blocks of the source, with a crude prefix
 * stemmer that copes with Russian inflection), position in the paragraph,
 * dates, numbers and capitalised names, with penalties for fragments, very
 * long sentences and list lead-ins. Everything is linear or n·log n in the
 * source's size.
 *
 * The outline text is built line by line: every text scalar is written as a
 * JSON string (valid YAML, safe with `#`, `: `, leading `-`, quotes…), and
 * comments say how to edit it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, usageError } from '../errors.js';
import { formatAddress } from '../sources/address.js';
import { foldForMatch } from '../sources/text.js';
import { loadSource, type Paragraph, type Sentence, type Source } from '../sources/source.js';
import { writeAtomic } from '../build/write.js';
import { findDates, type DateMention } from './dates.js';
import { shortenSentence, timelineEvents, type TimelineEvent } from './timeline.js';

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
  minBullets: 3,
  maxBullets: 5,
  quoteChars: 300,
  timelineChars: 90,
  timelineEntries: 6,
  maxSections: 8,
  /** A paragraph longer than this many sentences is cut into blocks of `blockSentences`. */
  longParagraph: 12,
  blockSentences: 8,
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
  // Read exactly as the build will (the resolver loads sources without a language override),
  // so that every address written here points at the same sentence when the outline is built.
  const source = { ...(await loadSource(file)), name };
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
  const body = text.replace(/\r\n?/g, '\n').normalize('NFC').replace(/^\uFEFF?---\n[\s\S]*?\n---[ \t]*(?:\n|$)/, '');
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
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A short name for the source under `sources:` ("ussr-japan-1925.txt" → "ussr"): the first word(s) of the file name, ASCII. */
export function sourceSlug(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
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
  /** The block (paragraph, or part of a long one) it belongs to. */
  block: number;
  address: string;
  text: string;
  stems: string[];
  dates: DateMention[];
  quotation?: { start: number; end: number; inner: string };
  score: number;
}

const STOP_RU = new Set(
  ('и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему ' +
    'теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где ' +
    'есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ' +
    'ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше ' +
    'тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более ' +
    'всегда конечно всю между также однако этих которые который которая которых которой своей своих свой своего также является были было')
    .split(' '),
);
const STOP_EN = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by could did do ' +
    'does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its ' +
    'itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some ' +
    'such than that the their theirs them themselves then there these they this those through to too under until up very was we were what ' +
    'when where which while who whom why will with would you your yours yourself also however thus therefore many much may might must one ' +
    'two three its upon whose within without yet since still even though although among another every made make made new first last later')
    .split(' '),
);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

/** A crude stem: lower case, ё→е; Cyrillic words cut to 6 letters, Latin words lose a plural/verb ending and are cut to 7. */
function stem(word: string): string {
  let w = word.toLowerCase().replace(/ё/g, 'е').replace(/[’']/g, '');
  if (/[\u0400-\u04FF]/.test(w)) return w.slice(0, 6);
  w = w.replace(/(?:ies|es|s|ed|ing|ly)$/, '');
  return w.slice(0, 7);
}

function isFunctionWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[^\p{L}]/gu, '');
  return STOP_RU.has(w) || STOP_EN.has(w) || (w.length <= 2 && w.length === word.replace(/[^\p{L}\p{N}]/gu, '').length);
}

function isStop(lower: string): boolean {
  return lower.length < 3 || STOP_RU.has(lower) || STOP_EN.has(lower) || /^\d+$/.test(lower);
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

/** Every sentence with its stems, dates, quotation and score. */
function analyse(source: Source, lang: string): Item[] {
  const items: Item[] = [];
  let block = -1;
  for (const paragraph of source.paragraphs) {
    const long = paragraph.sentences.length > DRAFT_LIMITS.longParagraph;
    paragraph.sentences.forEach((sentence, i) => {
      if (i === 0 || (long && i % DRAFT_LIMITS.blockSentences === 0)) block++;
      const stems: string[] = [];
      for (const m of sentence.text.matchAll(WORD)) {
        const lower = m[0].toLowerCase();
        if (!isStop(lower)) stems.push(stem(lower));
      }
      items.push({
        paragraph,
        sentence,
        pos: items.length,
        block,
        address: `${source.name}#${sentence.id}`,
        text: sentence.text,
        stems,
        dates: findDates(sentence.text, lang),
        quotation: findQuotation(sentence.text),
        score: 0,
      });
    });
  }
  score(items, block + 1);
  return items;
}

/** Extractive score: term weight (TF-IDF over blocks), position, dates, numbers, names, length. */
function score(items: Item[], blocks: number): void {
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  let lastBlock = -1;
  let seen = new Set<string>();
  for (const it of items) {
    if (it.block !== lastBlock) {
      seen = new Set();
      lastBlock = it.block;
    }
    for (const s of it.stems) {
      tf.set(s, (tf.get(s) ?? 0) + 1);
      if (!seen.has(s)) {
        seen.add(s);
        df.set(s, (df.get(s) ?? 0) + 1);
      }
    }
  }
  const weight = (s: string) => Math.log(1 + (tf.get(s) ?? 0)) * Math.log(1 + blocks / (df.get(s) ?? 1));
  const raw = items.map((it) => {
    const distinct = [...new Set(it.stems)];
    if (distinct.length === 0) return 0;
    // Mean weight of the sentence's terms, a little in favour of sentences with more of them.
    const sum = distinct.reduce((acc, s) => acc + weight(s), 0);
    return sum / Math.pow(distinct.length, 0.6);
  });
  const top = Math.max(1e-9, ...raw);
  items.forEach((it, i) => {
    const len = it.text.length;
    const first = it.sentence.index === 1 && it.paragraph.sentences.length > 1;
    const last = it.sentence.index === it.paragraph.sentences.length && it.paragraph.sentences.length > 2;
    const words = it.text.split(/\s+/);
    const names = words.slice(1).filter((w) => /^[«“„"(]?\p{Lu}\p{Ll}/u.test(w)).length;
    let s = (3 * raw[i]!) / top;
    if (first && it.paragraph.sentences.length <= DRAFT_LIMITS.longParagraph) s += 1;
    if (last) s += 0.2;
    if (it.dates.length) s += 1;
    if (/\d/.test(it.text)) s += 0.3;
    s += 0.2 * Math.min(names, 3);
    if (len < 30) s -= 2;
    else if (len < 50) s -= 0.5;
    if (len > 220) s -= 0.5;
    if (len > 350) s -= 1;
    if (/[:：]\s*$/.test(it.text)) s -= 1;
    if (/\?\s*[»”"]?$/.test(it.text)) s -= 0.3;
    if (!/\p{L}{2}/u.test(it.text)) s -= 5;
    it.score = s;
  });
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
  fromHeading: boolean;
  items: Item[];
  slides: Array<BulletSlide | QuoteSlide>;
}

interface Plan {
  title: string;
  titleFrom: 'metadata' | 'heading' | 'file name';
  sections: Section[];
  timeline: TimelineEvent[];
  target: number;
  total: number;
}

function planDraft(source: Source, lang: string, target: number, heading: string | undefined): Plan {
  const items = analyse(source, lang);
  if (items.length === 0) {
    throw inputError('draft/empty-source', `the source has no sentences to draft from: ${source.file}`, { file: source.file });
  }
  const { title, titleFrom: titleOrigin, firstHeadingIsTitle } = deckTitle(source, heading);

  // Timeline and quotation candidates decide how much room is left for sections.
  const events = chooseTimeline(source, items, lang);
  const timelineSlides = events.length >= 2 && target >= 7 ? 1 : 0;
  const quoteCandidates = items.filter((it) => it.quotation);
  const quotes = target >= 8 ? Math.min(quoteCandidates.length, Math.max(1, Math.floor(target / 10))) : 0;
  const room = Math.max(2, target - 3 - timelineSlides - quotes);

  const groups = sectionGroups(items, room, firstHeadingIsTitle);
  const bulletBudget = Math.max(groups.length, room - groups.length);
  const counts = allocate(groups.map((g) => g.items.length), bulletBudget);

  // Quotes: the best quotations, spread over the sections.
  const chosenQuotes = chooseQuotes(quoteCandidates, quotes, groups);
  const quoted = new Set(chosenQuotes.map((q) => q.pos));
  const counter = new PhraseCounter(source);

  const used = new Set<string>();
  const usedTitles = new Set<string>([title.toLowerCase()]);
  const sections: Section[] = groups.map((g, gi) => {
    const sectionTitle = g.heading ?? keyTitle(g.items, usedTitles, lang);
    usedTitles.add(sectionTitle.toLowerCase());
    const slides: Section['slides'] = [];
    chunks(g.items, counts[gi]!).forEach((chunk, ci) => {
      const bullets = chooseBullets(chunk.filter((it) => !quoted.has(it.pos)), used);
      if (bullets.length === 0) return;
      // A heading names its part's first slide too; otherwise each slide gets its own key words.
      const slideTitle = ci === 0 && g.heading !== undefined ? sectionTitle : keyTitle(bullets.map((b) => b.item), usedTitles, lang);
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
    return { title: sectionTitle, fromHeading: g.heading !== undefined, items: g.items, slides };
  });
  const nonEmpty = sections.filter((s) => s.slides.length > 0);
  const total = 3 + timelineSlides + nonEmpty.reduce((n, s) => n + 1 + s.slides.length, 0);
  return { title, titleFrom: titleOrigin, sections: nonEmpty, timeline: timelineSlides ? events : [], target, total };
}

/**
 * The deck's title: the source's metadata title, else its first heading, else its file name.
 * `firstHeadingIsTitle`: the first heading names paragraphs of its own (an introduction), which
 * therefore get a section title of their own rather than the deck's title again.
 */
function deckTitle(source: Source, heading: string | undefined): { title: string; titleFrom: Plan['titleFrom']; firstHeadingIsTitle: boolean } {
  if (source.meta.title?.trim()) return { title: oneLine(source.meta.title), titleFrom: 'metadata', firstHeadingIsTitle: false };
  const first = heading ?? source.paragraphs.find((p) => p.section)?.section;
  if (first && cleanHeading(first)) {
    return { title: cleanHeading(first), titleFrom: 'heading', firstHeadingIsTitle: source.paragraphs[0]?.section === first };
  }
  const base = path.basename(source.file).replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').trim() || 'Lecture';
  return { title: base.charAt(0).toUpperCase() + base.slice(1), titleFrom: 'file name', firstHeadingIsTitle: false };
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
  items: Item[];
}

/**
 * The source's parts: its Markdown headings when it has at least two (adjacent small ones merged
 * to fit the room), else groups of consecutive blocks (paragraphs, or parts of a long one) of
 * about equal size, at least two blocks each.
 */
function sectionGroups(items: Item[], room: number, firstHeadingIsTitle: boolean): Group[] {
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
    const cost = (i: number) => groups[i]!.items.length + groups[i + 1]!.items.length - (groups[i]!.heading === undefined || groups[i + 1]!.heading === undefined ? 1e6 : 0);
    while (groups.length > maxSections) {
      let best = 0;
      for (let i = 1; i + 1 < groups.length; i++) if (cost(i) < cost(best)) best = i;
      const [a, b] = [groups[best]!, groups[best + 1]!];
      groups.splice(best, 2, { heading: a.heading ?? b.heading, items: [...a.items, ...b.items] });
    }
    return groups;
  }
  const blocks: Item[][] = [];
  for (const it of items) {
    const last = blocks[blocks.length - 1];
    if (last && last[0]!.block === it.block) last.push(it);
    else blocks.push([it]);
  }
  const wanted = Math.min(Math.max(1, Math.round(room / 2.5)), maxSections);
  const count = Math.max(1, Math.min(wanted, Math.floor(blocks.length / 2), Math.floor(items.length / 3)));
  return partition(blocks, count).map((part) => ({ items: part.flat() }));
}

/** Split consecutive blocks into `count` runs of about equal numbers of sentences. */
function partition(blocks: Item[][], count: number): Item[][][] {
  const total = blocks.reduce((n, b) => n + b.length, 0);
  const parts: Item[][][] = [];
  let current: Item[][] = [];
  let done = 0;
  blocks.forEach((b, i) => {
    const left = blocks.length - i;
    const partsLeft = count - parts.length;
    // Close the current part when it reached its share, or when the remaining blocks are just enough.
    if (current.length > 0 && partsLeft > 1) {
      const share = (total * (parts.length + 1)) / count;
      const here = done;
      const withIt = done + b.length;
      if (Math.abs(here - share) <= Math.abs(withIt - share) || left < partsLeft) {
        parts.push(current);
        current = [];
      }
    }
    current.push(b);
    done += b.length;
  });
  if (current.length) parts.push(current);
  return parts;
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
  return text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The key sentences of a run: best first, not near-duplicates, then in source order. */
function chooseBullets(candidates: Item[], used: Set<string>): Bullet[] {
  const usable = candidates.filter((it) => /\p{L}{2}/u.test(it.text) && it.text.length >= 20);
  // A text of nothing but fragments still gets its fragments rather than an empty slide.
  const pool = usable.length ? usable : candidates.filter((it) => /\p{L}/u.test(it.text));
  const ranked = pool.sort((a, b) => b.score - a.score || a.pos - b.pos);
  const chosen: Bullet[] = [];
  let chars = 0;
  for (const item of ranked) {
    if (chosen.length >= DRAFT_LIMITS.maxBullets) break;
    const key = normal(item.text);
    if (used.has(key)) continue;
    if (chosen.some((b) => overlap(b.item.stems, item.stems) > 0.6)) continue;
    const text = item.text.length > DRAFT_LIMITS.bulletChars ? bulletText(item) : undefined;
    const shown = (text ?? item.text).length;
    if (chosen.length >= DRAFT_LIMITS.minBullets && chars + shown > DRAFT_LIMITS.slideChars) break;
    chosen.push({ item, text });
    chars += shown;
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
  'однако', 'но', 'и', 'а', 'так', 'также', 'затем', 'поэтому', 'итак', 'впрочем', 'тем', 'более', 'кроме', 'того', 'таким', 'образом', 'фактически',
  'but', 'and', 'however', 'so', 'thus', 'then', 'also', 'moreover', 'therefore', 'yet', 'still', 'indeed', 'meanwhile',
]);

/** A title from the first words of the best sentence of a run: at most ~48 characters, whole words. */
function keyTitle(items: Item[], usedTitles: Set<string>, lang: string): string {
  const ranked = [...items].sort((a, b) => b.score - a.score || a.pos - b.pos);
  for (const it of ranked) {
    const t = titleFrom(it.text);
    if (t && !usedTitles.has(t.toLowerCase())) return t;
  }
  const fallback = lang.startsWith('ru') ? 'Основные положения' : 'Key points';
  let t = fallback;
  for (let n = 2; usedTitles.has(t.toLowerCase()); n++) t = `${fallback} (${n})`;
  return t;
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
  const quality = (it: Item) => {
    const len = it.quotation!.inner.length;
    return it.score + (len >= 30 && len <= 250 ? 1 : 0) - (len > 400 ? 1 : 0);
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
    slide.text = inner.length + 2 <= DRAFT_LIMITS.quoteChars ? `${open}${inner}${close}` : `${open}${shortenSentence(inner, { start: 0, end: 0 }, DRAFT_LIMITS.quoteChars - 2)}${close}`;
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
  const keep = new Set(ranked.slice(0, DRAFT_LIMITS.timelineEntries));
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
  sectionNote: (range: string, heading: boolean) => string;
  bulletsNote: string;
  quoteNote: string;
  timelineNote: string;
  slidesNote: string;
}

const RU: Words = {
  timeline: 'Хронология',
  head: ({ name, source, passages, outline, titleFrom, target, total }) => [
    `Черновик лекции, составленный \`lectern draft\` по источнику ${source}`,
    `(около ${target} слайдов; получилось ${total}). Название взято из ${titleFrom === 'metadata' ? 'метаданных источника' : titleFrom === 'heading' ? 'первого заголовка' : 'имени файла'}.`,
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
  sectionNote: (range, heading) => `Раздел: ${range}${heading ? ' (заголовок источника)' : ' (название — начало ключевого предложения; замените своим)'}`,
  bulletsNote: 'Пункты — ключевые предложения этой части; длинные сокращены в text:, ref сохраняет ссылку.',
  quoteNote: 'Цитата найдена по фрагменту (find:) или по адресу (ref:).',
  timelineNote: 'Даты найдены в предложениях источника; date — как показать дату, ref — откуда она.',
  slidesNote: 'Слайды: title — титульный, agenda — план (из слайдов section), sources — список источников.',
};

const EN: Words = {
  timeline: 'Timeline',
  head: ({ name, source, passages, outline, titleFrom, target, total }) => [
    `A draft lecture made by \`lectern draft\` from ${source}`,
    `(about ${target} slides asked; ${total} made). The title comes from the ${titleFrom === 'metadata' ? "source's metadata" : titleFrom === 'heading' ? 'first heading' : 'file name'}.`,
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
  sectionNote: (range, heading) => `Section: ${range}${heading ? " (the source's heading)" : ' (titled with the first words of its key sentence; give it your own)'}`,
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
    lines.push('', `  ${comment(words.sectionNote(rangeAddress(source, section.items), section.fromHeading))}`);
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

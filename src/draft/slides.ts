/** What goes on the drafted slides: the bullets of a part, the quotations, the timeline's events. */
import { BULLET_FIT, TIMELINE_FIT, textLines } from '../deck/continue.js';
import { shortenSentence, timelineEvents, type TimelineEvent } from '../deck/timeline.js';
import type { DateMention } from '../sources/dates/index.js';
import type { Source } from '../sources/source.js';
import { foldForMatch } from '../sources/text.js';
import type { Item } from './items.js';
import { DRAFT_LIMITS } from './limits.js';
import type { Group } from './sections.js';

export interface Bullet {
  item: Item;
  /** Shortened text when the sentence is too long for a bullet. */
  text?: string;
}

export interface BulletSlide {
  kind: 'bullets';
  title: string;
  bullets: Bullet[];
  /** The passage the slide summarises, for the notes (when short enough). */
  notes?: string;
  range: string;
}

export interface QuoteSlide {
  kind: 'quote';
  title: string;
  item: Item;
  find?: string;
  text?: string;
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
export function chooseBullets(candidates: Item[], used: Set<string>, local: Map<number, number>): Bullet[] {
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

/** Up to n quotations, best first, at most one per section while others have none. */
export function chooseQuotes(candidates: Item[], n: number, groups: Group[]): Item[] {
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
export class PhraseCounter {
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
export function quoteSlide(counter: PhraseCounter, item: Item, title: string): QuoteSlide {
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
export function chooseTimeline(source: Source, items: Item[], lang: string): TimelineEvent[] {
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

/**
 * Timeline events from dated sentences: every date mention of every given
 * sentence becomes one event, sorted chronologically, with the sentence
 * shortened to fit a timeline line on a slide.
 *
 * Shortening (`shortenSentence`) only ever cuts at whitespace, so no word is
 * ever split, and the span it is told to keep (the date) is always kept whole.
 * It prefers clause boundaries (comma, semicolon, colon, spaced dash) — first
 * a cut after the date that keeps the sentence's beginning, else the clause
 * around the date — and falls back to a window of whole words around the date.
 * "…" marks every cut and counts toward the length.
 */
import type { Paragraph, Sentence, Source } from '../sources/source.js';
import { compareDates, findDates, type DateMention } from '../sources/dates/index.js';

export interface TimelineEvent {
  date: DateMention;
  /** The date as it should be shown: the mention's label ("20 января 1925"). */
  label: string;
  /** The sentence, shortened for a slide (keeps the date). */
  text: string;
  /** "conv#p2.s1" */
  address: string;
  /** 1-based paragraph index. */
  paragraph: number;
  /** 1-based sentence index within the paragraph. */
  sentence: number;
}

/** Default length of a timeline line. */
export const TIMELINE_TEXT_MAX = 90;

/**
 * Every dated sentence in the given sentences (in source order), one event per date mention
 * (several dates in one sentence kept apart), sorted chronologically (stable).
 */
export function timelineEvents(source: Source, sentences: Array<{ paragraph: Paragraph; sentence: Sentence }>, lang: string): TimelineEvent[] {
  const events: Array<TimelineEvent & { order: number }> = [];
  for (const { paragraph, sentence } of sentences) {
    for (const date of findDates(sentence.text, lang)) {
      events.push({
        date,
        label: date.label,
        text: shortenSentence(sentence.text, { start: date.start, end: date.end }, TIMELINE_TEXT_MAX),
        address: `${source.name}#${sentence.id}`,
        paragraph: paragraph.index,
        sentence: sentence.index,
        order: events.length,
      });
    }
  }
  // Array#sort is stable; the order index makes that explicit for equal dates.
  events.sort((a, b) => compareDates(a.date, b.date) || a.order - b.order);
  return events.map(({ order: _order, ...event }) => event);
}

const ELLIPSIS = '…';

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch.trim() === '';
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
}

/** Characters that may not end a shortened text before "…" (nor begin one after it). */
const TRAILING = /[\s,;:—–―‒-]+$/u;
const LEADING = /^[\s,;:—–―‒-]+/u;

interface Boundaries {
  /** Where a clause may start: 0 and after each separator. */
  starts: number[];
  /** Where a clause may end: the text's end and at each separator. */
  ends: number[];
}

/**
 * Clause boundaries within text[from, to): ", " "; " ": " and spaced dashes (" — ", " – ",
 * " - "); 0 and the text's end are always included. Linear in the window.
 */
function clauseBoundaries(text: string, from: number, to: number): Boundaries {
  const starts = [0];
  const ends: number[] = [];
  for (let i = Math.max(from, 1); i < Math.min(to, text.length); i++) {
    const ch = text[i]!;
    let end = -1;
    let after = -1;
    if ((ch === ',' || ch === ';' || ch === ':') && isSpace(text[i + 1])) {
      end = i;
      after = i + 1;
    } else if ('—–―‒-'.includes(ch) && isSpace(text[i - 1]) && isSpace(text[i + 1])) {
      end = i - 1;
      after = i + 1;
    }
    if (end < 0) continue;
    while (after < text.length && isSpace(text[after])) after++;
    ends.push(end);
    if (after < text.length && after > 0) starts.push(after);
  }
  ends.push(text.length);
  return { starts, ends };
}

/** The shown form of text[s, e): trimmed, with "…" at each side that was cut. */
function render(text: string, s: number, e: number): string {
  let core = text.slice(s, e);
  if (e < text.length) core = core.replace(TRAILING, '');
  else core = core.trimEnd();
  if (s > 0) core = core.replace(LEADING, '');
  else core = core.trimStart();
  return `${s > 0 ? ELLIPSIS : ''}${core}${e < text.length ? ELLIPSIS : ''}`;
}

/**
 * Shorten a sentence to at most `max` characters (default 90), keeping text[around.start,
 * around.end) — typically a date — whole. Cuts only at whitespace (never inside a word) and
 * marks each cut with "…". Text that fits is returned trimmed and otherwise unchanged. If even
 * the kept span with its own words does not fit, that is returned (longer than max).
 */
export function shortenSentence(text: string, around: { start: number; end: number }, max = TIMELINE_TEXT_MAX): string {
  const t = text.trim();
  const lead = text.length - text.trimStart().length;
  if (t.length <= max) return t;
  let a = Math.min(Math.max(around.start - lead, 0), t.length);
  let b = Math.min(Math.max(around.end - lead, a), t.length);
  // The kept span grows to whole words (a cut may still fall right after "1905 г." before a comma).
  while (a > 0 && isWordChar(t[a - 1]) && isWordChar(t[a])) a--;
  while (b > a && b < t.length && isWordChar(t[b - 1]) && isWordChar(t[b])) b++;

  // 1. Whole clauses: the longest that fits, preferring the sentence's own beginning and end.
  // Only boundaries within max of the kept span can matter: long sentences cost no more than short ones.
  const { starts, ends } = clauseBoundaries(t, a - max - 2, b + max + 2);
  let best: { text: string; score: number; core: number } | undefined;
  for (const s of starts) {
    if (s > a) break;
    if (a - s > max) continue;
    for (const e of ends) {
      if (e < b || e <= s) continue;
      const shown = render(t, s, e);
      if (shown.length > max) break; // ends are ascending: longer from here on
      const core = shown.length - (s > 0 ? 1 : 0) - (e < t.length ? 1 : 0);
      const score = core + (s === 0 ? 0.2 * max : 0) + (e === t.length ? 0.1 * max : 0);
      if (!best || score > best.score) best = { text: shown, score, core };
    }
  }
  // A clause is worth its natural edges only if it says enough.
  if (best && best.core >= 0.45 * max) return best.text;

  // 2. A window of whole words around the kept span, starting at its clause if possible.
  const clauseStart = starts.filter((s) => s <= a).pop() ?? 0;
  const windowed = wordWindow(t, a, b, clauseStart, max);
  if (best && best.text.length >= windowed.length) return best.text;
  return windowed;
}

/** The widest window of whole words around t[a, b) that fits in max, read from the clause start when it can be. */
function wordWindow(t: string, a: number, b: number, clauseStart: number, max: number): string {
  const fits = (s: number, e: number) => render(t, s, e).length <= max;
  // Widest end for a start: walk word ends rightwards from b while it fits.
  const widest = (s: number): number | undefined => {
    if (!fits(s, b)) return undefined;
    let e = b;
    for (let i = b + 1; i <= t.length; i++) {
      if (i === t.length || (isSpace(t[i]) && !isSpace(t[i - 1]))) {
        if (!fits(s, i)) break;
        e = i;
      }
    }
    return e;
  };
  // Prefer the clause's start (or the sentence's), so that the text reads from a natural beginning.
  for (const s of clauseStart === 0 ? [0] : [0, clauseStart]) {
    const e = widest(s);
    if (e !== undefined && e - b >= Math.min(15, t.length - b)) return render(t, s, e);
  }
  // Otherwise about a third of the room before the span, the rest after it.
  const room = max - (b - a) - 2;
  let s = a;
  for (let i = a - 1; i >= 0; i--) {
    if (i === 0 || (isSpace(t[i - 1]) && !isSpace(t[i]))) {
      if (a - i > room / 3) break;
      s = i;
    }
  }
  while (s < a && widest(s) === undefined) {
    s++;
    while (s < a && !(isSpace(t[s - 1]) && !isSpace(t[s]))) s++;
  }
  const e = widest(s);
  if (e === undefined) return render(t, a, b);
  // Room left over (the text ended soon after the span): spend it on words before the span.
  for (let i = s - 1; i >= 0; i--) {
    if (i === 0 || (isSpace(t[i - 1]) && !isSpace(t[i]))) {
      if (!fits(i, e)) break;
      s = i;
    }
  }
  return render(t, s, e);
}

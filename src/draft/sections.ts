/**
 * The draft's sections: the source's Markdown headings, or else its topics (the stretches it
 * dwells on), and how many slides each gets.
 */
import { DRAFT_LIMITS } from './limits.js';
import type { Item } from './items.js';
import { topicRuns, type TopicModel, type TopicRun } from './topics.js';

export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A Markdown heading as plain text: no emphasis marks, links reduced to their text. */
export function cleanHeading(h: string): string {
  return oneLine(
    h
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
      .replace(/<[^>]+>/g, ''),
  );
}

export interface Group {
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
export function sectionGroups(items: Item[], model: TopicModel, room: number, firstHeadingIsTitle: boolean): Group[] {
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
export function allocate(sizes: number[], budget: number): number[] {
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
export function chunks<T>(list: T[], count: number): T[][] {
  const n = Math.max(1, Math.min(count, list.length));
  const out: T[][] = [];
  for (let k = 0; k < n; k++) out.push(list.slice(Math.round((k * list.length) / n), Math.round(((k + 1) * list.length) / n)));
  return out;
}

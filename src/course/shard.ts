/**
 * `lectern build course.yaml --shard I/N`: one of N slices of the lectures,
 * for N CI machines building a course side by side. The slices are balanced
 * by slide count — greedy, longest lecture first, each to the slice with the
 * fewest slides so far — and depend only on the outlines (their slide
 * counts as written) and their paths as written in course.yaml, so the same
 * N gives the same slices on every machine.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { usageError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/3" → the second of three slices. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw usageError(`--shard takes I/N with 1 ≤ I ≤ N, not "${text}"`, 'e.g. --shard 1/3, --shard 2/3 and --shard 3/3 on three machines');
  return { index, count };
}

/** A lecture as slicing sees it: its path as written in course.yaml (the same on every machine) and its weight. */
export interface Weighed {
  written: string;
  slides: number;
}

/** The N slices (each in the course's order): greedy longest-first, ties by path; a slice may be empty when N exceeds the lectures. */
export function sliceLectures<T extends Weighed>(lectures: T[], count: number): T[][] {
  const order = lectures
    .map((lecture, at) => ({ lecture, at }))
    .sort((a, b) => b.lecture.slides - a.lecture.slides || (a.lecture.written < b.lecture.written ? -1 : a.lecture.written > b.lecture.written ? 1 : 0));
  const slices = Array.from({ length: count }, () => ({ slides: 0, members: [] as Array<{ lecture: T; at: number }> }));
  for (const item of order) {
    // The lightest slice so far; the first of equals.
    const lightest = slices.reduce((best, s) => (s.slides < best.slides ? s : best), slices[0]!);
    lightest.slides += item.lecture.slides;
    lightest.members.push(item);
  }
  return slices.map((s) => s.members.sort((a, b) => a.at - b.at).map((m) => m.lecture));
}

/** The lectures of one shard. */
export function shardLectures<T extends Weighed>(lectures: T[], shard: Shard): T[] {
  return sliceLectures(lectures, shard.count)[shard.index - 1]!;
}

/**
 * An outline's weight: the slides listed in it as written (an outline that
 * cannot be read counts 1 — building it will say why). Continued slides are
 * not counted: they are known only once sources are read, and slicing must
 * not need that.
 */
export async function outlineSlides(file: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const slides: unknown = parseDocument(text, { prettyErrors: false }).toJS({ maxAliasCount: 100 })?.slides;
  return Array.isArray(slides) ? Math.max(1, slides.length) : 1;
}

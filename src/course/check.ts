/**
 * `lectern check course.yaml` and `lectern passages SOURCE --coverage
 * --course course.yaml`: every lecture checked with the course's defaults;
 * and, for information, the paragraphs more than one published lecture
 * quotes.
 */
import path from 'node:path';
import type { Problem } from '../errors.js';
import { checkOutlines, coverage, type CheckOptions } from '../pipeline/check.js';
import type { Source } from '../sources/source.js';
import type { Citer } from '../sources/passages.js';
import { courseCoverage, sharedParagraphs } from './coverage.js';
import { courseLayer } from './layer.js';
import { loadCourse } from './load.js';
import { publishedLectures } from './model.js';
import { summarize, type LectureSummary } from './summary.js';

export interface CourseCheck {
  problems: Problem[];
  /** "conv p2 (Отношения СССР и Японии): lectures 7, 8", one line per paragraph quoted in more than one lecture. */
  shared: string[];
}

export async function checkCourse(file: string, options: Omit<CheckOptions, 'outlines' | 'course' | 'onPrepared'> = {}): Promise<CourseCheck> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const course = await loadCourse(path.resolve(cwd, file));
  const summaries = new Map<string, LectureSummary>();
  const problems = await checkOutlines({
    ...options,
    cwd,
    outlines: course.lectures.map((l) => l.outline),
    course: courseLayer(course),
    onPrepared: (outline, prepared) => summaries.set(outline, summarize(prepared)),
  });
  const covered = publishedLectures(course).flatMap((l) => {
    const summary = summaries.get(l.outline);
    return summary ? [{ number: l.number, summary }] : [];
  });
  const shared = sharedParagraphs(courseCoverage(covered)).map(
    ({ source, paragraph }) => `${path.relative(cwd, source.file)} ${paragraph.id} (${source.title}): lectures ${paragraph.lectures.join(', ')}`,
  );
  return { problems, shared };
}

/** Which sentences of a source the course's published lectures cite, by which slides. */
export async function courseSourceCoverage(cwd: string, source: Source, courseFile: string): Promise<Map<string, Citer[]>> {
  const course = await loadCourse(path.resolve(cwd, courseFile));
  return coverage(cwd, source, { outlines: publishedLectures(course).map((l) => l.outline), course: courseLayer(course) });
}

/**
 * Coverage across a course: for each source its published lectures cite,
 * which paragraphs are cited and by which lectures — for the course page,
 * `lectern passages SOURCE --coverage --course`, and `lectern check
 * course.yaml` (passages quoted in more than one lecture).
 */
import type { LectureSummary } from './summary.js';

export interface ParagraphCoverage {
  id: string;
  /** Lecture numbers citing it, ascending. */
  lectures: number[];
}

export interface SourceCoverage {
  file: string;
  title: string;
  /** Every paragraph of the source, in order, with the lectures citing it (none: not cited). */
  paragraphs: ParagraphCoverage[];
}

export interface CoveredLecture {
  number: number;
  summary: LectureSummary;
}

export function courseCoverage(lectures: CoveredLecture[]): SourceCoverage[] {
  const sources = new Map<string, { title: string; order: string[]; cited: Map<string, Set<number>> }>();
  for (const { number, summary } of lectures) {
    for (const passage of summary.cited) {
      let entry = sources.get(passage.source.file);
      if (!entry) {
        entry = { title: passage.source.title, order: passage.source.paragraphs, cited: new Map() };
        sources.set(passage.source.file, entry);
      }
      for (const id of passage.paragraphs) {
        const set = entry.cited.get(id) ?? new Set<number>();
        set.add(number);
        entry.cited.set(id, set);
      }
    }
  }
  return [...sources.entries()]
    .map(([file, { title, order, cited }]) => ({
      file,
      title,
      paragraphs: order.map((id) => ({ id, lectures: [...(cited.get(id) ?? [])].sort((a, b) => a - b) })),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Paragraphs quoted in more than one lecture, per source. */
export function sharedParagraphs(coverage: SourceCoverage[]): Array<{ source: SourceCoverage; paragraph: ParagraphCoverage }> {
  return coverage.flatMap((source) => source.paragraphs.filter((p) => p.lectures.length > 1).map((paragraph) => ({ source, paragraph })));
}

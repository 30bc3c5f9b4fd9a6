/**
 * A course as the rest of Lectern sees it: course.yaml checked, each
 * lecture's outline made absolute and numbered, and where everything was
 * written (for errors at line:column).
 */
import type { Path } from '../outline/positions.js';
import type { CourseDefaultsInput, CourseInput } from './schema.js';

export interface Located {
  file: string;
  line: number;
  column: number;
}

export type LectureStatus = 'ready' | 'draft';

export interface Lecture {
  /** Absolute path of the lecture's outline. */
  outline: string;
  /** The path as written in course.yaml. */
  written: string;
  /** Its place in `lectures:` (0-based). */
  index: number;
  /** Its number on the course page: given, else the previous lecture's plus 1 (the first: 1). */
  number: number;
  date?: string;
  status: LectureStatus;
  /** Where the lecture's entry was written in course.yaml. */
  at: Located;
}

export interface LoadedCourse {
  /** Absolute path of course.yaml. */
  file: string;
  /** The folder of course.yaml: paths in it are relative to this. */
  dir: string;
  title: string;
  code?: string;
  term?: string;
  lecturers: string[];
  institution?: string;
  /** The course's language (ru, en, …); undefined: each lecture's own. */
  language?: string;
  /** Settings for every lecture that does not set them itself. */
  defaults: CourseDefaultsInput;
  /** Every lecture, in order, drafts included. */
  lectures: Lecture[];
  /** The checked data as written. */
  data: CourseInput;
  /** The file's text (for cache keys). */
  text: string;
  /** Where a path of course.yaml was written. */
  locate(path: Path): Located;
}

/** The lectures the course publishes: on its page, in its search, combined outputs and coverage. */
export function publishedLectures(course: Pick<LoadedCourse, 'lectures'>): Lecture[] {
  return course.lectures.filter((l) => l.status !== 'draft');
}

/**
 * What a course build hands on: each lecture as built, and the context the
 * course's own outputs (the page, the combined PDFs) are made in.
 */
import type { BuildOptions } from '../pipeline/build.js';
import { HANDOUTS, outputFileName } from '../pipeline/build.js';
import type { Engine } from '../pipeline/prepare.js';
import type { RunSettings } from '../settings.js';
import type { Lecture, LectureStatus, LoadedCourse } from './model.js';
import type { LectureSummary } from './summary.js';

export type CourseBuildOptions = Omit<BuildOptions, 'outlines' | 'course' | 'engine'> & {
  /** "I/N": build only that slice of the lectures and write its manifest — no page, no combined outputs (`lectern course index` makes them). */
  shard?: string;
};

/** A lecture as built. */
export interface LectureBuilt {
  lecture: Lecture;
  status: LectureStatus;
  /** Output name (out/NAME.*) and title. */
  name: string;
  title: string;
  slides: number;
  /** Files it wrote or kept (absolute). */
  outputs: string[];
  /** What the page and the search need of it. */
  summary: LectureSummary;
}

/** What the course's own outputs are made with. */
export interface CourseOutputContext {
  course: LoadedCourse;
  lectures: LectureBuilt[];
  outDir: string;
  cacheDir: string;
  engine: Engine;
  run: RunSettings;
  options: CourseBuildOptions;
}

/** Output files a lecture may have in out/, by kind (the page links those that exist). */
export function lectureFiles(name: string): { deck: string; pdf: string; reading: string; thumb: string; handouts: Array<{ layout: string; file: string }> } {
  return {
    deck: outputFileName(name, 'html'),
    pdf: outputFileName(name, 'pdf'),
    reading: outputFileName(name, 'reading'),
    thumb: outputFileName(name, 'thumb'),
    handouts: HANDOUTS.filter((h) => h !== 'reading').map((layout) => ({ layout, file: outputFileName(name, layout) })),
  };
}

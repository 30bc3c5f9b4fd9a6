/**
 * What a course gives its lectures (course.yaml's `defaults:` and
 * `language:`) as the settings layer between outline and config
 * (src/settings.ts: command line > outline > course > config > defaults).
 */
import path from 'node:path';
import { hashText } from '../pipeline/cache.js';
import type { CourseLayer } from '../settings.js';
import type { LoadedCourse } from './model.js';

export function courseLayer(course: LoadedCourse): CourseLayer {
  const d = course.defaults;
  const list = d.bibliography === undefined ? undefined : typeof d.bibliography === 'string' ? [d.bibliography] : d.bibliography;
  return {
    file: course.file,
    lang: course.language,
    theme: d.theme,
    templates: d.templates === undefined ? undefined : path.resolve(course.dir, d.templates),
    citationStyle: d.citation_style,
    bibliography: list?.map((f) => path.resolve(course.dir, f)),
    handout: d.handout,
    notes: d.notes,
    locate: (p) => course.locate(p),
  };
}

/**
 * What of the course shapes its lectures' outputs. The build cache keys an
 * outline by its own files and the run's settings, not by course.yaml, so a
 * course build compares this with the last one's and rebuilds every lecture
 * when it changed.
 */
export function layerKey(course: LoadedCourse): string {
  return hashText(JSON.stringify({ defaults: course.defaults, language: course.language ?? null }));
}

/**
 * What a course gives its lectures (course.yaml's `defaults:` and
 * `language:`) as the settings layer between outline and config
 * (src/settings.ts: command line > outline > course > config > defaults).
 * The build cache keys each lecture by these values (pipeline/build-one.ts
 * settingsKey), so a change to them rebuilds the lectures it affects.
 */
import path from 'node:path';
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

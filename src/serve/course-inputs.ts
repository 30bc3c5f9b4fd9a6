/**
 * What a course build reads (`lectern serve course.yaml`, `lectern build
 * course.yaml --watch`): course.yaml itself, every lecture's outline and its
 * inputs as for outlines (inputs.ts), the config, and what the course's
 * defaults name — its templates folder, bibliography files and a CSL file.
 * A course.yaml that cannot be read still counts with its own file (the
 * caller keeps the lectures earlier rounds found).
 */
import path from 'node:path';
import { isCourseFile } from '../course/detect.js';
import { loadCourse } from '../course/load.js';
import type { LoadedCourse } from '../course/model.js';
import { usageError } from '../errors.js';
import { isStylePath } from '../settings.js';
import { projectInputs, type InputOptions, type ProjectInputs } from './inputs.js';

/** The course among the files given to serve (absolute), if one is; a course is served alone. */
export async function courseOf(cwd: string, files: string[] | undefined): Promise<string | undefined> {
  const given = files ?? [];
  const courses: string[] = [];
  for (const f of given) if (await isCourseFile(path.resolve(cwd, f))) courses.push(f);
  if (!courses.length) return undefined;
  if (given.length > 1)
    throw usageError(`${courses[0]} is a course: serve it alone`, 'its lectures are listed under `lectures:` in it; `lectern serve course.yaml`');
  return path.resolve(cwd, courses[0]!);
}

export async function courseInputs(options: Omit<InputOptions, 'outlines'> & { course: string }): Promise<ProjectInputs> {
  let course: LoadedCourse | undefined;
  try {
    course = await loadCourse(options.course);
  } catch {
    course = undefined; // the build reports it
  }
  // A course that cannot be read: its own file stands in for the lectures (it is no outline, so it only counts as a file).
  const outlines = course ? course.lectures.map((l) => l.outline) : [options.course];
  const inputs = await projectInputs({ ...options, outlines });
  inputs.files.add(options.course);
  if (!course) return inputs;
  const d = course.defaults;
  if (d.templates !== undefined) inputs.trees.add(path.resolve(course.dir, d.templates));
  const bibliography = d.bibliography === undefined ? [] : typeof d.bibliography === 'string' ? [d.bibliography] : d.bibliography;
  for (const f of bibliography) inputs.files.add(path.resolve(course.dir, f));
  if (d.citation_style !== undefined && isStylePath(d.citation_style)) inputs.files.add(path.resolve(course.dir, d.citation_style));
  return inputs;
}

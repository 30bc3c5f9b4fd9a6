/**
 * A course's `cache_dir:` (relative to course.yaml): the build's cache — the
 * state, packed themes, font subsets, lecture summaries and the combined
 * PDFs' page ranges — in a folder of its own, independent of the out folder,
 * so that CI can save and restore it between runs and shards can share it.
 * It comes before the config's `cache_dir:`; without either, OUT/.lectern.
 */
import path from 'node:path';
import type { LoadedCourse } from './model.js';

export function courseCacheDir(course: Pick<LoadedCourse, 'data' | 'dir'>): string | undefined {
  const given = course.data.cache_dir;
  return given ? path.resolve(course.dir, given) : undefined;
}

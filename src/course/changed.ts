/**
 * Which of the course's own outputs a build changed: the command's report
 * lists those as written and the others as unchanged, as it does a lecture's
 * files. Told by their contents, since some are written again as they were
 * (the manifest).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashText } from '../util/hash.js';
import { COMBINED_HANDOUTS, COMBINED_READING } from './combine.js';
import { MANIFEST_FILE } from './shard-manifest.js';
import { COURSE_PAGE } from './write-page.js';

/** The contents of the course's outputs before a build, as hashes (absent files left out). */
export type CourseStamps = Map<string, string>;

const stampOf = (file: string) => readFile(file).then(hashText, () => undefined);

export async function courseStamps(outDir: string): Promise<CourseStamps> {
  const files = [COURSE_PAGE, MANIFEST_FILE, COMBINED_HANDOUTS, COMBINED_READING].map((f) => path.join(outDir, f));
  const stamps = await Promise.all(files.map(stampOf));
  return new Map(files.flatMap((f, i) => (stamps[i] ? [[f, stamps[i]] as const] : [])));
}

/** Of the outputs a build returned, those whose contents are not what they were before it. */
export async function changedSince(before: CourseStamps, outputs: string[]): Promise<string[]> {
  const after = await Promise.all(outputs.map(stampOf));
  return outputs.filter((f, i) => after[i] !== before.get(f));
}

/**
 * out/course.manifest.json: what a course build (or one shard of it) built
 * in its out folder, and from what — Lectern's version, course.yaml and the
 * config, and per lecture every input (outline, sources, templates, images,
 * bibliography) with its content hash, the files it wrote and what the
 * course page keeps of it (its summary). `lectern course index` merges the shards' manifests: it checks
 * that every lecture is there exactly once and that all shards read the same
 * inputs, and makes the combined outputs from them without building again.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LectureStatus } from './model.js';
import type { LectureSummary } from './summary.js';
import { writeAtomic } from '../util/write.js';
import { PACKAGE_ROOT } from '../version.js';

export const MANIFEST_FILE = 'course.manifest.json';

export interface LectureManifest {
  /** The outline as written in course.yaml. */
  outline: string;
  /** Its output name (out/NAME.pdf). */
  name: string;
  number: number;
  title: string;
  status: LectureStatus;
  slides: number;
  /** Files it wrote, relative to the out folder (a folder of images: its name). */
  outputs: string[];
  /** Every file it read, relative to the course folder, with its content hash. */
  inputs: Record<string, string>;
  /** What the course page and the reading pack need of it. */
  summary: LectureSummary;
}

export interface CourseManifest {
  lectern: string;
  /** Hashes of course.yaml and of the config ("none" without one). */
  course: string;
  config: string;
  /** "2/3" for a shard; null for a whole course. */
  shard: string | null;
  lectures: LectureManifest[];
}

export async function readManifest(outDir: string): Promise<CourseManifest | undefined> {
  try {
    const data = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as CourseManifest;
    return Array.isArray(data.lectures) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Written with sorted keys and two-space indents: the same lectures built from the same inputs give the same bytes, sharded or not. */
export async function writeManifest(outDir: string, manifest: CourseManifest): Promise<void> {
  const lectures = manifest.lectures.map((l) => ({
    ...l,
    inputs: Object.fromEntries(Object.entries(l.inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  }));
  await writeAtomic(path.join(outDir, MANIFEST_FILE), JSON.stringify({ ...manifest, lectures }, null, 2) + '\n');
}

const LECTERN = 'lectern:';
const posix = (p: string) => p.split(path.sep).join('/');
const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * How the manifest names a file a lecture read: relative to the course
 * folder; Lectern's own files (its templates and themes) as `lectern:PATH`
 * inside its package, so the name does not depend on where each machine
 * installed Lectern.
 */
export function inputName(courseDir: string, file: string): string {
  if (!inside(courseDir, file) && inside(PACKAGE_ROOT, file)) return LECTERN + posix(path.relative(PACKAGE_ROOT, file));
  return posix(path.relative(courseDir, file));
}

/** The file a manifest's input name stands for, on this machine. */
export function inputFile(courseDir: string, name: string): string {
  return name.startsWith(LECTERN) ? path.resolve(PACKAGE_ROOT, name.slice(LECTERN.length)) : path.resolve(courseDir, name);
}

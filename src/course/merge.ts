/**
 * `lectern course index course.yaml --from DIR... [--out DIR]`: the course
 * put together from the out folders of its shards. Each shard's manifest
 * says what it built from what; every lecture must be there exactly once,
 * and all shards must have read the same inputs (Lectern's version,
 * course.yaml, the config, and every file a lecture read) — otherwise an
 * error names the lecture and the shard folder. The lectures' files are
 * copied into the out folder; then the page and the combined outputs are
 * made from the manifests, without building anything again.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, LecternError, type Problem } from '../errors.js';
import { createEngine } from '../pipeline/prepare.js';
import { cacheDirOf } from '../pipeline/out-dir.js';
import { outDirSetting } from '../settings.js';
import { hashText } from '../util/hash.js';
import { VERSION } from '../version.js';
import type { LectureBuilt } from './built.js';
import { combineOutputs } from './combine.js';
import { loadCourse } from './load.js';
import { courseCacheDir } from './cache-dir.js';
import type { LoadedCourse } from './model.js';
import { inputFile, MANIFEST_FILE, readManifest, writeManifest, type CourseManifest, type LectureManifest } from './shard-manifest.js';
import { writeCoursePage } from './write-page.js';

export interface MergeOptions {
  cwd: string;
  /** The shards' out folders. */
  from: string[];
  /** The out folder (default: the course's, as `lectern build` would write it). */
  outDir?: string;
  config?: string;
}

interface Found {
  entry: LectureManifest;
  dir: string;
}

/** The shards' manifests, checked against each other and the course; problems name the lecture and the shard folder. */
export function checkShards(
  course: LoadedCourse,
  shards: Array<{ dir: string; manifest: CourseManifest }>,
  configHash: string,
): { found: Map<string, Found>; problems: Problem[] } {
  const problems: Problem[] = [];
  const error = (message: string, hint: string, at?: { file: string; line: number; column: number }) =>
    problems.push({ severity: 'error', code: 'course/shards', message, hint, ...(at ?? { file: course.file }) });
  const courseHash = hashText(course.text);
  for (const { dir, manifest } of shards) {
    if (manifest.lectern !== VERSION)
      error(`the shard in ${dir} was built by Lectern ${manifest.lectern}, this is ${VERSION}`, 'build every shard with the same Lectern');
    if (manifest.course !== courseHash) error(`the shard in ${dir} was built from another course.yaml`, 'build every shard from the same commit');
    if (manifest.config !== configHash) error(`the shard in ${dir} was built with another lectern.config.yaml`, 'build every shard from the same commit');
  }
  const found = new Map<string, Found>();
  const inputs = new Map<string, { hash: string; lecture: string; dir: string }>();
  for (const { dir, manifest } of shards)
    for (const entry of manifest.lectures) {
      const lecture = course.lectures.find((l) => l.written === entry.outline);
      const other = found.get(entry.outline);
      if (!lecture)
        error(`the shard in ${dir} built ${entry.outline}, which the course does not list`, 'build the shards and merge them from the same course.yaml');
      else if (other)
        error(`lecture ${entry.outline} was built by two shards: ${other.dir} and ${dir}`, 'give each machine another --shard I/N with the same N', lecture.at);
      else found.set(entry.outline, { entry, dir });
      for (const [file, hash] of Object.entries(entry.inputs)) {
        const seen = inputs.get(file);
        if (!seen) inputs.set(file, { hash, lecture: entry.outline, dir });
        else if (seen.hash !== hash)
          error(
            `lecture ${entry.outline} (shard ${dir}) read ${file} with other contents than lecture ${seen.lecture} (shard ${seen.dir})`,
            'build every shard from the same commit',
            lecture?.at,
          );
      }
    }
  for (const lecture of course.lectures)
    if (!found.has(lecture.written))
      error(
        `lecture ${lecture.written} was built by none of the shards (${shards.map((s) => s.dir).join(', ')})`,
        'merge the out folders of all N shards: --from DIR1 DIR2 …',
        lecture.at,
      );
  return { found, problems };
}

/**
 * Each lecture's inputs as its shard read them against the files here (the
 * merge runs in a checkout of the same commit): a shard built from another
 * outline text, source or template than this folder has is named with its
 * lecture and the file — no other shard read that outline to tell.
 */
export async function checkInputsHere(course: LoadedCourse, found: Map<string, Found>): Promise<Problem[]> {
  const hashes = new Map<string, Promise<string>>();
  const hashOf = (file: string) => {
    let hash = hashes.get(file);
    if (!hash) {
      hash = readFile(file).then(
        (b) => hashText(b),
        () => 'missing',
      );
      hashes.set(file, hash);
    }
    return hash;
  };
  const problems: Problem[] = [];
  for (const lecture of course.lectures) {
    const { entry, dir } = found.get(lecture.written)!;
    for (const [name, hash] of Object.entries(entry.inputs))
      if ((await hashOf(inputFile(course.dir, name))) !== hash)
        problems.push({
          severity: 'error',
          code: 'course/shards',
          message: `lecture ${lecture.written} (shard ${dir}) was built from other contents of ${name} than this folder has`,
          hint: 'build every shard and merge them from the same commit',
          ...lecture.at,
        });
  }
  return problems;
}

/** Merges the shards into the out folder; returns the files of the course's own written there. */
export async function mergeShards(courseFile: string, options: MergeOptions): Promise<string[]> {
  const course = await loadCourse(path.resolve(options.cwd, courseFile));
  const engine = createEngine(options.cwd, options.config);
  const config = engine.config;
  const outDir = outDirSetting(options.cwd, config, options.outDir).value;
  const cacheDir = cacheDirOf(outDir, config, courseCacheDir(course));
  const shards: Array<{ dir: string; manifest: CourseManifest }> = [];
  for (const from of options.from) {
    const dir = path.resolve(options.cwd, from);
    const manifest = await readManifest(dir);
    if (!manifest)
      throw inputError(
        'course/no-manifest',
        `${dir} has no ${MANIFEST_FILE}: it is not the out folder of a course build`,
        { file: dir },
        'name the out folders of `lectern build course.yaml --shard I/N`',
      );
    shards.push({ dir, manifest });
  }
  const configHash = config.file ? hashText(await readFile(config.file)) : 'none';
  const { found, problems } = checkShards(course, shards, configHash);
  if (!problems.length) problems.push(...(await checkInputsHere(course, found)));
  if (problems.length) throw new LecternError(problems);
  const lectures: LectureManifest[] = [];
  const built: LectureBuilt[] = [];
  for (const lecture of course.lectures) {
    const { entry, dir } = found.get(lecture.written)!;
    if (dir !== outDir) for (const f of entry.outputs) await cp(path.join(dir, f), path.join(outDir, f), { recursive: true, preserveTimestamps: true });
    lectures.push(entry);
    built.push({
      lecture,
      status: entry.status,
      name: entry.name,
      title: entry.title,
      slides: entry.slides,
      outputs: entry.outputs.map((f) => path.join(outDir, f)),
      summary: entry.summary,
    });
  }
  const manifest: CourseManifest = { lectern: VERSION, course: hashText(course.text), config: configHash, shard: null, lectures };
  await writeManifest(outDir, manifest);
  // The combined PDFs first: the page links those that exist — and is written even when one fails (its error follows).
  const combined = combineOutputs(course, manifest, { outDir, cacheDir, config });
  await combined.catch(() => undefined);
  const page = await writeCoursePage({ course, lectures: built, outDir });
  return [page, path.join(outDir, MANIFEST_FILE), ...(await combined)];
}

/**
 * `lectern build course.yaml`: every lecture built as today, in one build()
 * call (one browser, the incremental cache), then the course's own outputs
 * from the lectures built — out/index.html (page.ts) here; the combined
 * outputs hook in at `courseOutputs`.
 *
 * The course's defaults are a settings layer (settings.ts, layer.ts), and
 * the build cache keys each lecture by them (pipeline/build-one.ts): a new
 * theme rebuilds every lecture, a new title only the course page.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, createEngine, prepareOutline, type BuildOutput, type BuildResult } from '../pipeline/build.js';
import { cacheDirOf } from '../pipeline/out-dir.js';
import type { Engine, Prepared } from '../pipeline/prepare.js';
import { runSettings, type RunSettings } from '../settings.js';
import { hashText } from '../util/hash.js';
import { writeAtomic } from '../util/write.js';
import { VERSION } from '../version.js';
import { courseLayer } from './layer.js';
import { loadCourse } from './load.js';
import type { Lecture, LoadedCourse } from './model.js';
import { writeCoursePage } from './write-page.js';
import { lecturesToBuild, nothingToBuild, shardOutputs } from './shard-build.js';
import { courseCacheDir } from './cache-dir.js';
import { changedSince, courseStamps } from './changed.js';
import { withCourseSession } from './course-session.js';
import { summarize, type LectureSummary } from './summary.js';

import type { CourseBuildOptions, CourseOutputContext, LectureBuilt } from './built.js';

export type { CourseBuildOptions, CourseOutputContext, LectureBuilt } from './built.js';
export { lectureFiles } from './built.js';

export interface CourseBuildResult {
  course: LoadedCourse;
  lectures: LectureBuilt[];
  /** What build() returned for the lectures. */
  build: BuildResult;
  /** The course's own outputs written (out/index.html, …). */
  outputs: string[];
  /** Those of `outputs` whose contents this build changed (the report lists the others as unchanged). */
  changed: string[];
}

/** `engine`: one to reuse (serve and build --watch keep templates, marp-core and sources warm between builds). */
export async function buildCourse(file: string, options: CourseBuildOptions & { engine?: Engine } = {}): Promise<CourseBuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const course = await loadCourse(path.resolve(cwd, file));
  const engine = options.engine ?? createEngine(cwd, options.config);
  const layer = courseLayer(course);
  const run = runSettings(engine.config, { ...options, course: layer }, cwd);
  const outDir = run.outDir.value;
  const cacheDir = cacheDirOf(outDir, engine.config, options.cacheDir ?? courseCacheDir(course));
  // A shard builds its slice only (none at all when N exceeds the lectures: build() would take that for every outline).
  const toBuild = await lecturesToBuild(course, options.shard);
  if (!options.session && run.prints && toBuild.length)
    return withCourseSession(run, options, toBuild.length, (session) => buildCourse(file, { ...options, engine, session }));
  const summaries = new Map<string, LectureSummary>();
  const result = await (toBuild.length ? build : nothingToBuild)({
    ...options,
    cwd,
    engine,
    cacheDir,
    course: layer,
    outlines: toBuild.map((l) => l.outline),
    force: options.force,
    onPrepared: (target, prepared) => {
      if (!target.variant) summaries.set(target.file, summarize(prepared));
      options.onPrepared?.(target, prepared);
    },
  });
  const lectures: LectureBuilt[] = [];
  for (const lecture of toBuild) {
    const summary = summaries.get(lecture.outline) ?? (await knownSummary(cacheDir, lecture, () => prepareLecture(engine, lecture, run)));
    await rememberSummary(cacheDir, lecture, summary);
    lectures.push({
      lecture,
      status: lecture.status,
      name: summary.name,
      title: summary.title,
      slides: result.slides.get(summary.name) ?? summary.slideCount,
      outputs: lectureOutputs(result.outputs, lecture),
      summary,
    });
  }
  const before = await courseStamps(outDir);
  const outputs = await courseOutputs({ course, lectures, outDir, cacheDir, engine, run, options });
  return { course, lectures, build: result, outputs, changed: await changedSince(before, outputs) };
}

/**
 * The course's own outputs, made from the lectures built (drafts among them:
 * each output leaves them out itself). The page is written here; the
 * combined PDFs and shard manifests (part 2 of issue 21) belong here too.
 */
export async function courseOutputs(ctx: CourseOutputContext): Promise<string[]> {
  // A shard writes its manifest only: the page and the combined PDFs are made by `lectern course index` from every shard's.
  if (ctx.options.shard) return shardOutputs(ctx, ctx.options.shard);
  // The combined PDFs first: the page links those that exist — and is written even when one fails (its error follows).
  const combined = shardOutputs(ctx, undefined);
  await combined.catch(() => undefined);
  return [await writeCoursePage(ctx), ...(await combined)];
}

function lectureOutputs(outputs: BuildOutput[], lecture: Lecture): string[] {
  return [...new Set(outputs.filter((o) => o.outline === lecture.outline).map((o) => o.file))];
}

async function prepareLecture(engine: Engine, lecture: Lecture, run: RunSettings): Promise<LectureSummary> {
  const prepared: Prepared = await prepareOutline(engine, lecture.outline, { set: run.set.value, strict: run.strict.value, run });
  return summarize(prepared);
}

/**
 * A lecture answered from the build cache was not prepared: its summary is
 * the one kept when it was last built (its inputs have not changed since),
 * else it is prepared now.
 */
const summaryFile = (cacheDir: string, lecture: Lecture) => path.join(cacheDir, 'course', `${hashText(VERSION, lecture.outline).slice(0, 24)}.summary.json`);

async function knownSummary(cacheDir: string, lecture: Lecture, prepare: () => Promise<LectureSummary>): Promise<LectureSummary> {
  const text = await readFile(summaryFile(cacheDir, lecture), 'utf8').catch(() => undefined);
  if (text !== undefined) {
    try {
      return JSON.parse(text) as LectureSummary;
    } catch {
      // A broken file is made again.
    }
  }
  return prepare();
}

async function rememberSummary(cacheDir: string, lecture: Lecture, summary: LectureSummary): Promise<void> {
  await writeAtomic(summaryFile(cacheDir, lecture), JSON.stringify(summary));
}

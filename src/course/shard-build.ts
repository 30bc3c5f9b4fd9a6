/**
 * Where sharding meets the course build (build.ts): which lectures this run
 * builds, and what it writes after them — a shard only its manifest; a whole
 * course the manifest and the combined outputs.
 */
import type { BuildResult } from '../pipeline/build.js';
import { discardEarly } from '../print/browser/index.js';
import { trace } from '../trace.js';
import type { CourseOutputContext } from './built.js';
import { finishCourse } from './combine.js';
import type { Lecture, LoadedCourse } from './model.js';
import { outlineSlides, parseShard, shardLectures } from './shard.js';

/** The lectures of this run: all, or the slice `--shard I/N` names. */
export async function lecturesToBuild(course: LoadedCourse, shard: string | undefined): Promise<Lecture[]> {
  if (!shard) return course.lectures;
  const weighed = await Promise.all(
    course.lectures.map(async (lecture) => ({ lecture, written: lecture.written, slides: await outlineSlides(lecture.outline) })),
  );
  return shardLectures(weighed, parseShard(shard)).map((w) => w.lecture);
}

/** The manifest, and the combined outputs unless this run is a shard. */
export function shardOutputs(
  ctx: Pick<CourseOutputContext, 'course' | 'lectures' | 'outDir' | 'cacheDir' | 'engine' | 'options' | 'run'>,
  shard: string | undefined,
): Promise<string[]> {
  trace(shard ? 'course: shard manifest' : 'course: page written');
  // The lectures' browser prints the reading pack too (course-session.ts).
  const session = ctx.options.session;
  // A run that prints no PDF (--format md,html) needs no browser for the course either.
  const print = ctx.run.formats.value.includes('pdf');
  return finishCourse(ctx.course, ctx.lectures, { outDir: ctx.outDir, cacheDir: ctx.cacheDir, config: ctx.engine.config, shard, session, print });
}

/** build()'s answer for a shard with no lectures (more shards than lectures): nothing built, nothing to print. */
export async function nothingToBuild(): Promise<BuildResult> {
  await discardEarly();
  return { outputs: [], warnings: [], slides: new Map() };
}

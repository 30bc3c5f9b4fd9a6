/**
 * The course step after its lectures are built: the manifest of what this
 * out folder holds (every lecture, or one shard's), and — for a whole course
 * or a merge of shards — the combined outputs, out/course.handouts.pdf and
 * out/course.reading.pdf, made from the published lectures (drafts left out).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { BuildCache } from '../pipeline/cache.js';
import { printSession } from '../pipeline/targets.js';
import type { Prepared } from '../pipeline/prepare.js';
import type { BrowserSession } from '../print/browser/index.js';
import { printPdf } from '../print/pdf.js';
import { browserSettings } from '../settings.js';
import { hashText } from '../util/hash.js';
import { writeAtomic } from '../util/write.js';
import { VERSION } from '../version.js';
import { combinedRecordFile, combinePdfs } from './combine-handouts.js';
import { setPdfInfo } from './combine-pdf.js';
import { courseReadingDocument, courseReadingSubject, lecturePassages, type ReadingPassage } from './combine-reading.js';
import type { Lecture, LoadedCourse } from './model.js';
import { readManifest, writeManifest, type CourseManifest, type LectureManifest } from './shard-manifest.js';

export const COMBINED_HANDOUTS = 'course.handouts.pdf';
export const COMBINED_READING = 'course.reading.pdf';

/** Collects, while lectures are built, the passages each cites (pass `onPrepared` to build()). */
export class CitedPassages {
  private readonly byOutline = new Map<string, ReadingPassage[]>();
  constructor(private readonly courseDir: string) {}
  readonly onPrepared = (target: { file: string; variant?: string }, prepared: Prepared): void => {
    if (target.variant) return;
    this.byOutline.set(target.file, lecturePassages(prepared.resolved.deck, prepared.resolved.citedPassages, this.courseDir));
  };
  get(outline: string): ReadingPassage[] | undefined {
    return this.byOutline.get(outline);
  }
}

/** A lecture as built: what build() said of it. */
export interface BuiltLecture {
  lecture: Lecture;
  /** Output name (out/NAME.*) and title. */
  name: string;
  title: string;
  slides: number;
  /** Files it wrote or kept (absolute). */
  outputs: string[];
}

export interface CourseStep {
  outDir: string;
  cacheDir: string;
  config: Config;
  /** "I/N" when this build is one shard: no combined outputs then (`lectern course index` makes them). */
  shard?: string;
  passages: CitedPassages;
  /** The build's browser, if still open; else one is started when the reading pack must be printed. */
  session?: BrowserSession;
  /** Prepares a lecture whose passages are known neither from this build nor from the previous manifest. */
  prepare: (outline: string) => Promise<Prepared>;
}

const posix = (p: string) => p.split(path.sep).join('/');

/** The manifest of the lectures built into `outDir`. */
export async function courseManifest(course: LoadedCourse, built: BuiltLecture[], step: CourseStep): Promise<CourseManifest> {
  const cache = await BuildCache.open(step.cacheDir, { root: step.config.root, outDir: step.outDir });
  const previous = await readManifest(step.outDir);
  const lectures: LectureManifest[] = [];
  for (const b of built) {
    const deps = cache.dependencies(`${b.lecture.outline}#`) ?? {};
    const inputs = Object.fromEntries(Object.entries(deps).map(([f, h]) => [posix(path.relative(course.dir, f)), h]));
    const known = previous?.lectures.find((l) => l.outline === b.lecture.written && JSON.stringify(l.inputs) === JSON.stringify(inputs));
    let passages = step.passages.get(b.lecture.outline) ?? known?.passages;
    if (!passages) {
      const prepared = await step.prepare(b.lecture.outline);
      passages = lecturePassages(prepared.resolved.deck, prepared.resolved.citedPassages, course.dir);
    }
    lectures.push({
      outline: b.lecture.written,
      name: b.name,
      number: b.lecture.number,
      title: b.title,
      status: b.lecture.status,
      slides: b.slides,
      outputs: b.outputs.map((f) => posix(path.relative(step.outDir, f))).sort(),
      inputs,
      passages,
    });
  }
  return {
    lectern: VERSION,
    course: hashText(course.text),
    config: step.config.file ? await cache.hashFile(step.config.file) : 'none',
    shard: step.shard ?? null,
    lectures,
  };
}

/** After a course's lectures are built: the manifest, and unless this is a shard, the combined outputs. Returns the files written. */
export async function finishCourse(course: LoadedCourse, built: BuiltLecture[], step: CourseStep): Promise<string[]> {
  const manifest = await courseManifest(course, built, step);
  await writeManifest(step.outDir, manifest);
  if (step.shard) return [];
  return combineOutputs(course, manifest, step);
}

/** out/course.handouts.pdf and out/course.reading.pdf from a manifest's published lectures (in the course's order). */
export async function combineOutputs(
  course: LoadedCourse,
  manifest: CourseManifest,
  step: Pick<CourseStep, 'outDir' | 'cacheDir' | 'config' | 'session'>,
): Promise<string[]> {
  const order = new Map(course.lectures.map((l, i) => [l.written, i]));
  const published = manifest.lectures.filter((l) => l.status !== 'draft').sort((a, b) => (order.get(a.outline) ?? 0) - (order.get(b.outline) ?? 0));
  const lang = course.language ?? 'en';
  const written: string[] = [];
  const handouts = path.join(step.outDir, COMBINED_HANDOUTS);
  const parts = published.map((l) => ({
    name: l.name,
    title: `${l.number}. ${l.title}`,
    files: l.outputs.filter((f) => /\.handout-[^/]+\.pdf$/.test(f)).map((f) => path.join(step.outDir, f)),
  }));
  if (parts.some((p) => p.files.length)) {
    await combinePdfs(parts, { output: handouts, record: combinedRecordFile(step.cacheDir, handouts), title: course.title, lang });
    written.push(handouts);
  }
  const reading = path.join(step.outDir, COMBINED_READING);
  if (published.some((l) => l.passages.length)) {
    await printReading(course, published, reading, step);
    written.push(reading);
  }
  return written;
}

/** The course reading pack, printed only when its document changed (or the PDF is not as written). */
async function printReading(
  course: LoadedCourse,
  lectures: LectureManifest[],
  output: string,
  step: Pick<CourseStep, 'cacheDir' | 'config' | 'session'>,
): Promise<void> {
  const lang = course.language ?? 'en';
  const meta = [course.code, course.term, course.institution, course.lecturers.join(', ')].filter((m): m is string => !!m);
  const html = courseReadingDocument({ title: course.title, lang, meta }, lectures);
  const key = hashText(VERSION, html);
  const record = combinedRecordFile(step.cacheDir, output);
  const { readFile } = await import('node:fs/promises');
  const before = await readFile(record, 'utf8')
    .then((t) => JSON.parse(t) as { key: string; size: number })
    .catch(() => undefined);
  const st = await stat(output).catch(() => undefined);
  if (before?.key === key && st?.size === before.size) return;
  const session = step.session ?? printSession(browserSettings(step.config, {}), { outlines: 1 });
  try {
    const pdf = await printPdf(session, html, { width: '210mm', height: '297mm', tagged: true, output });
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    setPdfInfo(doc, { title: course.title, subject: courseReadingSubject(lang), lang });
    const data = await doc.save();
    await writeAtomic(output, data);
    await writeAtomic(record, JSON.stringify({ key, size: data.byteLength }));
  } finally {
    if (!step.session) await session.close();
  }
}

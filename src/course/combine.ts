/**
 * The course step after its lectures are built: the manifest of what this
 * out folder holds (every lecture, or one shard's), and — for a whole course
 * or a merge of shards — the combined outputs, out/course.handouts.pdf and
 * out/course.reading.pdf, made from the published lectures (drafts left out).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Config } from '../config.js';
import { BuildCache } from '../pipeline/cache.js';
import { printSession } from '../pipeline/targets.js';
import type { BrowserSession } from '../print/browser/index.js';
import { printPdf } from '../print/pdf.js';
import { browserSettings } from '../settings.js';
import { hashText } from '../util/hash.js';
import { writeAtomic } from '../util/write.js';
import { trace } from '../trace.js';
import { VERSION } from '../version.js';
import { combinedRecordFile, combinePdfs } from './combine-handouts.js';
import { setPdfInfo } from './combine-pdf.js';
import { courseReadingDocument, courseReadingSubject, lecturePassages } from './combine-reading.js';
import type { LectureBuilt } from './built.js';
import type { LoadedCourse } from './model.js';
import { inputName, MANIFEST_FILE, writeManifest, type CourseManifest, type LectureManifest } from './shard-manifest.js';

export const COMBINED_HANDOUTS = 'course.handouts.pdf';
export const COMBINED_READING = 'course.reading.pdf';

export interface CourseStep {
  outDir: string;
  cacheDir: string;
  config: Config;
  /** "I/N" when this build is one shard: no combined outputs then (`lectern course index` makes them). */
  shard?: string;
  /** A browser to print with; else one is started when the reading pack must be printed. */
  session?: BrowserSession;
  /** Whether the run prints PDFs (`--format md,html` does not): else the reading pack is left as it is. */
  print?: boolean;
}

const posix = (p: string) => p.split(path.sep).join('/');

/** The manifest of the lectures built into `outDir`. */
export async function courseManifest(course: LoadedCourse, built: LectureBuilt[], step: CourseStep): Promise<CourseManifest> {
  const cache = await BuildCache.open(step.cacheDir, { root: step.config.root, outDir: step.outDir });
  const lectures: LectureManifest[] = built.map((b) => ({
    outline: b.lecture.written,
    name: b.name,
    number: b.lecture.number,
    title: b.title,
    status: b.status,
    slides: b.slides,
    outputs: b.outputs.map((f) => posix(path.relative(step.outDir, f))).sort(),
    inputs: Object.fromEntries(Object.entries(cache.dependencies(`${b.lecture.outline}#`) ?? {}).map(([f, h]) => [inputName(course.dir, f), h])),
    summary: b.summary,
  }));
  return {
    lectern: VERSION,
    course: hashText(course.text),
    config: step.config.file ? await cache.hashFile(step.config.file) : 'none',
    shard: step.shard ?? null,
    lectures,
  };
}

/** After a course's lectures are built: the manifest, and unless this is a shard, the combined outputs. Returns the files written. */
export async function finishCourse(course: LoadedCourse, built: LectureBuilt[], step: CourseStep): Promise<string[]> {
  const manifest = await courseManifest(course, built, step);
  await writeManifest(step.outDir, manifest);
  trace('course: manifest written');
  if (step.shard) return [path.join(step.outDir, MANIFEST_FILE)];
  return [path.join(step.outDir, MANIFEST_FILE), ...(await combineOutputs(course, manifest, step))];
}

/** out/course.handouts.pdf and out/course.reading.pdf from a manifest's published lectures (in the course's order). */
export async function combineOutputs(
  course: LoadedCourse,
  manifest: CourseManifest,
  step: Pick<CourseStep, 'outDir' | 'cacheDir' | 'config' | 'session' | 'print'>,
): Promise<string[]> {
  const order = new Map(course.lectures.map((l, i) => [l.written, i]));
  const published = manifest.lectures.filter((l) => l.status !== 'draft').sort((a, b) => (order.get(a.outline) ?? 0) - (order.get(b.outline) ?? 0));
  const lang = course.language ?? 'en';
  const handouts = path.join(step.outDir, COMBINED_HANDOUTS);
  const parts = published.map((l) => ({
    name: l.name,
    title: `${l.number}. ${l.title}`,
    files: l.outputs.filter((f) => /\.handout-[^/]+\.pdf$/.test(f)).map((f) => path.join(step.outDir, f)),
  }));
  const reading = path.join(step.outDir, COMBINED_READING);
  // Side by side: Chromium prints the reading pack while pdf-lib joins the handouts here.
  const [joined, printed] = await Promise.all([
    parts.some((p) => p.files.length)
      ? combinePdfs(parts, { output: handouts, record: combinedRecordFile(step.cacheDir, handouts), title: course.title, lang }).then(() => {
          trace('course: handouts joined');
          return true;
        })
      : false,
    step.print !== false && published.some((l) => l.summary.cited.length)
      ? printReading(course, published, reading, step).then(() => {
          trace('course: reading pack done');
          return true;
        })
      : false,
  ]);
  return [...(joined ? [handouts] : []), ...(printed ? [reading] : [])];
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
  const html = courseReadingDocument(
    { title: course.title, lang, meta },
    lectures.map((l) => ({ number: l.number, title: l.title, passages: lecturePassages(l.summary, course.dir) })),
  );
  const key = hashText(VERSION, html);
  const record = combinedRecordFile(step.cacheDir, output);
  const before = await readFile(record, 'utf8')
    .then((t) => JSON.parse(t) as { key: string; size: number })
    .catch(() => undefined);
  const st = await stat(output).catch(() => undefined);
  if (before?.key === key && st?.size === before.size) return;
  const session = step.session ?? printSession(browserSettings(step.config, {}), { outlines: 1 });
  try {
    const pdf = await printPdf(session, html, { width: '210mm', height: '297mm', tagged: true, output });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    setPdfInfo(doc, { title: course.title, subject: courseReadingSubject(lang), lang });
    const data = await doc.save();
    await writeAtomic(output, data);
    await writeAtomic(record, JSON.stringify({ key, size: data.byteLength }));
  } finally {
    if (!step.session) await session.close();
  }
}

/**
 * Making out/index.html from the lectures built: the published lectures with
 * the files of theirs that exist in out/, their thumbnails embedded, the
 * sources they cite, coverage, and the search index; written atomically.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BibEntry } from '../deck/model.js';
import { writeAtomic } from '../util/write.js';
import { lectureFiles, type CourseOutputContext, type LectureBuilt } from './built.js';
import { courseCoverage } from './coverage.js';
import { publishedLectures } from './model.js';
import { coursePageHtml, type PageLecture, type PageSource } from './page.js';
import { searchScript } from './script.js';
import { searchDocuments, searchIndexJson } from './search-index.js';
import { pageStrings } from './strings.js';

export const COURSE_PAGE = 'index.html';

export async function writeCoursePage(ctx: Pick<CourseOutputContext, 'course' | 'lectures' | 'outDir'>): Promise<string> {
  const { course, outDir } = ctx;
  const published = new Set(publishedLectures(course));
  const shown = ctx.lectures.filter((l) => published.has(l.lecture));
  const lang = course.language ?? shown[0]?.summary.lang ?? 'en';
  const lectures = await Promise.all(shown.map((l) => pageLecture(l, outDir)));
  const index = searchIndexJson(searchDocuments(shown.map((l, i) => ({ number: l.lecture.number, summary: l.summary, deck: lectures[i]!.deck }))), lang);
  const html = coursePageHtml({
    course,
    lang,
    strings: pageStrings(lang),
    lectures,
    sources: courseSources(shown),
    coverage: courseCoverage(shown.map((l) => ({ number: l.lecture.number, summary: l.summary }))),
    index,
    script: await searchScript(),
  });
  const file = path.join(outDir, COURSE_PAGE);
  await writeAtomic(file, html);
  return file;
}

const exists = (file: string) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

async function pageLecture(l: LectureBuilt, outDir: string): Promise<PageLecture> {
  const files = lectureFiles(l.name);
  const present = async (name: string) => ((await exists(path.join(outDir, name))) ? name : undefined);
  const handouts = [];
  for (const h of files.handouts) if (await present(h.file)) handouts.push(h);
  return {
    number: l.lecture.number,
    date: l.lecture.date,
    title: l.summary.title,
    subtitle: l.summary.subtitle,
    slideCount: l.slides,
    deck: await present(files.deck),
    pdf: await present(files.pdf),
    reading: await present(files.reading),
    handouts,
    thumb: await present(files.thumb),
  };
}

/** Every work the published lectures list in their bibliographies, once (by its entry), with the lectures citing it. */
function courseSources(lectures: LectureBuilt[]): PageSource[] {
  const byEntry = new Map<string, { entry: BibEntry; lectures: number[] }>();
  for (const l of lectures) {
    for (const entry of l.summary.bibliography) {
      // A numeric style numbers entries per lecture ("1. …"): compare without the number.
      const key = entry.entry.replace(/^\s*\[?\d+[\].]?\s*/, '');
      const known = byEntry.get(key);
      if (known) {
        if (!known.lectures.includes(l.lecture.number)) known.lectures.push(l.lecture.number);
      } else byEntry.set(key, { entry, lectures: [l.lecture.number] });
    }
  }
  return [...byEntry.values()];
}

/**
 * Making out/index.html from the lectures built: the published lectures with
 * the files of theirs that exist in out/, their thumbnails linked, the
 * course's combined PDFs that exist (so they are written before the page),
 * the sources they cite, coverage, and the search index; written atomically,
 * and only when it changed.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../util/write.js';
import { lectureFiles, type CourseOutputContext, type LectureBuilt } from './built.js';
import { COMBINED_HANDOUTS, COMBINED_READING } from './combine.js';
import { courseCoverage } from './coverage.js';
import { publishedLectures } from './model.js';
import { coursePageHtml, entryNumber, withoutNumber, type PageLecture, type PageSource } from './page.js';
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
  const present = async (name: string) => ((await exists(path.join(outDir, name))) ? name : undefined);
  const index = searchIndexJson(searchDocuments(shown.map((l, i) => ({ number: l.lecture.number, summary: l.summary, deck: lectures[i]!.deck }))), lang);
  const html = coursePageHtml({
    course,
    lang,
    strings: pageStrings(lang),
    lectures,
    combined: { reading: await present(COMBINED_READING), handouts: await present(COMBINED_HANDOUTS) },
    sources: courseSources(shown),
    coverage: courseCoverage(shown.map((l) => ({ number: l.lecture.number, summary: l.summary }))),
    index,
    script: await searchScript(),
  });
  const file = path.join(outDir, COURSE_PAGE);
  // The same page is not written again: its time tells a web server (and rsync) that nothing changed.
  if ((await readFile(file, 'utf8').catch(() => undefined)) !== html) await writeAtomic(file, html);
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

/** Every work the published lectures list in their bibliographies, once (by its entry), with the lectures citing it and the number each gives it. */
function courseSources(lectures: LectureBuilt[]): PageSource[] {
  const byEntry = new Map<string, PageSource>();
  for (const l of lectures) {
    // A numeric style numbers a lecture's list 1, 2, 3… (an entry without the data for the style stays unnumbered); a title starting "1925." is no number.
    let next = 1;
    for (const entry of l.summary.bibliography) {
      const number = entryNumber(entry) === String(next) ? String(next++) : undefined;
      // Each lecture numbers its own list: compare without the number.
      const key = number ? withoutNumber(entry.entry) : entry.entry;
      const cited = { lecture: l.lecture.number, number };
      const known = byEntry.get(key);
      if (!known) byEntry.set(key, { entry, citedIn: [cited] });
      else if (!known.citedIn.some((c) => c.lecture === cited.lecture)) known.citedIn.push(cited);
    }
  }
  return [...byEntry.values()];
}

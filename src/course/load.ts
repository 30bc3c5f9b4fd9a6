/**
 * Reading course.yaml: YAML with positions, checked against the course
 * schema with the outline's machinery (every problem of the file at once, at
 * its line:column), then each lecture's outline found relative to the file —
 * a path that names nothing is reported at its line with the nearest
 * outline that exists.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { inputError, LecternError, type Problem } from '../errors.js';
import { readText } from '../outline/parse.js';
import { positionsOf, type Path } from '../outline/positions.js';
import { validateDocument } from '../outline/validate.js';
import { syntaxProblems } from '../outline/yaml-errors.js';
import { nearest } from '../suggest.js';
import type { Lecture, LoadedCourse, Located } from './model.js';
import { Course, type CourseInput } from './schema.js';

export type { Lecture, LoadedCourse } from './model.js';

export async function loadCourse(file: string): Promise<LoadedCourse> {
  const abs = path.resolve(file);
  const text = await readText(abs, 'the course file');
  return checkLectures(parseCourse(text, abs));
}

/** Parse and check course.yaml's text (pure: tests call it with strings); outline paths are made absolute but not looked at. */
export function parseCourse(text: string, file: string): LoadedCourse {
  const lines = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const doc = parseDocument(body, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const rename = (p: Problem): Problem => ({ ...p, code: p.code.replace(/^outline\//, 'course/') });
  const syntax = syntaxProblems(doc, body, lines, file);
  if (syntax.length) throw new LecternError(syntax.map(rename));
  if (doc.contents === null)
    throw inputError(
      'course/empty',
      'the course file is empty',
      { file, line: 1, column: 1 },
      'a course starts with `title:` and `lectures:`; `lectern init --course` writes one',
    );
  const checked = validateDocument(doc, Course as unknown as Record<string, unknown>, file, lines, { root: 'the course' });
  if (checked.problems.length) throw new LecternError(checked.problems.map(rename));
  const data = checked.value as CourseInput;
  const positions = positionsOf(doc, lines);
  const locate = (p: Path): Located => ({ file, ...positions.at(p) });
  const dir = path.dirname(file);
  let previous = 0;
  const lectures: Lecture[] = data.lectures.map((l, index) => {
    const number = l.number ?? previous + 1;
    previous = number;
    return {
      outline: path.resolve(dir, l.outline),
      written: l.outline,
      index,
      number,
      date: l.date,
      status: l.status ?? 'ready',
      at: locate(['lectures', index]),
    };
  });
  const problems: Problem[] = [];
  const seen = new Map<string, Lecture>();
  for (const lecture of lectures) {
    const prior = seen.get(lecture.outline);
    if (prior)
      problems.push({
        severity: 'error',
        code: 'course/duplicate-lecture',
        message: `the outline ${lecture.written} is already lecture ${prior.number} (line ${prior.at.line})`,
        hint: 'each outline is one lecture: remove one of the entries',
        ...locate(['lectures', lecture.index, 'outline']),
      });
    seen.set(lecture.outline, lecture);
  }
  if (problems.length) throw new LecternError(problems);
  return {
    file,
    dir,
    title: data.title,
    code: data.code,
    term: data.term,
    lecturers: data.lecturers ?? [],
    institution: data.institution,
    language: data.language,
    defaults: data.defaults ?? {},
    lectures,
    data,
    text,
    locate,
  };
}

/** Every lecture's outline must be a file; each one missing is reported at its line, with the nearest outline that exists. */
async function checkLectures(course: LoadedCourse): Promise<LoadedCourse> {
  const problems: Problem[] = [];
  let known: string[] | undefined;
  for (const lecture of course.lectures) {
    const found = await stat(lecture.outline).then(
      (s) => s.isFile(),
      () => false,
    );
    if (found) continue;
    known ??= await outlineFiles(course.dir);
    problems.push({
      severity: 'error',
      code: 'course/missing-outline',
      message: `lecture ${lecture.number}: the outline ${lecture.written} does not exist`,
      hint: nearestOutline(lecture.written, known),
      ...course.locate(['lectures', lecture.index, 'outline']),
    });
  }
  if (problems.length) throw new LecternError(problems);
  return course;
}

/** "did you mean outlines/week-2.yaml?", by the whole relative path, else by the file name. */
export function nearestOutline(written: string, known: string[]): string {
  const wanted = written.replace(/\\/g, '/').replace(/^\.\//, '');
  const byPath = nearest(wanted, known, 1);
  const byName = byPath.length ? byPath : known.filter((k) => nearest(path.posix.basename(wanted), [path.posix.basename(k)], 1).length > 0).slice(0, 1);
  if (byName.length) return `did you mean ${byName[0]}? (paths are relative to course.yaml)`;
  if (known.length === 0) return 'there are no .yaml outlines beside course.yaml; paths are relative to it';
  return `paths are relative to course.yaml; outlines there: ${known.slice(0, 6).join(', ')}${known.length > 6 ? ', …' : ''}`;
}

/** Folders never searched for outlines. */
const SKIP = new Set(['node_modules', 'out', '.git', '.lectern']);

/** The .yaml files under the course's folder (three levels deep), relative to it with "/". */
async function outlineFiles(dir: string, depth = 3, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory() && depth > 1 && !SKIP.has(e.name) && !e.name.startsWith('.')) out.push(...(await outlineFiles(dir, depth - 1, rel)));
    else if (e.isFile() && /\.ya?ml$/i.test(e.name) && !/^course\.ya?ml$/i.test(e.name)) out.push(rel);
  }
  return out;
}

/** Reading course.yaml: lectures numbered and found, mistakes at their line:column with what to do. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCourseText } from '../../src/course/detect.js';
import { loadCourse, parseCourse } from '../../src/course/load.js';
import { publishedLectures } from '../../src/course/model.js';
import { LecternError } from '../../src/errors.js';
import { tempDir, writeFiles } from '../helpers/project.js';

const problemsOf = async (work: () => unknown) => {
  try {
    await work();
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  throw new Error('expected a LecternError');
};

describe('course.yaml', () => {
  it('numbers lectures in order, continues after a given number, keeps drafts out of what is published', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'outlines/a.yaml': 'title: A\nslides: [{title: x}]\n',
      'outlines/b.yaml': 'title: B\nslides: [{title: x}]\n',
      'outlines/c.yaml': 'title: C\nslides: [{title: x}]\n',
      'course.yaml': [
        'title: История Японии',
        'code: HIST 214',
        'lecturers: [Иванова А. А.]',
        'language: ru',
        'defaults: {theme: default, citation_style: gost}',
        'lectures:',
        '  - outline: outlines/a.yaml',
        '    date: 3 февраля',
        '  - {outline: outlines/b.yaml, number: 5, status: draft}',
        '  - outline: ./outlines/c.yaml',
        '',
      ].join('\n'),
    });
    const course = await loadCourse(path.join(dir, 'course.yaml'));
    expect(course.title).toBe('История Японии');
    expect(course.lecturers).toEqual(['Иванова А. А.']);
    expect(course.defaults.theme).toBe('default');
    expect(course.lectures.map((l) => [path.relative(dir, l.outline), l.number, l.status])).toEqual([
      [path.join('outlines', 'a.yaml'), 1, 'ready'],
      [path.join('outlines', 'b.yaml'), 5, 'draft'],
      [path.join('outlines', 'c.yaml'), 6, 'ready'],
    ]);
    expect(course.lectures[0]!.date).toBe('3 февраля');
    expect(course.lectures[1]!.at.line).toBe(9);
    expect(publishedLectures(course).map((l) => l.number)).toEqual([1, 6]);
  });

  it('reports a missing outline at its line with the nearest existing file', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'outlines/week-2.yaml': 'title: B\nslides: [{title: x}]\n',
      'course.yaml': 'title: C\nlectures:\n  - outline: outlines/week2.yaml\n',
    });
    const [p, ...rest] = await problemsOf(() => loadCourse(path.join(dir, 'course.yaml')));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: 'course/missing-outline', line: 3, column: 14 });
    expect(p!.hint).toContain('outlines/week-2.yaml');
  });

  it('reports schema mistakes at their line:column with did-you-mean', async () => {
    const problems = await problemsOf(() =>
      parseCourse('title: C\nlectures:\n  - outline: a.yaml\n    stauts: draft\n  - outline: b.yaml\n    status: final\n', '/c/course.yaml'),
    );
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['course/unknown-key', 4, 5],
      ['course/enum', 6, 13],
    ]);
    expect(problems[0]!.hint).toContain('"status"');
  });

  it('refuses one outline listed twice, an empty file, and a course without lectures', async () => {
    const twice = await problemsOf(() => parseCourse('title: C\nlectures:\n  - outline: a.yaml\n  - outline: ./a.yaml\n', '/c/course.yaml'));
    expect(twice[0]).toMatchObject({ code: 'course/duplicate-lecture', line: 4 });
    expect((await problemsOf(() => parseCourse('\n', '/c/course.yaml')))[0]!.code).toBe('course/empty');
    expect((await problemsOf(() => parseCourse('title: C\n', '/c/course.yaml')))[0]!.code).toBe('course/missing-key');
    expect((await problemsOf(() => parseCourse('title: [C\n', '/c/course.yaml')))[0]!.line).toBe(1);
  });

  it('is told from an outline by its top-level lectures:', () => {
    expect(isCourseText('title: C\nlectures:\n  - outline: a.yaml\n')).toBe(true);
    expect(isCourseText('title: C\nslides:\n  - title: lectures: none\n')).toBe(false);
  });
});

/**
 * `lectern init --course`: a project whose course.yaml lists the sample
 * lecture in the project's language, and builds at once (Markdown and HTML:
 * the unit tier has no browser) — the lecture and the course page. Never
 * overwrites.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load.js';
import { INIT_LANGS } from '../../src/cli/init.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';

describe('lectern init --course', () => {
  it.each([
    ['en', 'Early Modern Europe', 'Spring 2026', 'Your Name'],
    ['ru', 'История России XVI века', 'Весенний семестр 2026', 'Ваше имя'],
    ['uk', 'Історія української культури', 'Весняний семестр 2026', 'Ваше ім’я'],
  ])('%s: course.yaml lists the sample lecture and `lectern build course.yaml` builds it and the course page', async (lang, title, term, lecturer) => {
    const dir = await tempDir();
    const init = await runCli(dir, ['init', '--course', '--lang', lang]);
    expect(init.code).toBe(0);
    expect(init.err).toContain(`created ${path.join('.', 'course.yaml')}`);
    expect(init.err).toMatch(/next: lectern build course\.yaml\n$/);
    const text = await readFile(path.join(dir, 'course.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=schema/course.schema.json');
    const schema = JSON.parse(await readFile(path.join(dir, 'schema', 'course.schema.json'), 'utf8')) as { title: string };
    expect(schema.title).toBe('Lectern course');

    expect(await runCli(dir, ['check', 'course.yaml'])).toMatchObject({ code: 0, err: 'ok\n' });
    // The lecture and the course page, with no browser (this tier has none): a run that prints no PDF
    // leaves the course's combined reading pack alone.
    expect(await runCli(dir, ['build', 'course.yaml', '--format', 'md,html', '-q'])).toMatchObject({ code: 0 });
    await expect(readFile(path.join(dir, 'out', 'course.reading.pdf'))).rejects.toThrow();
    const page = await readFile(path.join(dir, 'out', 'index.html'), 'utf8');
    expect(page).toContain(`<html lang="${lang}"`);
    for (const words of [title, term, lecturer]) expect(page).toContain(words);
    expect(page).toContain('href="lecture.html"');
    expect(await readFile(path.join(dir, 'out', 'lecture.md'), 'utf8')).toContain(`lang: "${lang}"`);
  });

  it('writes a valid course.yaml in every language of init, with its date and term in that language', async () => {
    const terms: string[] = [];
    for (const lang of INIT_LANGS) {
      const dir = await tempDir();
      expect((await runCli(dir, ['init', 'курс', '--course', '--lang', lang])).code).toBe(0);
      const course = await loadCourse(path.join(dir, 'курс', 'course.yaml'));
      expect(course.language).toBe(lang);
      expect(course.lectures.map((l) => path.relative(course.dir, l.outline))).toEqual([path.join('outlines', 'lecture.yaml')]);
      expect(course.lectures[0]!.number).toBe(1);
      terms.push(course.term ?? '');
    }
    // Eight languages, eight terms (none left in English).
    expect(new Set(terms).size).toBe(INIT_LANGS.length);
  });

  it('never overwrites: a folder with a course.yaml is left as it was', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'course.yaml': 'title: Mine\nlectures: [{outline: a.yaml}]\n' });
    const init = await runCli(dir, ['init', '--course']);
    expect(init.code).toBe(1);
    expect(init.err).toContain('init/exists');
    expect(init.err).toContain('course.yaml');
    expect(await readFile(path.join(dir, 'course.yaml'), 'utf8')).toBe('title: Mine\nlectures: [{outline: a.yaml}]\n');
    // Without --course, course.yaml is not init's: the project is written beside it.
    expect((await runCli(dir, ['init'])).code).toBe(0);
  });
});

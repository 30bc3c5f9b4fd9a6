/**
 * Customizing an outline: variants, `extends` (slide ids, remove, before and
 * after), `include`, and problems reported in the file that holds the
 * mistake — the base outline, an included slide list, or the child.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { LecternError, type Problem } from '../../src/errors.js';
import { loadOutline } from '../../src/outline/load.js';
import { exampleProject, ROOT, tempDir, writeFiles } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';

/** Each slide of a Marp file written by Lectern: its layout and first heading. */
function slidesOf(md: string): Array<{ layout: string; title?: string }> {
  return md
    .split(/^<!-- _class: lectern /m)
    .slice(1)
    .map((chunk) => ({ layout: /^[\w-]+/.exec(chunk)![0], title: /^#{1,2} (.+)$/m.exec(chunk.split(/^---$/m)[0]!)?.[1] }));
}

const run = runCli;

async function problemsOf(promise: Promise<unknown>): Promise<Problem[]> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  throw new Error('expected a LecternError');
}

const SOURCE = path.join(ROOT, 'sources', 'ussr-japan-1925.txt');

describe('the example lecture, customized', () => {
  let dir: string;
  let base: Array<{ layout: string; title?: string }>;
  let baseMd: string;

  beforeAll(async () => {
    dir = await exampleProject();
    const result = await build({ cwd: dir, outlines: ['outlines/ussr-japan-1925.yaml'], formats: ['md', 'html'] });
    baseMd = await readFile(path.join(dir, 'out', 'ussr-japan-1925.md'), 'utf8');
    base = slidesOf(baseMd);
    expect(result.slides.get('ussr-japan-1925')).toBe(base.length);
  });

  it('builds the seminar variant to out/NAME.seminar.*: the detail slides gone, its subtitle and date set', async () => {
    const result = await build({ cwd: dir, outlines: ['outlines/ussr-japan-1925.yaml'], formats: ['md', 'html'], variant: 'seminar' });
    expect(result.outputs.map((o) => path.basename(o.file)).sort()).toEqual(['ussr-japan-1925.seminar.html', 'ussr-japan-1925.seminar.md']);
    const md = await readFile(path.join(dir, 'out', 'ussr-japan-1925.seminar.md'), 'utf8');
    const slides = slidesOf(md);
    // The two slides tagged `detail` (chronology, tension) are left out.
    expect(slides.length).toBe(base.length - 2);
    expect(result.slides.get('ussr-japan-1925.seminar')).toBe(base.length - 2);
    expect(slides.map((s) => s.title)).toEqual(base.map((s) => s.title).filter((t) => t !== 'Хронология' && t !== 'Напряжённость сохранялась'));
    expect(md).toContain('\n## Семинарское занятие');
    expect(md).toContain('Семинар 7');
    expect(md).not.toContain('Пекинская конвенция 20 января 1925 г.');
    // The base outline's own output is untouched.
    expect(await readFile(path.join(dir, 'out', 'ussr-japan-1925.md'), 'utf8')).toBe(baseMd);
    const html = await readFile(path.join(dir, 'out', 'ussr-japan-1925.seminar.html'), 'utf8');
    expect(html).toContain('Семинарское занятие');
  });

  it('builds the review outline (extends) with its replaced, removed and inserted slides', async () => {
    const result = await build({ cwd: dir, outlines: ['outlines/ussr-japan-1925-review.yaml'], formats: ['md', 'html'] });
    expect(result.outputs.map((o) => path.basename(o.file)).sort()).toEqual(['ussr-japan-1925-review.html', 'ussr-japan-1925-review.md']);
    const md = await readFile(path.join(dir, 'out', 'ussr-japan-1925-review.md'), 'utf8');
    const titles = slidesOf(md).map((s) => s.title);
    const expected = base.map((s) => s.title).filter((t) => t !== 'Напряжённость сохранялась' && t !== 'Вопросы и обсуждение');
    expected[expected.indexOf('Основные положения')] = 'Основные положения — повторим';
    expected.splice(expected.indexOf('Итоги конвенции') + 1, 0, 'Проверьте себя');
    expect(titles).toEqual(expected);
    // Fields: the child's subtitle and date, the base's title and course.
    expect(md).toContain('\n## Повторение перед экзаменом');
    expect(md).toContain('Консультация');
    expect(md).toContain('title: "Установление дипломатических отношений между СССР и Японией"');
    expect(md).toContain('История международных отношений в XX веке');
    // The replaced slide has the child's bullets: p2.s2 shown as the source says it.
    expect(md).toContain('Конвенция устанавливала дипломатические и консульские отношения между обоими государствами.');
    expect(md).not.toContain('Стороны обязались не вмешиваться во внутренние дела друг друга');
  });

  it('builds the outline and every variant with --variant all (the base, and the child with the inherited variant)', async () => {
    const fresh = await exampleProject();
    const { code, err } = await run(fresh, ['build', '--format', 'md,html', '--variant', 'all']);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    const written = (await readdir(path.join(fresh, 'out'))).filter((f) => !f.startsWith('.')).sort();
    expect(written).toEqual([
      'ussr-japan-1925-review.html',
      'ussr-japan-1925-review.md',
      'ussr-japan-1925-review.seminar.html',
      'ussr-japan-1925-review.seminar.md',
      'ussr-japan-1925.html',
      'ussr-japan-1925.md',
      'ussr-japan-1925.seminar.html',
      'ussr-japan-1925.seminar.md',
    ]);
    const reviewSeminar = slidesOf(await readFile(path.join(fresh, 'out', 'ussr-japan-1925-review.seminar.md'), 'utf8')).map((s) => s.title);
    expect(reviewSeminar).toContain('Проверьте себя');
    expect(reviewSeminar).not.toContain('Хронология');
  });

  it('does not take an inherited object property for a variant', async () => {
    const { code, err } = await run(dir, ['check', 'outlines/ussr-japan-1925.yaml', '--variant', 'constructor']);
    expect(code).toBe(2);
    expect(err).toContain('unknown variant "constructor"');
  });

  it('refuses an unknown variant with exit 2 and did-you-mean', async () => {
    const { code, err } = await run(dir, ['check', 'outlines/ussr-japan-1925.yaml', '--variant', 'seminra']);
    expect(code).toBe(2);
    expect(err).toContain('unknown variant "seminra" of ussr-japan-1925.yaml');
    expect(err).toContain('did you mean "seminar"?');
  });
});

describe('problems in the file that holds them', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await tempDir();
    await writeFiles(dir, {
      'sources/conv.txt': await readFile(SOURCE),
      'outlines/base.yaml': [
        'title: Установление дипломатических отношений между СССР и Японией', // 1
        'sources:', // 2
        '  conv: ../sources/conv.txt', // 3
        'slides:', // 4
        '  - id: background', // 5
        '    title: Предпосылки', // 6
        '    bullets:', // 7
        '      - ref: conv#p1.s1', // 8
        '      - ref: conv#p7.s1', // 9  ← paragraph 7 does not exist
        '  - id: terms', // 10
        '    title: Основные положения', // 11
        '  - id: questions', // 12
        '    layout: questions', // 13
      ].join('\n'),
      'outlines/more.yaml': [
        '# Extra slides, included by review.yaml', // 1
        '- id: economy', // 2
        '  title: Экономические основы', // 3
        '  bullets:', // 4
        '    - ref: conv#p3.s1', // 5
        '    - ref: conv#p3.s9', // 6  ← sentence 9 does not exist
      ].join('\n'),
      'outlines/review.yaml': [
        'extends: base.yaml', // 1
        'subtitle: Повторение', // 2
        'slides:', // 3
        '  - include: more.yaml', // 4
        '  - remove: question', // 5  ← the id is "questions"
      ].join('\n'),
    });
  });

  it("reports a bad ref of a slide from the base at the base file's line", async () => {
    await writeFile(path.join(dir, 'outlines/review.yaml'), 'extends: base.yaml\nsubtitle: Повторение\n');
    const problems = await problemsOf(loadAndResolve(path.join(dir, 'outlines/review.yaml')));
    expect(problems.map(where)).toEqual(['base.yaml:9:14 ref/not-found']);
    expect(problems[0]!.message).toContain('paragraph p7 does not exist');
  });

  it("reports a bad item of an included slide list at the included file's line", async () => {
    await writeFile(path.join(dir, 'outlines/review.yaml'), 'extends: base.yaml\nslides:\n  - include: more.yaml\n');
    const problems = await problemsOf(loadAndResolve(path.join(dir, 'outlines/review.yaml')));
    expect(problems.map(where)).toEqual(['base.yaml:9:14 ref/not-found', 'more.yaml:6:12 ref/not-found']);
    expect(problems[1]!.message).toContain('sentence p3.s9 does not exist');
  });

  it('reports a schema problem of an included file in that file', async () => {
    await writeFile(path.join(dir, 'outlines/extra.yaml'), '- title: Итоги\n  layot: text\n');
    await writeFile(path.join(dir, 'outlines/review.yaml'), 'extends: base.yaml\nslides:\n  - include: extra.yaml\n');
    const problems = await problemsOf(loadOutline(path.join(dir, 'outlines/review.yaml')));
    expect(problems.map(where)).toEqual(['extra.yaml:2:3 outline/unknown-key']);
    expect(problems[0]!.message).toBe('unknown key "layot" in slides[1]');
    expect(problems[0]!.hint).toBe('did you mean "layout"?');
  });

  it("reports `remove: nonexistent` at the child's line with did-you-mean", async () => {
    await writeFile(
      path.join(dir, 'outlines/review.yaml'),
      'extends: base.yaml\nsubtitle: Повторение\nslides:\n  - include: more.yaml\n  - remove: question\n',
    );
    const { code, err } = await run(dir, ['check', 'outlines/review.yaml']);
    expect(code).toBe(1);
    expect(err).toContain('outlines/review.yaml:5:13: error [outline/unknown-slide-id] remove: no slide with id "question" in the extended outline');
    expect(err).toContain('hint: did you mean "questions"?');
  });

  it('reports before/after to an unknown id, both at once, and remove with other keys', async () => {
    await writeFile(
      path.join(dir, 'outlines/review.yaml'),
      [
        'extends: base.yaml',
        'slides:',
        '  - title: A',
        '    after: term',
        '  - title: B',
        '    before: terms',
        '    after: terms',
        '  - remove: terms',
        '    title: C',
      ].join('\n'),
    );
    const problems = await problemsOf(loadOutline(path.join(dir, 'outlines/review.yaml')));
    expect(problems.map(where)).toEqual([
      'review.yaml:4:12 outline/unknown-slide-id',
      'review.yaml:7:12 outline/before-and-after',
      'review.yaml:9:5 outline/remove-alone',
    ]);
    expect(problems[0]!.hint).toBe('did you mean "terms"?');
  });

  it('reports a missing extends target at the extends line', async () => {
    await writeFile(path.join(dir, 'outlines/review.yaml'), '# Повторение\nextends: bsae.yaml\n');
    const problems = await problemsOf(loadOutline(path.join(dir, 'outlines/review.yaml')));
    expect(problems.map(where)).toEqual(['review.yaml:2:10 outline/unreadable']);
    expect(problems[0]!.message).toContain('extends: bsae.yaml not found');
  });

  it('reports outlines that extend each other', async () => {
    await writeFiles(dir, { 'outlines/a.yaml': 'extends: b.yaml\n', 'outlines/b.yaml': 'extends: a.yaml\n' });
    const problems = await problemsOf(loadOutline(path.join(dir, 'outlines/a.yaml')));
    expect(problems.map(where)).toEqual(['b.yaml:1:10 outline/extends-cycle']);
    expect(problems[0]!.message).toContain('a.yaml → b.yaml → a.yaml');
  });
});

describe('paths stay relative to the file that names them', () => {
  it("resolves a base outline's sources from its own folder, even when the child adds sources", async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'shared/texts/conv.txt': await readFile(SOURCE),
      'shared/lectures/base.yaml': [
        'title: Лекция 7',
        'sources:',
        '  conv: ../texts/conv.txt',
        'slides:',
        '  - id: terms',
        '    title: Основные положения',
        '    bullets:',
        '      - ref: conv#p2.s3',
      ].join('\n'),
      'course/sources/note.txt': 'Пекинская конвенция была подписана в 1925 году.\n',
      'course/review.yaml': [
        'extends: ../shared/lectures/base.yaml',
        'sources:',
        '  note: sources/note.txt',
        'slides:',
        '  - title: Заметка',
        '    bullets:',
        '      - ref: note#p1.s1',
      ].join('\n'),
    });
    const result = await build({ cwd: dir, outlines: ['course/review.yaml'], formats: ['md'] });
    expect(result.outputs).toHaveLength(1);
    const md = await readFile(path.join(dir, 'out', 'review.md'), 'utf8');
    expect(md).toContain('К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.');
    expect(md).toContain('Пекинская конвенция была подписана в 1925 году.');
  });
});

describe('variants', () => {
  const outline = (variants: string) =>
    [
      'title: Лекция 7',
      'subtitle: Лекция',
      variants,
      'slides:',
      '  - title: Предпосылки',
      '    tags: [detail]',
      '  - title: Итоги',
      '    tags: [core]',
      '  - title: Вопросы',
    ].join('\n');

  it('keeps only included tags and untagged slides, and applies set:', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'l.yaml': outline(
        'variants:\n  short:\n    include_tags: [core]\n    set:\n      subtitle: Кратко\n      slides.2.title: Главное\n      vars.week: 1.10',
      ),
    });
    const loaded = await loadOutline(path.join(dir, 'l.yaml'), { variant: 'short' });
    expect(loaded.name).toBe('l.short');
    // Numbers count the variant's slides: slide 2 of [Итоги, Вопросы].
    expect(loaded.data.slides.map((s) => s.title)).toEqual(['Итоги', 'Главное']);
    expect(loaded.data.subtitle).toBe('Кратко');
    expect(loaded.data.vars).toEqual({ week: '1.10' });
  });

  it('reports a misspelt tag at the tag, with did-you-mean', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'l.yaml': outline('variants:\n  short:\n    exclude_tags: [detial]') });
    const problems = await problemsOf(loadOutline(path.join(dir, 'l.yaml'), { variant: 'short' }));
    expect(problems.map(where)).toEqual(['l.yaml:5:20 outline/unknown-tag']);
    expect(problems[0]!.hint).toBe('did you mean "detail"?');
  });

  it('reports a bad set: at its key in the variant', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'l.yaml': outline('variants:\n  short:\n    set:\n      subtitle: Кратко\n      sise: "4:3"') });
    const problems = await problemsOf(loadOutline(path.join(dir, 'l.yaml'), { variant: 'short' }));
    expect(problems.map(where)).toEqual(['l.yaml:7:13 outline/set']);
    expect(problems[0]!.message).toBe('variants.short.set.sise: unknown field "sise"');
    expect(problems[0]!.hint).toBe('did you mean "size"?');
  });
});

async function loadAndResolve(file: string) {
  const { resolveOutline } = await import('../../src/deck/resolve.js');
  return resolveOutline(await loadOutline(file));
}

function where(p: Problem): string {
  return `${path.basename(p.file ?? '')}:${p.line}:${p.column} ${p.code}`;
}

/**
 * `--set path=value`: one field of the outline overridden from the command
 * line, typed by the schema; typos and wrong types are usage errors (exit 2)
 * that say what was meant.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { loadOutline } from '../../src/outline/load.js';
import { exampleProject } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';

const OUTLINE = 'outlines/ussr-japan-1925.yaml';

const run = runCli;

describe('--set', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await exampleProject();
  });

  it('overrides the title, the size, a slide by id and a template var, in the built deck', async () => {
    const { code, err } = await run(dir, [
      'build',
      OUTLINE,
      '--format',
      'md',
      '--set',
      'title=Лекция 7: СССР и Япония',
      '--set',
      'size=4:3',
      '--set',
      'slides.terms.title=Положения конвенции',
      '--set',
      'vars.week=3',
    ]);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    const md = await readFile(path.join(dir, 'out', 'ussr-japan-1925.md'), 'utf8');
    expect(md).toContain('title: "Лекция 7: СССР и Япония"');
    expect(md).toContain('size: "4:3"');
    expect(md).toContain('\n# Положения конвенции');
    expect(md).not.toContain('# Основные положения');
    expect(md).toContain('# Лекция 7: СССР и Япония');
  });

  it('types each value by the schema', async () => {
    const loaded = await loadOutline(path.join(dir, OUTLINE), {
      set: [
        'vars.week=3',
        'vars.version=1.10',
        'vars.draft=true',
        'notes=false',
        'slides.terms.tags=core, exam',
        'slides.2.title=Программа',
        'subtitle=1.10',
        'slides.balance.columns.2.title=Не сделано',
      ],
    });
    expect(loaded.data.vars).toEqual({ week: 3, version: '1.10', draft: true });
    expect(loaded.data.notes).toBe(false);
    expect(loaded.data.slides.find((s) => s.id === 'terms')!.tags).toEqual(['core', 'exam']);
    expect(loaded.data.slides[1]!.title).toBe('Программа');
    expect(loaded.data.subtitle).toBe('1.10');
    expect(loaded.data.slides.find((s) => s.id === 'balance')!.columns![1]!.title).toBe('Не сделано');
    // The slide keeps its place in the file for later messages.
    expect(loaded.locate(['slides', 6, 'title'])).toMatchObject({ file: path.join(dir, OUTLINE) });
  });

  it("applies after the variant, so --set wins over a variant's set:", async () => {
    const loaded = await loadOutline(path.join(dir, OUTLINE), { variant: 'seminar', set: ['subtitle=Для заочников'] });
    expect(loaded.data.subtitle).toBe('Для заочников');
    expect(loaded.data.date).toBe('Семинар 7');
  });

  const usage: Array<[string, string, string]> = [
    ['titel=X', '--set titel=X: unknown field "titel"', 'did you mean "title"?'],
    ['slides.trems.title=Y', 'no slide "trems" in slides', 'did you mean "terms"?'],
    ['slides.terms.titel=Y', 'unknown field "titel" in slides.terms', 'did you mean "title"?'],
    ['vras.week=3', 'unknown field "vras"', 'did you mean "vars"?'],
    ['size=5:4', '--set size=5:4: "5:4" is not one of 16:9, 4:3', 'did you mean "4:3"?'],
    ['notes=maybe', 'notes takes true or false, not "maybe"', 'write notes=true or notes=false'],
    ['lang=Russian', '"Russian" is not valid for lang', 'Language of the lecture'],
    ['slides=x', 'slides is a list of slides', ''],
    ['slides.terms=x', 'a whole slide cannot be set', ''],
    ['slides.99.title=x', 'no slide "99" in slides', 'a number from 1 to 15'],
    ['slides.terms.bullets.1=x', '"slides.terms.bullets" is a list of texts; set it whole', ''],
    ['title.main=x', '"title" is a single value, so it has no fields', ''],
    ['vars=3', 'vars is a mapping; set its fields one by one', ''],
    ['sources.my source=a.txt', '"my source" is not a valid name in sources', 'letters, digits'],
    ['__proto__.polluted=1', '"__proto__" cannot be set', ''],
    ['vars.x={__proto__: 1}', 'the key "__proto__" is not allowed', ''],
    ['extends=other.yaml', '"extends" cannot be set', 'read from the file'],
    ['slides.terms.remove=x', '"slides.terms.remove" cannot be set', ''],
    ['title', '--set "title" is not path=value', 'e.g. --set title='],
    ['slides..title=x', '"slides..title" is not a field path', ''],
  ];

  it.each(usage)('--set %s is a usage error (exit 2): %s', async (arg, message, hint) => {
    const { code, err } = await run(dir, ['check', OUTLINE, '--set', arg]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    if (hint) expect(err).toContain(hint);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws a usage error from the library too', async () => {
    const err = await loadOutline(path.join(dir, OUTLINE), { set: ['size=5:4'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LecternError);
    expect((err as LecternError).exitCode).toBe(2);
  });
});

/**
 * Reading one outline file: YAML surprises, every problem at once, and the
 * safety rules (aliases, dangerous keys), through parseOutline — the pure
 * entry point that takes the text.
 */
import { describe, expect, it } from 'vitest';
import { LecternError, type Problem } from '../../src/errors.js';
import { parseOutline } from '../../src/outline/load.js';

function problemsOf(text: string, file = 'lecture.yaml'): Problem[] {
  try {
    parseOutline(text, file);
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  throw new Error('expected the outline to be refused');
}

const at = (p: Problem) => `${p.line}:${p.column} ${p.code}`;

describe('YAML 1.1 surprises', () => {
  it('keeps no, 10:00 and 1.10 as the text written where text is meant', () => {
    const outline = parseOutline(
      [
        'title: no',
        'subtitle: 1.10',
        'date: 10:00',
        'author: 0x1F',
        'course: 1e3',
        'institution: 2024',
        'size: 4:3',
        'slides:',
        '  - title: yes',
        '    subtitle: off',
        '    bullets: [no, 1.10, 10:00, on, 012]',
        '    tags: [1.10, y]',
        '    notes: 1.20',
      ].join('\n'),
      'lecture.yaml',
    );
    const d = outline.data;
    expect(d.title).toBe('no');
    expect(d.subtitle).toBe('1.10');
    expect(d.date).toBe('10:00');
    expect(d.author).toBe('0x1F');
    expect(d.course).toBe('1e3');
    expect(d.institution).toBe('2024');
    expect(d.size).toBe('4:3');
    expect(d.slides[0]!.title).toBe('yes');
    expect(d.slides[0]!.subtitle).toBe('off');
    expect(d.slides[0]!.bullets).toEqual(['no', '1.10', '10:00', 'on', '012']);
    expect(d.slides[0]!.tags).toEqual(['1.10', 'y']);
    expect(d.slides[0]!.notes).toBe('1.20');
  });

  it('keeps the text written even under a %YAML 1.1 directive', () => {
    const outline = parseOutline('%YAML 1.1\n---\ntitle: no\ndate: 10:00\nsubtitle: 1.10\nslides:\n  - title: on\n', 'lecture.yaml');
    expect(outline.data.title).toBe('no');
    expect(outline.data.date).toBe('10:00');
    expect(outline.data.subtitle).toBe('1.10');
    expect(outline.data.slides[0]!.title).toBe('on');
  });

  it('keeps template vars typed, but a number that would read differently stays as written', () => {
    const outline = parseOutline(
      'title: T\nvars:\n  week: 3\n  version: 1.10\n  draft: true\n  room: 10:00\n  code: 0x1F\nslides:\n  - title: A\n',
      'lecture.yaml',
    );
    expect(outline.data.vars).toEqual({ week: 3, version: '1.10', draft: true, room: '10:00', code: '0x1F' });
  });

  it('still wants true or false where a boolean is meant, and says so', () => {
    const [p, ...rest] = problemsOf('title: T\nnotes: no\nslides:\n  - title: A\n');
    expect(rest).toEqual([]);
    expect(at(p!)).toBe('2:8 outline/type');
    expect(p!.message).toBe('notes must be true or false, not text');
    expect(p!.hint).toBe('write true or false');
  });
});

describe('every problem of a file at once', () => {
  it('reports three distinct schema errors as three problems, each at its line:column', () => {
    const problems = problemsOf(
      [
        'title: Установление дипломатических отношений', // 1
        'lang: Russian', //                                2: bad format
        'slides:', //                                      3
        '  - title: Предпосылки', //                       4
        '    bulets:', //                                  5: unknown key
        '      - Япония не спешила с ответом', //          6
        '  - title: Пекинская конвенция', //               7
        '    quote: [a, b]', //                            8: wrong type
      ].join('\n'),
    );
    expect(problems.map(at)).toEqual(['2:7 outline/format', '5:5 outline/unknown-key', '8:12 outline/type']);
    expect(problems.every((p) => p.file === 'lecture.yaml' && p.severity === 'error' && !!p.hint)).toBe(true);
    expect(problems[1]!.hint).toBe('did you mean "bullets"?');
    expect(problems[2]!.message).toBe('slides[2].quote must be text or a mapping, not a list');
  });

  it('reports a second document together with the schema problems of the first', () => {
    const problems = problemsOf('title: T\nslides:\n  - titel: A\n---\ntitle: U\n');
    expect(problems.map(at)).toEqual(['4:1 outline/several-documents', '3:5 outline/unknown-key']);
  });

  it('reports duplicate keys together with the schema problems', () => {
    const problems = problemsOf('title: T\ntitle: U\nslides:\n  - title: A\n    layout: [x]\n');
    expect(problems.map(at)).toEqual(['2:1 yaml/duplicate-key', '5:13 outline/type']);
    expect(problems[0]!.message).toBe('duplicate key "title" (first on line 1)');
  });

  it('reports one syntax mistake once, not its cascade of parser errors', () => {
    const problems = problemsOf('title: T\nslides:\n  - title: A\n    bullets:\n      - one\n     - two\n  - title: B\n    tags: [x\n');
    expect(problems.map(at)).toEqual(['6:6 yaml/bad-indent', '8:11 yaml/unclosed-bracket']);
  });

  it('places a mis-indented key at the key, not at the line above', () => {
    const over = problemsOf('title: T\nslides:\n  - title: A\n     bullets:\n      - one\n');
    expect(over.map(at)).toEqual(['4:6 yaml/bad-indent']);
    expect(over[0]!.message).toBe('bad indentation: "bullets:" starts at column 6, but the key on line 3 starts at column 5');
    const under = problemsOf('title: T\nslides:\n  - title: A\n   bullets:\n      - one\n');
    expect(under.map(at)).toEqual(['4:4 yaml/bad-indent']);
  });

  it('names a key missing its colon', () => {
    const [p] = problemsOf('title: T\nslides\n  - title: A\n');
    expect(at(p!)).toBe('2:1 yaml/missing-colon');
    expect(p!.hint).toBe('if it is a key, write "slides:"');
  });

  it('reads a file with a byte order mark and Windows line ends', () => {
    const outline = parseOutline('\uFEFFtitle: Лекция\r\nslides:\r\n  - title: Предпосылки\r\n', 'lecture.yaml');
    expect(outline.data.title).toBe('Лекция');
    expect(outline.data.slides[0]!.title).toBe('Предпосылки');
  });

  it('says where the title is missing: at the first key, not at a comment', () => {
    const [p] = problemsOf('# Лекция 7\n# (черновик)\nslides:\n  - title: A\n');
    expect(at(p!)).toBe('3:1 outline/missing-key');
    expect(p!.message).toBe('the outline needs a "title"');
  });

  it('explains a list of slides given as an outline', () => {
    const [p] = problemsOf('- title: Экономические основы\n- title: Итоги\n');
    expect(at(p!)).toBe('1:1 outline/type');
    expect(p!.message).toBe('the outline must be a mapping (key: value lines), not a list');
    expect(p!.hint).toMatch(/include: FILE/);
  });

  it('refuses an empty file with a hint', () => {
    const [p] = problemsOf('# nothing yet\n');
    expect(at(p!)).toBe('1:1 outline/empty');
    expect(p!.hint).toMatch(/lectern init/);
  });
});

describe('safety', () => {
  it('never lets __proto__, constructor or prototype keys through, anywhere', () => {
    const problems = problemsOf('title: T\nvars:\n  __proto__: {polluted: 1}\n  deep:\n    - constructor: 1\n    - "prototype": 2\nslides:\n  - title: A\n');
    expect(problems.map(at)).toEqual(['3:3 outline/forbidden-key', '5:7 outline/forbidden-key', '6:7 outline/forbidden-key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('expands ordinary aliases', () => {
    const outline = parseOutline(
      'title: T\nslides:\n  - title: A\n    notes: &n [Сначала предпосылки, Затем конвенция]\n  - title: B\n    notes: *n\n',
      'lecture.yaml',
    );
    expect(outline.data.slides[1]!.notes).toEqual(['Сначала предпосылки', 'Затем конвенция']);
  });

  it('stops an alias bomb at once, with one problem', () => {
    const lines = ['title: T', 'vars:', '  l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `  l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('slides:', '  - title: A', '    bullets: *l9');
    const started = performance.now();
    const problems = problemsOf(lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('outline/alias-bomb');
    expect(problems[0]!.line).toBeGreaterThanOrEqual(4);
    expect(problems[0]!.line).toBeLessThanOrEqual(7);
  });

  it('stops many aliases of one long list (no nesting needed)', () => {
    const long = Array(5000).fill('лол').join(', ');
    const text = `title: T\nvars:\n  big: &big [${long}]\n  many: [${Array(2000).fill('*big').join(', ')}]\nslides:\n  - title: A\n`;
    const started = performance.now();
    const problems = problemsOf(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems.map(at)).toEqual(['4:16 outline/alias-bomb']);
  });
});

describe('messages name what was meant', () => {
  it('suggests the right key and enum value, and names a missing field', () => {
    const problems = problemsOf('title: T\nsize: 16x9\nhandout:\n  paper: a4\nslides:\n  - titel: A\n    image:\n      path: map.png\n');
    expect(problems.map((p) => `${at(p)} | ${p.hint}`)).toEqual([
      '2:7 outline/enum | did you mean "16:9"?',
      '4:10 outline/enum | did you mean "A4"?',
      '6:5 outline/unknown-key | did you mean "title"?',
      '8:7 outline/missing-key | alt: Alternative text for screen readers (required).',
    ]);
  });

  it('tells text with a colon from a misspelt key', () => {
    const [p] = problemsOf('title: T\nslides:\n  - title: A\n    bullets:\n      - Итог: отношения установлены\n');
    expect(at(p!)).toBe('5:9 outline/unknown-key');
    expect(p!.hint).toMatch(/put the whole text in quotes/);
  });

  it('names source and variant names that cannot be names', () => {
    const problems = problemsOf('title: T\nsources:\n  my source: a.txt\nvariants:\n  для семинара: {}\nslides:\n  - title: A\n');
    expect(problems.map(at)).toEqual(['3:3 outline/bad-name', '5:3 outline/bad-name']);
    expect(problems[0]!.hint).toMatch(/letters, digits/);
  });

  it('explains that merge keys are not supported', () => {
    const [p] = problemsOf('title: T\nslides:\n  - &base\n    title: A\n  - <<: *base\n    subtitle: B\n');
    expect(at(p!)).toBe('5:5 outline/unknown-key');
    expect(p!.message).toBe('unknown key "<<" in slides[2]: YAML merge keys are not supported');
    expect(p!.hint).toMatch(/include:/);
  });

  it('refuses a variant called "all"', () => {
    const [p] = problemsOf('title: T\nvariants:\n  all: {}\nslides:\n  - title: A\n');
    expect(at(p!)).toBe('3:3 outline/reserved-variant');
  });

  it('refuses slide placement (after:) in an outline that extends nothing', () => {
    const [p] = problemsOf('title: T\nslides:\n  - title: A\n    after: x\n');
    expect(at(p!)).toBe('4:12 outline/needs-extends');
  });
});

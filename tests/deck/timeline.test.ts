/** The timeline layout from dated sentences of a passage (`from:`), with and without explicit events. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { LecternError } from '../../src/errors.js';
import { exampleProject, writeFiles } from '../helpers/project.js';

describe('timeline from a passage', () => {
  it('lists every dated sentence in date order, each cited, after the explicit events', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, {
      'outlines/t.yaml': [
        'title: T',
        'sources:',
        '  conv: ../sources/ussr-japan-1925.txt',
        'slides:',
        '  - title: Хронология',
        '    timeline:',
        '      from: conv#p2-p3',
        '      events:',
        '        - date: 1922 г.',
        '          text: Окончание интервенции',
        '',
      ].join('\n'),
    });
    await build({ cwd: dir, outlines: ['outlines/t.yaml'], formats: ['md'] });
    const md = await readFile(path.join(dir, 'out/t.md'), 'utf8');
    const dates = [...md.matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1]);
    expect(dates[0]).toBe('1922 г.');
    expect(dates.slice(1)).toEqual(['5 сентября 1905', '1907', '20 января 1925', '15 мая 1925', '1928']);
    expect(md).toContain('Отношения СССР и Японии, абз. 2–3');
  });

  it('says so when the passage has no dates', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, {
      'outlines/t.yaml': 'title: T\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n  - timeline:\n      from: conv#p4.s2\n',
    });
    const err = (await build({ cwd: dir, outlines: ['outlines/t.yaml'], formats: ['md'] }).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]).toMatchObject({ code: 'timeline/no-dates', line: 6, column: 13 });
  });
});

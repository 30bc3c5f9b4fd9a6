/** Dates Lectern writes itself: an outline's ISO `date:` in the lecture's language, other text as written. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDate, shownDate } from '../../src/messages/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';

describe('calendarDate', () => {
  it('writes an ISO date as the language writes dates', () => {
    expect(calendarDate('2026-03-14', 'de')).toBe('14. März 2026');
    expect(calendarDate('2026-03-14', 'uk')).toBe('14 березня 2026 р.');
    expect(calendarDate('2026-03-14', 'ru')).toBe('14 марта 2026 г.');
    expect(calendarDate('2026-03-14', 'pl')).toBe('14 marca 2026');
    expect(calendarDate('2026-03-14', 'en')).toBe('March 14, 2026');
    expect(calendarDate('2026-03-14', 'en-GB')).toBe('14 March 2026');
    expect(calendarDate(' 2026-01-01 ', 'fr')).toBe('1 janvier 2026');
  });

  it('leaves what is not a calendar date alone', () => {
    expect(calendarDate('Vorlesung 4', 'de')).toBeUndefined();
    expect(calendarDate('2026-02-30', 'de')).toBeUndefined();
    expect(calendarDate('14.03.2026', 'de')).toBeUndefined();
    expect(shownDate('весна 2026', 'ru')).toBe('весна 2026');
    expect(shownDate('2026-13-01', 'en')).toBe('2026-13-01');
  });

  it('takes English for a tag Intl does not know', () => {
    expect(calendarDate('2026-03-14', 'qqq')).toBe('March 14, 2026');
    expect(calendarDate('2026-03-14', 'not a tag')).toBe('March 14, 2026');
  });
});

describe('the lecture date on the title slide', () => {
  it('is written in the outline’s language when it is an ISO date', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'outlines/de.yaml': 'title: Vorlesung\ncourse: Geschichte\ndate: 2026-03-14\nlang: de\nslides:\n  - layout: title\n',
      'outlines/uk.yaml': 'title: Лекція\ndate: "Лекція 7"\nlang: uk\nslides:\n  - layout: title\n',
    });
    expect((await runCli(dir, ['build', '--format', 'md', '-q'])).code).toBe(0);
    // Markdown-escaped: "14." could start a list.
    expect(await readFile(path.join(dir, 'out/de.md'), 'utf8')).toContain('Geschichte · 14\\. März 2026');
    expect(await readFile(path.join(dir, 'out/uk.md'), 'utf8')).toContain('Лекція 7');
  });
});

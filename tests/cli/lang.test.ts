/**
 * The language nobody named (issue 14): the project config's `lang`, else the source's script
 * (Cyrillic → ru, otherwise en) — for `lectern passages` and for a build alike; and
 * `lectern init --lang en|ru`.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptLang } from '../../src/util/lang.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';

const ENGLISH = 'The treaty was signed in Washington. It ended the war.\n';
const RUSSIAN = 'Конвенция подписана в Пекине. Она установила отношения.\n';

describe('the language of a source nobody named', () => {
  it("is the config's for `lectern passages`", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'lectern.config.yaml': 'lang: en\n', 'sources/a.txt': RUSSIAN });
    const { code, out } = await runCli(dir, ['passages', 'sources/a.txt']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toContain('(en, 1 paragraph)');
  });

  it("is the script's without a config: Latin → en, Cyrillic → ru", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'sources/en.txt': ENGLISH, 'sources/ru.txt': RUSSIAN });
    expect((await runCli(dir, ['passages', 'sources/en.txt'])).out.split('\n')[0]).toContain('(en, ');
    expect((await runCli(dir, ['passages', 'sources/ru.txt'])).out.split('\n')[0]).toContain('(ru, ');
    // --lang and the metadata still win.
    expect((await runCli(dir, ['passages', 'sources/en.txt', '--lang', 'ru'])).out.split('\n')[0]).toContain('(ru, ');
    await writeFiles(dir, { 'sources/en.yaml': 'lang: de\n' });
    expect((await runCli(dir, ['passages', 'sources/en.txt'])).out.split('\n')[0]).toContain('(de, ');
  });

  it('makes an outline without `lang` English for an English source, Russian for a Russian one', async () => {
    const dir = await tempDir();
    const outline = (src: string) =>
      `title: T\nsources:\n  s: ../sources/${src}\nslides:\n  - title: A\n    bullets:\n      - ref: s#p1.s1\n  - layout: sources\n`;
    await writeFiles(dir, {
      'sources/en.txt': ENGLISH,
      'sources/ru.txt': RUSSIAN,
      'outlines/en.yaml': outline('en.txt'),
      'outlines/ru.yaml': outline('ru.txt'),
    });
    expect((await runCli(dir, ['build', '--format', 'md', '-q'])).code).toBe(0);
    const en = await readFile(path.join(dir, 'out/en.md'), 'utf8');
    expect(en).toContain('lang: "en"');
    expect(en).toContain('\n# Sources');
    const ru = await readFile(path.join(dir, 'out/ru.md'), 'utf8');
    expect(ru).toContain('lang: "ru"');
    expect(ru).toContain('\n# Источники');
  });

  it('follows the config over the script in a build', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'lectern.config.yaml': 'lang: ru\n',
      'sources/en.txt': ENGLISH,
      'outlines/en.yaml': 'title: T\nsources:\n  s: ../sources/en.txt\nslides:\n  - layout: sources\n',
    });
    expect((await runCli(dir, ['build', '--format', 'md', '-q'])).code).toBe(0);
    expect(await readFile(path.join(dir, 'out/en.md'), 'utf8')).toContain('lang: "ru"');
  });

  it('reads a Russian text full of Latin markup and names as Russian', () => {
    expect(scriptLang('Договор (Treaty of Portsmouth) был подписан в 1905 году; текст: https://example.org/t')).toBe('ru');
    expect(scriptLang('The word «договор» means treaty in Russian; the treaty was signed in 1905.')).toBe('en');
    expect(scriptLang('1905 — 1925')).toBe('en');
  });
});

describe('lectern init --lang', () => {
  it('makes an English project by default', async () => {
    const dir = await tempDir();
    expect((await runCli(dir, ['init'])).code).toBe(0);
    expect(await readFile(path.join(dir, 'lectern.config.yaml'), 'utf8')).toMatch(/^lang: en$/m);
  });

  it('makes a Russian project with a Russian sample with --lang ru, which checks and builds', async () => {
    const dir = await tempDir();
    const init = await runCli(dir, ['init', '--lang', 'ru']);
    expect(init.code).toBe(0);
    expect(await readFile(path.join(dir, 'lectern.config.yaml'), 'utf8')).toMatch(/^lang: ru$/m);
    const sources = (await readdir(path.join(dir, 'sources'))).filter((f) => f.endsWith('.txt'));
    expect(sources).toHaveLength(1);
    expect(scriptLang(await readFile(path.join(dir, 'sources', sources[0]!), 'utf8'))).toBe('ru');
    expect(await runCli(dir, ['check'])).toMatchObject({ code: 0, err: 'ok\n' });
    expect((await runCli(dir, ['build', '--format', 'md', '-q'])).code).toBe(0);
    const md = await readFile(path.join(dir, 'out/lecture.md'), 'utf8');
    expect(md).toContain('lang: "ru"');
    expect(md).toContain('# Начало книгопечатания в России');
    expect(md).toContain('<mark>распространялись знания</mark>');
    expect(md).toContain('\n# Источники');
  });

  it('refuses another language', async () => {
    const dir = await tempDir();
    const { code, err } = await runCli(dir, ['init', '--lang', 'ja']);
    expect(code).toBe(2);
    expect(err).toContain('en, ru, de, fr, es, it, uk, pl');
    expect(await readdir(dir)).toEqual([]);
  });

  it('names its languages in the help as a list to choose from', async () => {
    const { code, out } = await runCli(await tempDir(), ['init', '--help']);
    expect(code).toBe(0);
    expect(out.replace(/\s+/g, ' ')).toContain('one of en, ru, de, fr, es, it, uk, pl');
    expect(out).not.toContain(' or ru');
  });
});

/**
 * CSL styles and locales (issue 17): aliases, any style id of Debian's package (a dependent one
 * through its parent), a .csl path, did-you-mean for an unknown name, and errors that name the
 * package when styles or locales are missing.
 */
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Citer } from '../../src/bib/format.js';
import { cslLocale, listStyles, localeXml, resolveStyle, STYLE_ALIASES } from '../../src/bib/style.js';
import { LecternError } from '../../src/errors.js';
import { tempDir } from '../helpers/project.js';

const problemOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LecternError);
    return err as LecternError;
  }
  throw new Error('no error');
};

afterEach(() => vi.unstubAllEnvs());

describe('resolveStyle', () => {
  it('resolves every alias to an installed style, numeric or not', async () => {
    for (const [alias, id] of Object.entries(STYLE_ALIASES)) {
      const style = await resolveStyle(alias, '/');
      expect(style.name, alias).toBe(id);
      expect(style.xml, alias).toContain('<style');
    }
    expect((await resolveStyle('gost', '/')).numeric).toBe(true);
    expect((await resolveStyle('ieee', '/')).numeric).toBe(true);
    expect((await resolveStyle('gost-author-date', '/')).numeric).toBe(false);
    expect((await resolveStyle('APA', '/')).numeric).toBe(false);
  });

  it('takes any style id, a dependent style through its parent, and a path to a .csl file', async () => {
    expect((await resolveStyle('gost-r-7-0-5-2008-numeric', '/')).name).toBe('gost-r-7-0-5-2008-numeric');
    const nature = await resolveStyle('nature-chemistry', '/');
    expect(nature.file).toMatch(/dependent\/nature-chemistry\.csl$/);
    expect(nature.xml).toContain('<bibliography');
    expect(nature.numeric).toBe(true);
    const dir = await tempDir();
    const mine = path.join(dir, 'styles', 'my-gost.csl');
    await mkdir(path.dirname(mine), { recursive: true });
    await writeFile(mine, await readFile('/usr/share/citation-style-language/styles/gost-r-7-0-5-2008-numeric.csl', 'utf8'));
    expect(await resolveStyle('styles/my-gost.csl', dir)).toMatchObject({ name: 'my-gost', file: mine, numeric: true });
  });

  it('names the aliases and the nearest style for an unknown name', async () => {
    const err = await problemOf(resolveStyle('gots', '/'));
    expect(err.problems[0]).toMatchObject({ code: 'bib/style', message: 'unknown citation style "gots"' });
    expect(err.problems[0]!.hint).toMatch(/^did you mean "gost"\? named styles: gost, gost-author-date, .*apa, chicago, mla, ieee/);
    expect((await problemOf(resolveStyle('chicago-author-dat', '/'))).problems[0]!.hint).toMatch(/^did you mean "chicago-author-date"/);
    const missing = await problemOf(resolveStyle('./nope.csl', '/tmp'));
    expect(missing.problems[0]!.message).toBe('the style file "./nope.csl" does not exist');
    const dir = await tempDir();
    await writeFile(path.join(dir, 'bad.csl'), '<html></html>');
    expect((await problemOf(resolveStyle('bad.csl', dir))).problems[0]!.message).toContain('not a CSL style');
  });

  it('names the Debian package when the styles are not installed', async () => {
    vi.stubEnv('LECTERN_CSL_DIR', '/nonexistent/csl');
    const err = await problemOf(resolveStyle('apa', '/'));
    expect(err.exitCode).toBe(3);
    expect(err.problems[0]!.hint).toContain('apt install citation-style-language-styles');
    const locales = await problemOf(localeXml('ru'));
    expect(locales.problems[0]!.hint).toContain('apt install citation-style-language-locales');
  });
});

describe('locales', () => {
  it('maps a deck language to a CSL locale', async () => {
    expect(cslLocale('ru')).toBe('ru-RU');
    expect(cslLocale('en')).toBe('en-US');
    expect(cslLocale('pt_br')).toBe('pt-BR');
    expect(cslLocale('de')).toBe('de-DE');
    expect(await localeXml('ru')).toContain('xml:lang="ru-RU"');
    expect(await localeXml('en')).toContain('xml:lang="en-US"');
    expect((await problemOf(localeXml('xx'))).problems[0]).toMatchObject({ code: 'bib/locale', message: 'there is no CSL locale for the language "xx"' });
  });

  it('is forced over the style’s default-locale in a Citer', async () => {
    // gost-r-7-0-5-2008-numeric says default-locale="en-US"; a Russian deck still gets "с.".
    const style = await resolveStyle('gost', '/');
    expect(style.xml).toContain('default-locale="en-US"');
    const items = [{ id: 'a', type: 'book', title: 'T', author: [{ family: 'Тарле', given: 'Е. В.' }], issued: { 'date-parts': [[1941]] } }];
    expect(new Citer(style, 'ru', items).cite([{ id: 'a', locator: '45' }]).text).toBe('[1, с. 45]');
    expect(new Citer(style, 'en', items).cite([{ id: 'a', locator: '45' }]).text).toBe('[1, p. 45]');
    expect(new Citer(style, 'de', items).cite([{ id: 'a', locator: '45' }]).text).toBe('[1, S. 45]');
  });
});

describe('listStyles', () => {
  it('lists the package’s styles with their titles', async () => {
    const list = await listStyles();
    expect(list.length).toBeGreaterThan(2000);
    expect(list.find((s) => s.name === 'gost-r-7-0-5-2008-numeric')).toMatchObject({ title: 'Russian GOST R 7.0.5-2008 (numeric)' });
    expect(list.find((s) => s.name === 'apa')!.title).toBe('American Psychological Association 7th edition');
  });
});

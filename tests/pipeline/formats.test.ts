/**
 * The export formats without a browser: which formats need one, the
 * defaults, --png-scale and site_url as the settings resolve them, output
 * names, and the images folder written whole without touching the user's
 * files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatsAndHandouts, parsePngScale } from '../../src/cli/build-flags.js';
import { loadConfig } from '../../src/config.js';
import { outputFileName } from '../../src/pipeline/build.js';
import { imageName, writeImageFolder } from '../../src/pipeline/images.js';
import { printsFor, runSettings } from '../../src/settings.js';
import { tempDir, writeFiles } from '../helpers/project.js';

describe('formats', () => {
  it('build md, html and pdf by default; png and pptx only when asked for', async () => {
    const dir = await tempDir();
    expect(runSettings(loadConfig(dir), {}, dir).formats.value).toEqual(['md', 'html', 'pdf']);
    expect(formatsAndHandouts('png,pptx,notes', undefined)).toEqual({ formats: ['png', 'pptx'], handouts: ['notes'] });
    expect(() => formatsAndHandouts('all', undefined)).toThrow(/unknown format "all"/);
  });

  it('need a browser for PDFs, PNG images and handouts, not for PowerPoint', () => {
    expect(printsFor({ formats: ['pptx'] })).toBe(false);
    expect(printsFor({ formats: ['md', 'html', 'pptx'] })).toBe(false);
    expect(printsFor({ formats: ['png'] })).toBe(true);
    expect(printsFor({ formats: ['pptx'], handouts: ['notes'] })).toBe(true);
    expect(printsFor({})).toBe(true);
  });

  it('name the outputs: a folder of images, the preview image beside the deck', () => {
    expect(outputFileName('lecture', 'png')).toBe('lecture');
    expect(outputFileName('lecture', 'thumb')).toBe('lecture.thumb.png');
    expect(outputFileName('lecture', 'pptx')).toBe('lecture.pptx');
    expect(imageName(0, 15)).toBe('001.png');
    expect(imageName(14, 15)).toBe('015.png');
    expect(imageName(0, 1200)).toBe('0001.png');
  });
});

describe('--png-scale', () => {
  it('takes a factor from 0.1 to 4', () => {
    expect(parsePngScale(undefined)).toBeUndefined();
    expect(parsePngScale('0.5')).toBe(0.5);
    expect(parsePngScale('2')).toBe(2);
    for (const bad of ['0', '-1', 'big', '5']) expect(() => parsePngScale(bad), bad).toThrow(/--png-scale must be a number from 0.1 to 4/);
  });

  it('defaults to 1, and the command line sets it', async () => {
    const dir = await tempDir();
    expect(runSettings(loadConfig(dir), {}, dir).pngScale).toEqual({ value: 1, origin: 'default' });
    expect(runSettings(loadConfig(dir), { pngScale: 0.5 }, dir).pngScale).toEqual({ value: 0.5, origin: 'command line' });
  });
});

describe('site_url', () => {
  it('is an http(s) address from the config, read as a folder', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'lectern.config.yaml': 'lang: en\nsite_url: https://example.edu/lectures\n' });
    const run = runSettings(loadConfig(dir), {}, dir);
    expect(run.problems).toEqual([]);
    expect(run.siteUrl).toEqual({ value: 'https://example.edu/lectures/', origin: { file: path.join(dir, 'lectern.config.yaml'), line: 2, column: 11 } });
  });

  it('is an error at its line otherwise', async () => {
    for (const bad of ['ftp://example.edu/', '/lectures', 'example.edu', 'javascript:alert(1)']) {
      const dir = await tempDir();
      await writeFiles(dir, { 'lectern.config.yaml': `lang: en\nsite_url: "${bad}"\n` });
      const run = runSettings(loadConfig(dir), {}, dir);
      expect(run.siteUrl.value, bad).toBeUndefined();
      expect(run.problems, bad).toMatchObject([{ severity: 'error', code: 'config/site-url', file: path.join(dir, 'lectern.config.yaml'), line: 2 }]);
    }
  });

  it('is an error at its line when it is not an address at all', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'lectern.config.yaml': 'site_url: 42\n' });
    expect(runSettings(loadConfig(dir), {}, dir).problems).toMatchObject([{ code: 'config/site-url', line: 1, column: 11 }]);
  });
});

describe('the images folder', () => {
  const images = (n: number, tag: string) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`${tag} ${i + 1}`));
  const recorded = async (folder: string, names: string[]) =>
    Promise.all(names.map(async (name) => ({ name, ...(await stat(path.join(folder, name)).then((s) => ({ size: s.size, mtimeMs: s.mtimeMs }))) })));

  it('is written whole, replaced whole while it holds only Lectern’s images', async () => {
    const dir = await tempDir();
    const folder = path.join(dir, 'out', 'deck');
    const first = await writeImageFolder(folder, images(4, 'a'), []);
    expect(first).toEqual(['001.png', '002.png', '003.png', '004.png']);
    const second = await writeImageFolder(folder, images(2, 'b'), await recorded(folder, first));
    expect(second).toEqual(['001.png', '002.png']);
    expect((await readdir(folder)).sort()).toEqual(['001.png', '002.png']);
    expect(await readFile(path.join(folder, '002.png'), 'utf8')).toBe('b 2');
    // Nothing left beside it.
    expect(await readdir(path.join(dir, 'out'))).toEqual(['deck']);
  });

  it("keeps the user's files, and images Lectern did not write or that changed since", async () => {
    const dir = await tempDir();
    const folder = path.join(dir, 'out', 'deck');
    const first = await writeImageFolder(folder, images(5, 'a'), []);
    const ours = await recorded(folder, first);
    await writeFiles(folder, { 'notes.txt': 'mine', '005.png': 'edited by hand', '009.png': 'mine too' });
    const second = await writeImageFolder(folder, images(2, 'b'), ours);
    expect(second).toEqual(['001.png', '002.png']);
    // 003 and 004 were Lectern's, as written: gone. 005 was changed since: kept, as is 009 and the note.
    expect((await readdir(folder)).sort()).toEqual(['001.png', '002.png', '005.png', '009.png', 'notes.txt']);
    expect(await readFile(path.join(folder, '001.png'), 'utf8')).toBe('b 1');
    expect(await readFile(path.join(folder, '005.png'), 'utf8')).toBe('edited by hand');
    expect(await readdir(path.join(dir, 'out'))).toEqual(['deck']);
  });

  it('is refused where a file has its name', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'out/deck': 'a file' });
    await expect(writeImageFolder(path.join(dir, 'out', 'deck'), images(1, 'a'), [])).rejects.toThrow(/is a file/);
    expect(await readFile(path.join(dir, 'out', 'deck'), 'utf8')).toBe('a file');
    expect(await readdir(path.join(dir, 'out'))).toEqual(['deck']);
  });
});

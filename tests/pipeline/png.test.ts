/**
 * Slides as images (--format png → out/NAME/001.png…) and the HTML deck's
 * preview image (out/NAME.thumb.png, named by its Open Graph and Twitter
 * tags), shot in the build's browser: as many images as slides at the asked
 * width, the title slide not blank, the folder replaced whole without
 * touching the user's files, the cache answering a build with nothing
 * changed, and `site_url` making the image's address absolute.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { build, type BuildEvent } from '../../src/pipeline/build.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { grayVariance, pngGray, pngSize } from '../helpers/png.js';
import { exampleProject, sharedSession, tempDir, writeFiles } from '../helpers/project.js';

const NAME = 'ussr-japan-1925';
const OUTLINE = `outlines/${NAME}.yaml`;

/** A small deck of its own: a title slide and `count - 1` slides of bullets. */
function smallOutline(count: number, size = '16:9'): string {
  const slides = ['  - layout: title'];
  for (let i = 2; i <= count; i++) slides.push(`  - title: Slide ${i}\n    bullets:\n      - text: Point ${i}`);
  return `title: Small deck\nsubtitle: For images\nlang: en\nsize: "${size}"\nslides:\n${slides.join('\n')}\n`;
}

const headOf = (html: string) => html.slice(0, html.indexOf('</head>'));
const meta = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(headOf(html))?.[1];

describe('--format png and the preview image', () => {
  let session: BrowserSession;
  let dir: string;
  let slideCount: number;

  beforeAll(async () => {
    session = sharedSession();
    dir = await exampleProject();
    const result = await build({ cwd: dir, session, outlines: [OUTLINE], formats: ['html', 'png'] });
    slideCount = result.slides.get(NAME)!;
  });
  afterAll(() => session.close());

  it('writes one 1280×720 image per slide, 001.png to NNN.png', async () => {
    const names = (await readdir(path.join(dir, 'out', NAME))).sort();
    expect(slideCount).toBeGreaterThan(10);
    expect(names).toEqual(Array.from({ length: slideCount }, (_, i) => `${String(i + 1).padStart(3, '0')}.png`));
    const hashes = new Set<string>();
    for (const name of names) {
      const bytes = await readFile(path.join(dir, 'out', NAME, name));
      expect(pngSize(bytes)).toEqual({ width: 1280, height: 720 });
      hashes.add(createHash('sha256').update(bytes).digest('hex'));
    }
    // Each image its own slide (the example has no two slides alike).
    expect(hashes.size).toBe(slideCount);
  });

  it('shows the title slide: its image is not one colour, light text on the dark title background', async () => {
    const { gray } = pngGray(await readFile(path.join(dir, 'out', NAME, '001.png')));
    expect(grayVariance(gray)).toBeGreaterThan(100);
    const light = gray.filter((g) => g > 200).length / gray.length;
    expect(light).toBeGreaterThan(0.005);
    expect(light).toBeLessThan(0.3);
    // A slide of bullets: dark text on white.
    const { gray: bullets } = pngGray(await readFile(path.join(dir, 'out', NAME, '004.png')));
    expect(bullets.filter((g) => g > 240).length / bullets.length).toBeGreaterThan(0.7);
    expect(grayVariance(bullets)).toBeGreaterThan(100);
  });

  it("names the title slide's preview image, beside the deck, in the HTML deck's Open Graph and Twitter tags", async () => {
    const html = await readFile(path.join(dir, 'out', `${NAME}.html`), 'utf8');
    expect(meta(html, 'og:image')).toBe(`${NAME}.thumb.png`);
    expect(meta(html, 'twitter:image')).toBe(`${NAME}.thumb.png`);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'og:title')).toBe('Установление дипломатических отношений между СССР и Японией');
    expect(meta(html, 'og:description')).toBe('Пекинская конвенция 20 января 1925 г.');
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('675');
    // Still self-contained: nothing is fetched.
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    const thumb = await readFile(path.join(dir, 'out', `${NAME}.thumb.png`));
    expect(pngSize(thumb)).toEqual({ width: 1200, height: 675 });
    expect(grayVariance(pngGray(thumb).gray)).toBeGreaterThan(100);
  });

  it('answers a second build with nothing changed from the cache, images and preview included', async () => {
    const events: BuildEvent[] = [];
    await build({ cwd: dir, session, outlines: [OUTLINE], formats: ['html', 'png'], onEvent: (e) => events.push(e) });
    const outputs = events.filter((e) => e.type === 'output');
    expect(outputs.map((e) => e.format).sort()).toEqual(['html', 'png', 'thumb']);
    expect(outputs.every((e) => e.cached)).toBe(true);
  });

  it('makes the images again when one of them was changed on disk', async () => {
    const file = path.join(dir, 'out', NAME, '002.png');
    await writeFile(file, 'not an image');
    const events: BuildEvent[] = [];
    await build({ cwd: dir, session, outlines: [OUTLINE], formats: ['html', 'png'], onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'output' && e.format === 'png')).toMatchObject({ cached: false, files: slideCount });
    expect(pngSize(await readFile(file))).toEqual({ width: 1280, height: 720 });
  });

  it('gives the preview image an absolute address under the config’s site_url', async () => {
    await writeFiles(dir, { 'lectern.config.yaml': 'site_url: https://example.edu/lectures\n' });
    await build({ cwd: dir, session, outlines: [OUTLINE], formats: ['html', 'pdf'] });
    const html = await readFile(path.join(dir, 'out', `${NAME}.html`), 'utf8');
    expect(meta(html, 'og:image')).toBe(`https://example.edu/lectures/${NAME}.thumb.png`);
    expect(meta(html, 'twitter:image')).toBe(`https://example.edu/lectures/${NAME}.thumb.png`);
    expect(meta(html, 'og:url')).toBe(`https://example.edu/lectures/${NAME}.html`);
  });

  it('reports a site_url that is not an http(s) address at its line, and builds nothing', async () => {
    const other = await exampleProject();
    await writeFiles(other, { 'lectern.config.yaml': 'lang: ru\nsite_url: ftp://example.edu/lectures\n' });
    const err = await build({ cwd: other, session, outlines: [OUTLINE] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LecternError);
    const problem = (err as LecternError).problems[0]!;
    expect(problem).toMatchObject({ severity: 'error', code: 'config/site-url', file: path.join(other, 'lectern.config.yaml'), line: 2 });
    expect(problem.message).toContain('ftp://example.edu/lectures');
    await expect(readdir(path.join(other, 'out'))).rejects.toThrow();
  });

  it('writes the HTML deck without a preview image when the build starts no browser (--format md,html)', async () => {
    const other = await exampleProject();
    await build({ cwd: other, outlines: [OUTLINE], formats: ['md', 'html'] });
    const html = await readFile(path.join(other, 'out', `${NAME}.html`), 'utf8');
    expect(meta(html, 'og:image')).toBeUndefined();
    expect(meta(html, 'twitter:card')).toBe('summary');
    expect(meta(html, 'og:title')).toBe('Установление дипломатических отношений между СССР и Японией');
    expect((await readdir(path.join(other, 'out'))).filter((n) => !n.startsWith('.')).sort()).toEqual([`${NAME}.html`, `${NAME}.md`]);
  });
});

describe('the images folder', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = sharedSession();
  });
  afterAll(() => session.close());

  it('--png-scale 0.5 gives 640 px; a 4:3 deck is 1280 wide too', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'outlines/small.yaml': smallOutline(3), 'outlines/square.yaml': smallOutline(2, '4:3') });
    await build({ cwd: dir, session, formats: ['png'], pngScale: 0.5 });
    for (const n of ['001', '002', '003']) expect(pngSize(await readFile(path.join(dir, 'out/small', `${n}.png`)))).toEqual({ width: 640, height: 360 });
    await build({ cwd: dir, session, formats: ['png'] });
    expect(pngSize(await readFile(path.join(dir, 'out/small/001.png')))).toEqual({ width: 1280, height: 720 });
    expect(pngSize(await readFile(path.join(dir, 'out/square/001.png')))).toEqual({ width: 1280, height: 960 });
  });

  it("removes a shorter deck's stale images that Lectern wrote, and nothing of the user's", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'outlines/small.yaml': smallOutline(5) });
    await build({ cwd: dir, session, formats: ['png'] });
    const folder = path.join(dir, 'out/small');
    expect(await readdir(folder)).toHaveLength(5);
    // Fewer slides: the folder (only Lectern's images) is replaced whole.
    await writeFiles(dir, { 'outlines/small.yaml': smallOutline(3) });
    await build({ cwd: dir, session, formats: ['png'] });
    expect((await readdir(folder)).sort()).toEqual(['001.png', '002.png', '003.png']);
    // A file of the user's in the folder, and a 009.png Lectern did not write: both stay; the stale 004.png and 005.png go.
    await writeFiles(dir, { 'outlines/small.yaml': smallOutline(5) });
    await build({ cwd: dir, session, formats: ['png'] });
    await writeFiles(dir, { 'out/small/notes.txt': 'mine', 'out/small/009.png': 'mine too', 'outlines/small.yaml': smallOutline(2) });
    await build({ cwd: dir, session, formats: ['png'] });
    expect((await readdir(folder)).sort()).toEqual(['001.png', '002.png', '009.png', 'notes.txt']);
    expect(await readFile(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(path.join(folder, '009.png'), 'utf8')).toBe('mine too');
    // No temporary folders left beside it.
    expect((await readdir(path.join(dir, 'out'))).filter((n) => n !== '.lectern')).toEqual(['small']);
  });
});

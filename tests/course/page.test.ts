/**
 * The course page as a student meets it (issue 21): a course of the example
 * lecture and two short ones (one a draft) built in one go; out/index.html
 * opened from file:// in real Chromium — its links all lead to files in out/
 * (the combined PDFs among them, at the top),
 * its search finds a word that only one lecture's notes-cited passage has
 * (in another form of the word: stemming), drafts stay out, axe finds nothing,
 * and it reads on a 390 px phone.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type CourseBuildResult } from '../../src/course/build.js';
import { courseProject } from '../helpers/course.js';
import { sharedSession } from '../helpers/project.js';
import { hall, watch, type Hall } from '../render/hall-setup.js';

const require = createRequire(import.meta.url);

describe('lectern build course.yaml', () => {
  let dir: string;
  let built: CourseBuildResult;
  let url: string;
  let h: Hall;

  beforeAll(async () => {
    dir = await courseProject();
    const session = sharedSession();
    try {
      built = await buildCourse('course.yaml', { cwd: dir, session });
    } finally {
      await session.close();
    }
    url = pathToFileURL(path.join(dir, 'out', 'index.html')).href;
    h = await hall();
  }, 240_000);
  afterAll(() => h?.close());

  const open = async (width = 1280, bypassCsp = false): Promise<{ page: Page; seen: ReturnType<typeof watch> }> => {
    const page = await h.context.newPage();
    await page.setViewport({ width, height: 800 });
    if (bypassCsp) await page.setBypassCSP(true);
    const seen = watch(page, url);
    await page.goto(url, { waitUntil: 'load' });
    return { page, seen };
  };

  const search = async (page: Page, words: string) => {
    const box = (await page.$('input[type=search]'))!;
    await box.click({ clickCount: 3 });
    await box.type(words);
    await page.waitForFunction(
      (w) =>
        document.querySelector('#course-search-status')?.textContent !== '' && (document.querySelector('input[type=search]') as HTMLInputElement).value === w,
      { timeout: 5000 },
      words,
    );
    await new Promise((r) => setTimeout(r, 150));
    return page.$$eval('#course-search-results li', (items) =>
      items.map((li) => ({
        heading: li.querySelector('a')?.textContent ?? '',
        href: li.querySelector('a')?.getAttribute('href') ?? '',
        marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );
  };

  it('builds every lecture, drafts too, and lists the published ones with their numbers, dates, titles and slide counts', async () => {
    expect(built.lectures.map((l) => [l.name, l.status, l.lecture.number])).toEqual([
      ['ussr-japan-1925', 'ready', 7],
      ['locarno-1925', 'ready', 8],
      ['washington-1922', 'draft', 9],
    ]);
    await stat(path.join(dir, 'out', 'washington-1922.html'));
    const { page } = await open();
    const lectures = await page.$$eval('.lectures > li', (items) =>
      items.map((li) => li.querySelector('h3')!.textContent + ' | ' + li.querySelector('.lecture-meta')!.textContent),
    );
    expect(lectures).toEqual([
      'Лекция 7. Установление дипломатических отношений между СССР и Японией | 3 марта 2026 · 15 слайдов',
      'Лекция 8. Локарнские соглашения | 10 марта 2026 · 4 слайда',
    ]);
    expect(await page.$eval('body', (b) => b.textContent)).not.toContain('Вашингтонская');
    await page.close();
  });

  it('links only to files that exist in out/, and shows each thumbnail from file://', async () => {
    const { page, seen } = await open();
    const links = await page.$$eval('a[href], img[src]', (els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src')!));
    const files = [...new Set(links.filter((l) => !l.startsWith('#') && !/^(https?|ftp):/.test(l)).map((l) => decodeURIComponent(l.replace(/#.*$/, ''))))];
    expect(files).toContain('ussr-japan-1925.reading.pdf');
    expect(files).toContain('locarno-1925.pdf');
    // The combined PDFs, written before the page in the same build, at the top in the course's language.
    const top = await page.$$eval('header a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(top).toEqual([
      ['course.reading.pdf', 'Хрестоматия курса (PDF)'],
      ['course.handouts.pdf', 'Все раздаточные материалы (PDF)'],
    ]);
    for (const f of files) expect((await stat(path.join(dir, 'out', f))).isFile(), f).toBe(true);
    const anchors = links.filter((l) => l.startsWith('#'));
    for (const a of anchors) expect(await page.$(a), a).not.toBeNull();
    const thumbs = await page.$$eval('.lectures img', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(thumbs).toEqual([1200, 1200]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('writes the course files once: a second build with nothing changed reports them unchanged and leaves the page as it was', async () => {
    const names = (files: string[]) => files.map((f) => path.basename(f)).sort();
    expect(names(built.changed)).toEqual(['course.handouts.pdf', 'course.manifest.json', 'course.reading.pdf', 'index.html']);
    const page = path.join(dir, 'out', 'index.html');
    const before = (await stat(page)).mtimeMs;
    const session = sharedSession();
    try {
      const again = await buildCourse('course.yaml', { cwd: dir, session });
      expect(names(again.outputs)).toEqual(names(built.outputs));
      expect(again.changed).toEqual([]);
    } finally {
      await session.close();
    }
    expect((await stat(page)).mtimeMs).toBe(before);
  }, 120_000);

  it('finds a word of a passage only one lecture cites in its notes, in another form of the word, and leaves drafts out', async () => {
    const { page, seen } = await open();
    // «демилитаризованной» is in locarno#p2, which lecture 8 cites in a slide's notes; nothing else has the word.
    const found = await search(page, 'демилитаризованная');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.heading.startsWith('Лекция 8: Локарнские соглашения'))).toBe(true);
    expect(found[0]!.marked).toEqual(['демилитаризованной']);
    expect(found[0]!.href).toBe('locarno-1925.html#3');
    // Case and ё/е folded: «Рейнский» written «РЕЙНСКИЙ».
    expect((await search(page, 'РЕЙНСКИЙ')).length).toBeGreaterThan(0);
    // The draft lecture's passage is nowhere.
    expect(await search(page, 'гидроавианосцев')).toEqual([]);
    expect(await page.$eval('#course-search-status', (s) => s.textContent)).toBe('Ничего не найдено');
    // A slide title of lecture 7, by a stem.
    const slides = await search(page, 'предпосылка');
    expect(slides.some((r) => r.heading.startsWith('Лекция 7') && r.href.startsWith('ussr-japan-1925.html#'))).toBe(true);
    expect(seen.errors).toEqual([]);
    expect(seen.requests.filter((r) => !r.endsWith('.thumb.png'))).toEqual([]);
    await page.close();
  });

  it('is axe clean, with and without search results', async () => {
    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    const { page } = await open(1280, true);
    await page.addScriptTag({ content: axeSource });
    const run = async () =>
      (await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run())).violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    expect(await run()).toEqual([]);
    await search(page, 'конвенция');
    expect(await run()).toEqual([]);
    await page.close();
  });

  it('reads on a phone: 390 px wide without sideways scrolling, text at least 16 px', async () => {
    const { page } = await open(390);
    await search(page, 'конвенция');
    const { scroll, smallest } = await page.evaluate(() => {
      const sizes = [...document.querySelectorAll('body *')]
        .filter(
          (e) =>
            [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '') && (e as HTMLElement).offsetParent !== null && !e.closest('.vh'),
        )
        .map((e) => parseFloat(getComputedStyle(e).fontSize));
      return { scroll: document.documentElement.scrollWidth, smallest: Math.min(...sizes) };
    });
    expect(scroll).toBeLessThanOrEqual(390);
    expect(smallest).toBeGreaterThanOrEqual(16);
    await page.close();
  });
});

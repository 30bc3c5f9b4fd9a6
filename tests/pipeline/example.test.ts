/**
 * The user's story: build the example lecture, open the PDF, find the quoted
 * sentence on its slide's page; break a reference and see the error at the
 * outline's line while the last good outputs stay.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Marp } from '@marp-team/marp-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { main } from '../../src/cli/main.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { flat, pdfFacts, pdfText } from '../helpers/pdf.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

const SENTENCE = 'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.';

describe('the example lecture', () => {
  let dir: string;
  let session: BrowserSession;
  let slideCount: number;

  beforeAll(async () => {
    dir = await exampleProject();
    session = sharedSession();
    const result = await build({ cwd: dir, session, outlines: ['outlines/ussr-japan-1925.yaml'] });
    slideCount = result.slides.get('ussr-japan-1925')!;
  });
  afterAll(() => session.close());

  it('writes md, html and pdf into out/', async () => {
    for (const ext of ['md', 'html', 'pdf']) {
      expect((await stat(path.join(dir, 'out', `ussr-japan-1925.${ext}`))).size).toBeGreaterThan(1000);
    }
    expect(slideCount).toBeGreaterThanOrEqual(12);
    expect(slideCount).toBeLessThanOrEqual(16);
  });

  it('prints one 16:9 page per slide with every font embedded', async () => {
    const facts = await pdfFacts(path.join(dir, 'out', 'ussr-japan-1925.pdf'));
    expect(facts.pages).toBe(slideCount);
    for (const size of facts.sizes) expect(size.width / size.height).toBeCloseTo(16 / 9, 2);
    expect(facts.fonts.length).toBeGreaterThan(0);
    expect(facts.fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(facts.fonts.some((f) => /PTSans|PT-Sans|PT_Sans/i.test(f.name))).toBe(true);
  });

  it('has the quoted sentence as text on the page of the slide that cites it', async () => {
    const pages = (await pdfText(path.join(dir, 'out', 'ussr-japan-1925.pdf'))).map(flat);
    const outline = await readFile(path.join(dir, 'outlines', 'ussr-japan-1925.yaml'), 'utf8');
    // "terms" is the slide whose second bullet is conv#p2.s3.
    const ids = [...outline.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
    const page = ids.indexOf('terms');
    expect(page).toBeGreaterThan(0);
    expect(pages[page]).toContain(SENTENCE);
    // In GOST (citation_style: gost): the source by its number, the paragraph by CSL's Russian term.
    expect(pages[page]).toContain('[1, п. 2]');
    expect(pages.filter((p) => p.includes(SENTENCE)).length).toBeGreaterThanOrEqual(1);
  });

  it('cites in GOST on its slides and lists a GOST bibliography on the sources slide, the further reading included', async () => {
    const pages = (await pdfText(path.join(dir, 'out', 'ussr-japan-1925.pdf'))).map(flat);
    const outline = await readFile(path.join(dir, 'outlines', 'ussr-japan-1925.yaml'), 'utf8');
    const ids = [...outline.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
    expect(pages[ids.indexOf('background')]).toContain('[1, п. 1]');
    // The economy slide cites the source and, with cite:, Lensen's monograph: [2].
    expect(pages[ids.indexOf('economy')]).toContain('[1, п. 3], [2]');
    const sources = pages[pages.length - 1]!;
    expect(sources).toContain('1. Установление дипломатических отношений между СССР и Японией // Учебник истории (фрагмент; издание не установлено).');
    expect(sources).toContain('2. Lensen G.A. Japanese Recognition of the U.S.S.R.: Soviet-Japanese Relations, 1921–1930.');
    expect(sources).not.toContain('Отношения СССР и Японии, абз.');
  });

  it('writes Marp markdown that Marp renders to the same number of slides', async () => {
    const md = await readFile(path.join(dir, 'out', 'ussr-japan-1925.md'), 'utf8');
    expect(md.startsWith('---\nmarp: true\n')).toBe(true);
    const { html } = new Marp().render(md);
    expect(html.match(/<section\b/g)?.length).toBe(slideCount);
  });

  it('writes a self-contained HTML deck that fetches nothing', async () => {
    const html = await readFile(path.join(dir, 'out', 'ussr-japan-1925.html'), 'utf8');
    expect(html).toContain('<html lang="ru">');
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(["']?(?:https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
  });

  it('moves between slides with the arrow keys, and the hash follows', async () => {
    const file = path.join(dir, 'out', 'ussr-japan-1925.html');
    await session.withPage(async (page) => {
      await page.goto(`file://${file}`);
      const visible = () =>
        page.evaluate(() => [...document.querySelectorAll('svg[data-marpit-svg]')].findIndex((s) => getComputedStyle(s).display !== 'none'));
      expect(await visible()).toBe(0);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await visible()).toBe(2);
      expect(await page.evaluate(() => location.hash)).toBe('#3');
      await page.keyboard.press('ArrowLeft');
      expect(await visible()).toBe(1);
      await page.keyboard.press('End');
      expect(await visible()).toBe(slideCount - 1);
    });
  });

  it('fails on a paragraph that does not exist, at the outline line, leaving the outputs as they were', async () => {
    const outlineFile = path.join(dir, 'outlines', 'ussr-japan-1925.yaml');
    const before = await readFile(path.join(dir, 'out', 'ussr-japan-1925.html'));
    const text = await readFile(outlineFile, 'utf8');
    const broken = text.replace('ref: conv#p2.s3\n', 'ref: conv#p9.s3\n');
    expect(broken).not.toBe(text);
    await writeFile(outlineFile, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('conv#p9.s3')) + 1;
    let stderr = '';
    const code = await main(['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,html'], { cwd: dir, out: () => undefined, err: (s) => (stderr += s) });
    await writeFile(outlineFile, text);
    expect(code).toBe(1);
    expect(stderr).toContain(`outlines/ussr-japan-1925.yaml:${line}:`);
    expect(stderr).toContain('p9');
    expect(stderr).toMatch(/p1–p5/);
    expect(await readFile(path.join(dir, 'out', 'ussr-japan-1925.html'))).toEqual(before);
  });
});

/**
 * Overflow is measured as printed: a slide is reported only when something
 * of it is really cut off (or its text runs into the citation), never when
 * its content merely reaches into the slide's bottom padding.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { Problem } from '../../src/errors.js';
import { measureSlides, overflowProblems, overflows } from '../../src/print/overflow.js';
import type { Deck } from '../../src/deck/model.js';
import { ROOT, exampleProject, sharedSession, writeFiles } from '../helpers/project.js';
import { pdfText } from '../helpers/pdf.js';

const session = sharedSession();
afterAll(() => session.close());

async function overflowOf(slides: string): Promise<{ warnings: Problem[]; dir: string }> {
  const dir = await exampleProject();
  await mkdir(path.join(dir, 'images'));
  await copyFile(path.join(ROOT, 'tests/fixtures/images/railroads.png'), path.join(dir, 'images/railroads.png'));
  await writeFiles(dir, { 'outlines/o.yaml': `title: O\nlang: en\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n${slides}` });
  const result = await build({ cwd: dir, outlines: ['outlines/o.yaml'], formats: ['pdf'], session, force: true });
  return { warnings: result.warnings.filter((w) => w.code === 'render/overflow'), dir };
}

describe('overflow, measured as printed', () => {
  it('an image with a caption that reaches into the bottom padding is not reported', async () => {
    const { warnings, dir } = await overflowOf(
      '  - title: A chart\n    image:\n      path: ../images/railroads.png\n      alt: Bars rising\n      caption: Railroad mileage, 1870–1910 (illustrative)\n      credit: Lectern tests\n',
    );
    expect(warnings).toEqual([]);
    // The caption is there in the PDF, whole.
    expect((await pdfText(path.join(dir, 'out/o.pdf')))[0]).toContain('Railroad mileage, 1870–1910');
  });

  it('text cut off at the bottom is reported with the slide and by how much', async () => {
    const long = Array.from({ length: 16 }, (_, i) => `Line ${i + 1} of raw Markdown.`).join('\\n\\n');
    const { warnings, dir } = await overflowOf(`  - title: Too much\n    md: "${long}"\n`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^slide 1 «Too much» does not fit: its content is \d+px too tall and is cut off$/);
    expect(warnings[0]).toMatchObject({ line: 6 });
    // A slide's own Markdown body is shown (it was left out before).
    expect((await pdfText(path.join(dir, 'out/o.pdf')))[0]).toContain('Line 1 of raw Markdown.');
  });

  it('body text running into the citation is reported; body text in the padding above it is not', async () => {
    // A slide laid out as Marp lays one out, measured by the same function a build uses.
    const slide = (bodyTop: number) =>
      `<svg data-marpit-svg viewBox="0 0 1280 720" width="640" height="360"><foreignObject width="1280" height="720"><section style="position:relative;box-sizing:border-box;width:1280px;height:720px;padding:56px 72px 84px;overflow:hidden;font:34px/1.35 'PT Sans'">` +
      `<p style="margin:0;position:relative;top:${bodyTop}px">Body text</p><div class="cite" style="position:absolute;left:72px;bottom:26px;font-size:18px;line-height:1.25"><p style="margin:0">Source, para. 2</p></div></section></foreignObject></svg>`;
    await session.withPage(async (page) => {
      // Body text at 600–646 px (in the padding, above the citation at 671–694), at 656–702 (on it), at 700–746 (cut).
      await page.setContent(`<!DOCTYPE html><body style="margin:0">${slide(544)}${slide(600)}${slide(644)}</body>`);
      const found = overflows(await measureSlides(page));
      expect(found.map((o) => o.index)).toEqual([1, 2]);
      expect(found[0]!.cite).toBeGreaterThan(0);
      expect(found[0]!.y).toBe(0);
      expect(found[1]!.y).toBeGreaterThan(20);
    });
  });

  it('reads a formula’s scripts, limits and inline fractions as small print, and its own size as body text', async () => {
    const require = createRequire(import.meta.url);
    // KaTeX's sizes without its faces (nothing to fetch in this page).
    const css = (await readFile(require.resolve('katex/dist/katex.css'), 'utf8')).replace(/@font-face\s*\{[^}]*\}/g, '');
    const formula = katex.renderToString('\\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}', { throwOnError: true });
    const slide = (size: number) =>
      `<svg data-marpit-svg viewBox="0 0 1280 720" width="1280" height="720"><foreignObject width="1280" height="720"><section style="box-sizing:border-box;width:1280px;height:720px;padding:56px 72px;font:28px/1.35 'PT Sans'">` +
      `<p style="margin:0">Basel: <span style="font-size:${size}px">${formula}</span></p></section></foreignObject></svg>`;
    await session.withPage(async (page) => {
      // Body text at 28 px with a formula of that size (set at 1.21em, its scripts at 0.7 and 0.5 of that), then with one at 16 px (the formula itself under 24 px).
      await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body style="margin:0">${slide(28)}${slide(16)}</body></html>`);
      const measures = await measureSlides(page);
      expect(measures[0]!.smallest.body!.size).toBeCloseTo(28, 1);
      expect(measures[0]!.smallest.small!.size).toBeCloseTo(28 * 1.21 * 0.5, 0);
      const found = overflows(measures);
      expect(found.map((o) => o.index)).toEqual([1]);
      expect(found[0]!.small).toMatchObject({ kind: 'body', floor: 24 });
      expect(found[0]!.small!.size).toBeCloseTo(16 * 1.21, 1);
      expect(found[0]!.small!.text).toContain('=');
      // Small print has its own floor: the scripts of a 28 px line are 17 px, above 16 but under 18.
      const scripts = overflows(measures.slice(0, 1), { body: 24, small: 18 });
      expect(scripts[0]!.small).toMatchObject({ kind: 'small' });
      expect(overflowProblems({ slides: [] } as unknown as Deck, scripts)[0]!.message).toContain(
        'small print (citations, captions, page numbers, a formula’s scripts)',
      );
    });
  });
});

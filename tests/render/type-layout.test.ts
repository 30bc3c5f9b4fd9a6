/**
 * Typography of the example deck as the audience sees it, measured in real
 * Chromium at 1280×720: titles at one height on every content slide, a
 * timeline whose dates never wrap and whose descriptions start at one x,
 * the text slide hyphenated by Lectern and justified without wide gaps, no
 * title ending on a word alone, and a file that carries only the glyphs it
 * shows (no italics unless used; the citation's arrow drawn, not taken from
 * a system font).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { Problem } from '../../src/errors.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { embeddedCodePoints } from '../../src/render/fonts.js';
import { exampleProject, sharedSession } from '../helpers/project.js';
import { flat, pdfText } from '../helpers/pdf.js';

const NAME = 'ussr-japan-1925';

describe('typography of the example deck', () => {
  let dir: string;
  let session: BrowserSession;
  let warnings: Problem[];

  beforeAll(async () => {
    dir = await exampleProject();
    session = sharedSession();
    warnings = (await build({ cwd: dir, session, outlines: [`outlines/${NAME}.yaml`], formats: ['md', 'html', 'pdf'] })).warnings;
  });
  afterAll(() => session.close());

  /** The deck in a page, every slide shown at its own size, fonts loaded. */
  async function inDeck<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    return session.withPage(async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(path.join(dir, 'out', `${NAME}.html`)).href);
      await page.addStyleTag({ content: 'svg[data-marpit-svg] { display: block !important; width: 1280px !important; height: 720px !important; }' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return fn(page);
    });
  }

  it('puts every content slide’s title at the same height (title and section slides stay centred)', async () => {
    const tops = await inDeck((page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('section')]
          .filter((s) => !s.classList.contains('title') && !s.classList.contains('section'))
          .map((s) => {
            const h = s.querySelector('h1, h2');
            return h ? Math.round(h.getBoundingClientRect().top - s.getBoundingClientRect().top) : -1;
          }),
      ),
    );
    expect(tops.length).toBeGreaterThanOrEqual(8);
    expect(tops.filter((t) => t >= 0).length).toBe(tops.length);
    expect(new Set(tops).size).toBe(1);
    expect(tops[0]).toBeLessThan(80);
  });

  it('keeps every timeline date on one line and starts every description at one x', async () => {
    const rows = await inDeck((page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('.timeline li')].map((li) => {
          const date = li.querySelector('strong')!;
          const event = li.querySelector('.event')!;
          const range = document.createRange();
          range.selectNodeContents(date);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return { date: date.textContent, dateLines: lines.size, eventLeft: Math.round(event.getBoundingClientRect().left) };
        }),
      ),
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r.date?.replace(/\s+/g, ' '))).toContain('5 сентября 1905 г.');
    for (const r of rows) expect(r.dateLines, r.date ?? '').toBe(1);
    expect(new Set(rows.map((r) => r.eventLeft)).size).toBe(1);
  });

  it('hyphenates the text slide in the HTML only, and justifies it without wide gaps', async () => {
    const html = await readFile(path.join(dir, 'out', `${NAME}.html`), 'utf8');
    const md = await readFile(path.join(dir, 'out', `${NAME}.md`), 'utf8');
    expect(html).toContain('\u00ad');
    expect(md).not.toContain('\u00ad');
    const text = await inDeck((page) =>
      page.evaluate(() => {
        const section = document.querySelector('section.text')!;
        const para = section.querySelector(':scope > p')!;
        const node = para.firstChild as Text;
        const size = parseFloat(getComputedStyle(para).fontSize);
        // Each space's width in em, by line (the last line is set loose, not justified).
        const spaces: Array<{ top: number; em: number }> = [];
        for (let i = 0; i < node.data.length; i++) {
          if (node.data[i] !== ' ') continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0) spaces.push({ top: Math.round(rect.top), em: rect.width / size });
        }
        const last = Math.max(...spaces.map((s) => s.top));
        return {
          data: node.data,
          align: getComputedStyle(para).textAlign,
          family: getComputedStyle(para).fontFamily,
          widest: Math.max(...spaces.filter((s) => s.top !== last).map((s) => s.em)),
          lines: new Set(spaces.map((s) => s.top)).size,
          cite: section.querySelector('.cite')!.textContent,
          citeSize: parseFloat(getComputedStyle(section.querySelector('.cite p')!).fontSize),
          citeFamily: getComputedStyle(section.querySelector('.cite p')!).fontFamily,
        };
      }),
    );
    expect(text.data).toContain('\u00ad');
    expect(text.align).toBe('justify');
    expect(text.lines).toBeGreaterThanOrEqual(3);
    // PT Serif's space is about 0.25em: justified lines may stretch it, never to a gap (it was over 1em).
    expect(text.widest).toBeLessThan(0.6);
    // The citation is as on every slide: sans, 18 px, not hyphenated.
    expect(text.cite).not.toContain('\u00ad');
    expect(text.citeSize).toBe(18);
    expect(text.citeFamily).toMatch(/^"?PT Sans/);
    // The PDF reads as the text was written, soft hyphens and the hyphens of broken words aside.
    const pages = (await pdfText(path.join(dir, 'out', `${NAME}.pdf`))).map(flat);
    expect(pages.join(' ')).toContain('рассчитанной на провоцирование конфликтов');
  });

  it('leaves no word alone on the last line of a title', async () => {
    const titles = await inDeck((page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('section h1, section h2')].map((h) => {
          const node = h.firstChild as Text | null;
          const tops: number[] = [];
          const words = [...(node?.data ?? '').matchAll(/\S+/g)];
          for (const w of words) {
            const range = document.createRange();
            range.setStart(node!, w.index);
            range.setEnd(node!, w.index + w[0].length);
            tops.push(Math.round(range.getBoundingClientRect().top));
          }
          const last = Math.max(...tops);
          return { text: h.textContent, lines: new Set(tops).size, onLast: tops.filter((t) => t === last).length, wrap: getComputedStyle(h).textWrap };
        }),
      ),
    );
    expect(titles.some((t) => t.lines > 1)).toBe(true);
    for (const t of titles) {
      expect(t.wrap, t.text ?? '').toMatch(/balance/);
      if (t.lines > 1) expect(t.onLast, t.text ?? '').toBeGreaterThan(1);
    }
  });

  it('reports no text too small to read and no missing glyph on the example', () => {
    expect(warnings.filter((w) => ['render/too-small', 'render/missing-glyph', 'render/overflow'].includes(w.code))).toEqual([]);
  });

  it('is at most 200 KB: fonts cut to the glyphs shown, no italic face when nothing is italic', async () => {
    const file = path.join(dir, 'out', `${NAME}.html`);
    expect((await stat(file)).size).toBeLessThanOrEqual(200 * 1024);
    const html = await readFile(file, 'utf8');
    const faces = [...html.matchAll(/@font-face \{[^}]*\}/g)].map((m) => m[0]);
    expect(faces.length).toBeGreaterThan(0);
    expect(faces.filter((f) => /font-style: italic/.test(f))).toEqual([]);
    expect(faces.some((f) => /font-weight: 700/.test(f))).toBe(true);
  });

  it('draws every character of the slides with an embedded font; the citation’s arrow is drawn, not a glyph', async () => {
    const drawn = embeddedCodePoints();
    const seen = await inDeck((page) =>
      page.evaluate(() => {
        const chars = new Set<string>();
        for (const s of document.querySelectorAll('section')) for (const ch of s.textContent ?? '') chars.add(ch);
        const p = document.querySelector('section .cite p')!;
        return {
          chars: [...chars],
          before: getComputedStyle(p, '::before').content,
          after: getComputedStyle(p, '::after').content,
          faces: [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.style} ${f.status}`),
          citeFont: document.fonts.check(`18px "PT Sans"`, 'Отношения СССР и Японии, абз. 1'),
        };
      }),
    );
    const outside = seen.chars.filter((ch) => !/[\s\u00ad]/.test(ch) && !drawn.has(ch.codePointAt(0)!));
    expect(outside).toEqual([]);
    // The ↳ before a citation is two drawn shapes (PT Sans has no arrows): no fallback font.
    expect(seen.before).toBe('""');
    expect(seen.after).toBe('""');
    expect(seen.citeFont).toBe(true);
    expect(seen.faces.filter((f) => f.endsWith('error'))).toEqual([]);
  });
});

/**
 * The reading view (issue 20), in real Chromium: on a phone held upright
 * (390×844) the example deck opens as one page of slides to scroll, where no
 * visible text is under 16 CSS px (a 16:9 slide at that width would show
 * 10 px body text and 5.5 px citations), every slide's citation is there, the
 * order and headings are the deck's, and the speaker notes show only when the
 * file was published with them; on a laptop V and a labelled toolbar button
 * turn it on and off; axe finds nothing in it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { exampleProject, sharedSession } from '../helpers/project.js';
import { buildExample, hall, openDeck, shown, type Hall, type HallDeck } from './hall-setup.js';

const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const require = createRequire(import.meta.url);

/** Every piece of text a reader can see, with its computed size; and whether the page is wider than the screen. */
function visibleText(page: Page) {
  return page.evaluate(() => {
    const found: Array<{ text: string; size: number }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/[\s\u00ad]+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style')) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      // Text clipped to nothing (the screen-reader-only live region) is not seen.
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width < 2 || box.height < 2) continue;
      found.push({ text, size: Number.parseFloat(getComputedStyle(parent).fontSize) });
    }
    return { found, wide: document.documentElement.scrollWidth > innerWidth + 1 };
  });
}

/** Per slide: its heading and citation as the slide shows them, and the reading view's article for it. */
function slidesAndArticles(page: Page) {
  return page.evaluate(() => {
    const clean = (s: string | null | undefined) => (s ?? '').replace(/[\s\u00ad]+/g, ' ').trim();
    const slides = [...document.querySelectorAll('.lectern-deck > .marpit > svg[data-marpit-svg]')];
    const articles = [...document.querySelectorAll('.lectern-reading-slide')];
    return {
      slides: slides.map((svg) => ({
        heading: clean(svg.querySelector('h1, h2')?.textContent),
        cite: clean(svg.querySelector('.cite')?.textContent),
        label: svg.getAttribute('aria-label'),
      })),
      articles: articles.map((a) => ({
        heading: clean(a.querySelector('h1, h2')?.textContent),
        text: clean(a.textContent),
        label: a.getAttribute('aria-label'),
        notes: clean(a.querySelector('.lectern-reading-notes')?.textContent),
      })),
      notes: JSON.parse(document.getElementById('lectern-notes')?.textContent ?? 'null') as Array<Array<{ text: string }>> | null,
    };
  });
}

describe('the reading view', () => {
  let deck: HallDeck;
  let h: Hall;
  let published: string;

  beforeAll(async () => {
    deck = await buildExample();
    h = await hall();
    // The same deck published without notes (--no-notes).
    const dir = await exampleProject();
    const session = sharedSession();
    try {
      await build({ cwd: dir, session, formats: ['html'], outlines: [path.join(dir, 'outlines', 'ussr-japan-1925.yaml')], notes: false });
    } finally {
      await session.close();
    }
    published = pathToFileURL(path.join(dir, 'out', 'ussr-japan-1925.html')).href;
  });
  afterAll(() => h?.close());

  it('opens by itself on a phone: text no smaller than 16 px, every citation, the deck’s order, headings and notes', async () => {
    const { page, seen } = await openDeck(h.context, deck.url, PHONE);
    expect(await page.evaluate(() => document.documentElement.classList.contains('lectern-reading-on'))).toBe(true);
    const { found, wide } = await visibleText(page);
    expect(found.length).toBeGreaterThan(100);
    expect(found.filter((t) => t.size < 16)).toEqual([]);
    expect(wide).toBe(false);

    const { slides, articles, notes } = await slidesAndArticles(page);
    expect(articles).toHaveLength(deck.count);
    articles.forEach((a, i) => {
      expect(a.label).toBe(slides[i]!.label);
      expect(a.heading, `slide ${i + 1}`).toBe(slides[i]!.heading);
      if (slides[i]!.cite) expect(a.text, `slide ${i + 1}`).toContain(slides[i]!.cite);
      const first = notes?.[i]?.[0]?.text;
      if (first) expect(a.notes, `slide ${i + 1}`).toContain(first.replace(/\s+/g, ' ').trim());
      else expect(a.notes).toBe('');
    });
    // The example cites on most of its slides, and has notes on several.
    expect(slides.filter((s) => s.cite).length).toBeGreaterThanOrEqual(8);
    expect(articles.filter((a) => a.notes).length).toBeGreaterThanOrEqual(5);
    // Each citation is there at a readable size.
    const citeSizes = await page.$$eval('.lectern-reading .cite', (c) => c.map((e) => Number.parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...citeSizes)).toBeGreaterThanOrEqual(16);

    const dir = path.join(os.tmpdir(), 'lectern-h4-shots');
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'reading-phone.png') });
    await page.evaluate(() => document.querySelectorAll('.lectern-reading-slide')[6]!.scrollIntoView());
    await page.screenshot({ path: path.join(dir, 'reading-phone-7.png') });
    // Swipes and taps scroll and follow links; they do not change slides behind the page.
    await page.touchscreen.tap(300, 400);
    expect(await shown(page)).toBe(0);
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    await page.close();
  });

  it('shows no notes when the deck was published without them', async () => {
    const { page } = await openDeck(h.context, published, PHONE);
    const { articles, notes } = await slidesAndArticles(page);
    expect(notes).toBeNull();
    expect(articles).toHaveLength(deck.count);
    expect(articles.filter((a) => a.notes)).toEqual([]);
    expect(await page.$$('.lectern-reading-notes')).toHaveLength(0);
    await page.close();
  });

  it('turns on and off with V and the toolbar’s button on a laptop, back on the slide that was read', async () => {
    const { page, seen } = await openDeck(h.context, `${deck.url}#3`);
    const on = () => page.evaluate(() => document.documentElement.classList.contains('lectern-reading-on'));
    const button = '.lectern-bar button[aria-label="Режим чтения"]';
    expect(await on()).toBe(false);
    expect(await page.$eval(button, (b) => [b.getAttribute('aria-pressed'), b.getAttribute('aria-keyshortcuts')])).toEqual(['false', 'V']);
    await page.keyboard.press('v');
    expect(await on()).toBe(true);
    expect(await page.$eval(button, (b) => b.getAttribute('aria-pressed'))).toBe('true');
    // The page starts at the slide that was showing; the arrows scroll it rather than change slides.
    expect(await page.$$eval('.lectern-reading-slide', (a) => Math.round(a[2]!.getBoundingClientRect().top))).toBeLessThanOrEqual(1);
    await page.keyboard.press('End');
    // End scrolls smoothly: wait until the page has come to rest at its bottom before reading which slide is at the top.
    await page.waitForFunction(() => scrollY > 1000 && Math.abs(scrollY + innerHeight - document.documentElement.scrollHeight) < 2, { timeout: 5000 });
    // Leaving, the deck shows the slide at the top of the page.
    const top = await page.$$eval('.lectern-reading-slide', (a) => a.findIndex((x) => x.getBoundingClientRect().bottom > 1));
    await page.mouse.move(600, 300);
    await page.click(button);
    expect(await on()).toBe(false);
    expect(await shown(page)).toBe(top);
    expect(await page.evaluate(() => location.hash)).toBe(`#${top + 1}`);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('follows the phone turned on its side until the reader chooses, then keeps the choice for the tab', async () => {
    const { page } = await openDeck(h.context, `${deck.url}#4`, PHONE);
    const on = () => page.evaluate(() => document.documentElement.classList.contains('lectern-reading-on'));
    expect(await on()).toBe(true);
    await page.setViewport({ ...PHONE, width: 844, height: 390 });
    await page.waitForFunction(() => !document.documentElement.classList.contains('lectern-reading-on'), { timeout: 3000 });
    expect(await shown(page)).toBe(3);
    await page.setViewport(PHONE);
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-reading-on'), { timeout: 3000 });
    // The reader taps the button: slides, on this narrow screen too, and after a reload.
    await page.tap('.lectern-bar button[aria-label="Режим чтения"]');
    expect(await on()).toBe(false);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    expect(await on()).toBe(false);
    expect(await shown(page)).toBe(3);
    await page.close();
  });

  it('gives axe nothing to report in the reading view', async () => {
    const { page } = await openDeck(h.context, deck.url, PHONE);
    await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    const found = result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    expect(JSON.stringify(found, null, 1)).toBe('[]');
    await page.close();
  });
});
